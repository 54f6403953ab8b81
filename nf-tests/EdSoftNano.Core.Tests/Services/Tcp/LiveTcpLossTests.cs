using System.Net;
using System.Net.Sockets;
using EdSoftNano.At;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Services.Tcp
{
    /// <summary>The network goes while #OTCP is in data mode: ETX first, one error, then command mode.</summary>
    public class LiveTcpLossTests
    {
        private static LiveDevice OtcpToAListener(TcpListener server, bool gprs)
        {
            var device = new LiveDevice();
            if (!gprs)
            {
                device.Exchange("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r", "OK\r\n\r\nOK\r\n$");
                device.Exchange("AT#CONNECTIONSTART\r", "Ok_Info_Ppp\r\n$");
            }
            else
            {
                device.Connected();
            }

            int port = ((IPEndPoint)server.LocalEndpoint).Port;
            device.Exchange("AT#TCPSERV=1,\"127.0.0.1\"\rAT#TCPPORT=1," + port + "\r", "OK\r\n\r\nOK\r\n$");
            Assert.Equal("\r\nOk_Info_WaitingForData\r\n", device.Exchange("AT#OTCP=1\r", "WaitingForData\r\n$"));
            return device;
        }

        [Fact]
        public void GprsLost_InDataMode_EtxThen35841Once()
        {
            var server = new TcpListener(IPAddress.Loopback, 0);
            server.Start();
            var device = OtcpToAListener(server, gprs: true);
            device.Modem.DropCall(gprsLost: true);
            Assert.Equal("\u0003\r\n#CME ERROR: " + ErrorCodes.GprsSessionLost + "\r\n", device.ReadUntil("ERROR: [0-9]+\r\n$", 5000));
            Assert.Equal("", device.RunFor(300));
            Assert.Equal("\r\n#STATE: \"IDLE\"\r\n\r\nOK\r\n", device.Exchange("AT#VSTATE\r", "OK\r\n$"));
            server.Stop();
        }

        [Fact]
        public void GsmCarrierLost_InDataMode_EtxThen35867_ThenNoCarrier()
        {
            var server = new TcpListener(IPAddress.Loopback, 0);
            server.Start();
            var device = OtcpToAListener(server, gprs: false);
            device.Modem.DropCall();
            Assert.Equal("\u0003\r\n#CME ERROR: " + ErrorCodes.PhysicalLayerNotActive + "\r\n\r\nNO CARRIER\r\n",
                device.ReadUntil("NO CARRIER\r\n$", 5000));
            Assert.Equal("\r\n#STATE: \"IDLE\"\r\n\r\nOK\r\n", device.Exchange("AT#VSTATE\r", "OK\r\n$"));
            server.Stop();
        }
    }
}
