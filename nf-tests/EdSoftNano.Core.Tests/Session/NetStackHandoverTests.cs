using EdSoftNano.Simulation;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Session
{
    /// <summary>The session hands the bearer's network stack to the services exactly while CONNECTED.</summary>
    public class NetStackHandoverTests
    {
        [Fact]
        public void NetStack_AcrossConnectionStartAndStop_IsTheBearersOnlyWhileConnected()
        {
            var stack = new HostNetStack();
            var bearer = new FakeBearer { Stack = stack, UpAfterMs = 500 };
            var device = new DeviceHarness(bearer: bearer);
            device.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            var session = device.Firmware.Session;
            Assert.Null(session.NetStack);

            device.Type("AT#CONNECTIONSTART\r");
            Assert.Null(session.NetStack);
            device.Wait(2000);
            Assert.True(session.Connected);
            Assert.Same(stack, session.NetStack);

            device.Send("AT#CONNECTIONSTOP\r");
            device.Wait(5000);
            Assert.False(session.Connected);
            Assert.Null(session.NetStack);
        }

        [Fact]
        public void NetStack_HostNetworkBearer_IsItsHostStackAndClosedOnStop()
        {
            var bearer = new HostNetworkBearer();
            var device = new DeviceHarness(bearer: bearer);
            device.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            device.Send("AT#CONNECTIONSTART\r");
            var stack = Assert.IsType<HostNetStack>(device.Firmware.Session.NetStack);
            Assert.Same(bearer.Stack, stack);
            int socket = stack.UdpOpen(0);
            Assert.True(socket > 0);

            device.Send("AT#CONNECTIONSTOP\r");
            device.Wait(5000);
            Assert.Null(device.Firmware.Session.NetStack);
            Assert.Equal(0, stack.SocketsInUse);
        }
    }
}
