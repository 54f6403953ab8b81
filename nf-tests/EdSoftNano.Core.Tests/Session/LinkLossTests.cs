using System.Linq;
using EdSoftNano.At;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Session
{
    /// <summary>PHYTIMEOUT, network loss and SIM removal while connected (spec 2.1.6, 9.2).</summary>
    public class LinkLossTests
    {
        private static DeviceHarness Connected(bool gprs, FakeBearer bearer)
        {
            var device = new DeviceHarness(bearer: bearer);
            if (gprs)
            {
                device.Send("AT+CGATT=1\r");
            }
            else
            {
                device.Send("AT#GPRSMODE=0\rAT#DIALN1=\"123\"\r");
            }

            Assert.Contains(gprs ? "Ok_Info_GprsActivation" : "Ok_Info_Ppp", device.Send("AT#CONNECTIONSTART\r"));
            return device;
        }

        [Fact]
        public void PhyTimeout_OneMinuteWithoutTraffic_SaysTimeoutAndHangsUp()
        {
            var bearer = new FakeBearer();
            var device = new DeviceHarness(bearer: bearer);
            device.Send("AT#GPRSMODE=0\rAT#DIALN1=\"123\"\rAT#PHYTIMEOUT=1\r");
            device.Send("AT#CONNECTIONSTART\r");
            Assert.Equal("", device.Wait(59000, 100));
            bearer.LastActivityMs = device.Clock.NowMs;
            Assert.Equal("", device.Wait(59000, 100));
            Assert.StartsWith("\r\nTIMEOUT\r\n", device.Wait(2000, 100));
            device.Wait(5000, 100);
            Assert.Equal("ATH", device.Modem.Received.Last());
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void GsmCarrierLost_NoCarrierAndIdle()
        {
            var bearer = new FakeBearer();
            var device = Connected(false, bearer);
            device.Modem.DropCall();
            Assert.Equal("\r\nNO CARRIER\r\n", device.Wait(10));
            Assert.Equal(1, bearer.Stops);
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void GprsSessionLost_Is35841()
        {
            var bearer = new FakeBearer();
            var device = Connected(true, bearer);
            device.Modem.DropCall(gprsLost: true);
            Assert.StartsWith(Error(ErrorCodes.GprsSessionLost), device.Wait(3000));
            device.Wait(5000);
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void SimRemoved_WhileConnected_Is35871AndIdle()
        {
            var device = Connected(false, new FakeBearer());
            device.Modem.RemoveSim();
            Assert.StartsWith(Error(ErrorCodes.SimRemoved), device.Wait(10));
            device.Wait(5000);
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }
    }
}
