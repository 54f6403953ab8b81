using EdSoftNano.At;
using EdSoftNano.Services.Tcp;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Services.Tcp
{
    /// <summary>
    /// #OTCP, #LTCPSTART, #LTCPSTOP on virtual time: the deadlines the service enforces itself
    /// (connect 37964, close 38018), a stack's send failure (38017) and the parameter checks.
    /// </summary>
    public class TcpServiceTests
    {
        private const string Etx = "\u0003";
        private const string Banner = "\r\nOk_Info_WaitingForData\r\n";

        private static DeviceHarness Connected(FakeTcpStack stack)
        {
            var device = new DeviceHarness(bearer: new FakeBearer { Stack = stack });
            device.Send("AT#APNSERV=\"apn\"\rAT+CGATT=1\r");
            Assert.EndsWith("Ok_Info_GprsActivation\r\n", device.Send("AT#CONNECTIONSTART\r"));
            Assert.Equal(Ok + Ok, device.Send("AT#TCPSERV=1,\"10.0.0.9\"\rAT#TCPPORT=1,23\r"));
            return device;
        }

        [Fact]
        public void Otcp_ServerNeverAnswers_37964AtOurConnectDeadline()
        {
            var stack = new FakeTcpStack { ConnectAnswers = false };
            var device = Connected(stack);

            Assert.Equal("", device.Type("AT#OTCP=1\r"));
            Assert.Equal("", device.Wait(TcpSocket.ConnectDeadlineMs - 100));
            Assert.Equal(Error(ErrorCodes.NoResponseFromServer), device.Wait(200));
            Assert.Equal(0, stack.OpenSockets);
            Assert.Equal(Ok, device.Send("AT#TCPTXDELAY=2,100\r"));
        }

        [Fact]
        public void Otcp_StackGivesUpSending_EtxThen38017()
        {
            var stack = new FakeTcpStack { SendBehaviour = -1, SendError = ErrorCodes.DataSendFailed };
            var device = Connected(stack);
            Assert.Equal(Ok, device.Send("AT#TCPTXDELAY=1,0\r"));

            Assert.Equal(Banner, device.Type("AT#OTCP=1\r"));
            Assert.Equal(Etx + Error(ErrorCodes.DataSendFailed), device.Type("x") + device.Wait(20));
            Assert.Equal(0, stack.OpenSockets);
        }

        [Fact]
        public void Otcp_HostEtxButPeerWindowStaysShut_38018AtOurCloseDeadline()
        {
            var stack = new FakeTcpStack { SendBehaviour = -2 };
            var device = Connected(stack);

            Assert.Equal(Banner, device.Type("AT#OTCP=1\r"));
            Assert.Equal("", device.Type("stuck" + Etx));
            Assert.Equal("", device.Wait(TcpSocket.CloseDeadlineMs - 100));
            Assert.Equal(Etx + Error(ErrorCodes.CloseSessionFailed), device.Wait(200));
            Assert.Equal(0, stack.OpenSockets);
            Assert.Equal(Ok, device.Send("AT#TCPTXDELAY=2,100\r"));
        }

        [Fact]
        public void Otcp_TxDelay_PartialFrameLeavesAfterTcpTxDelay()
        {
            var stack = new FakeTcpStack();
            var device = Connected(stack);
            Assert.Equal(Ok, device.Send("AT#TCPTXDELAY=1,200\r"));

            Assert.Equal(Banner, device.Type("AT#OTCP=1\r"));
            device.Type("ab");
            device.Wait(150);
            device.Type("cd");
            Assert.Empty(stack.Sent);
            device.Wait(100);
            Assert.Equal("abcd", System.Text.Encoding.Latin1.GetString(stack.Sent.ToArray()));
            Assert.Equal(Ok, device.Type(Etx) + device.Wait(20));
        }

        [Fact]
        public void Otcp_PortZero_36929_EmptyServer_38027()
        {
            var device = Connected(new FakeTcpStack());

            Assert.Equal(Error(ErrorCodes.BadParameterConfiguration), device.Send("AT#OTCP=2\r"));
            Assert.Equal(Ok, device.Send("AT#TCPPORT=2,80\r"));
            Assert.Equal(Error(ErrorCodes.DnsFailed), device.Send("AT#OTCP=2\r"));
        }

        [Fact]
        public void Otcp_WithoutSession_35867()
        {
            var device = new DeviceHarness(bearer: new FakeBearer { Stack = new FakeTcpStack() });

            Assert.Equal(Error(ErrorCodes.PhysicalLayerNotActive), device.Send("AT#OTCP=1\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send("AT#OTCP=3\r"));
        }
    }
}
