using System.Net;
using System.Net.Sockets;
using EdSoftNano.At;
using EdSoftNano.Ports;
using EdSoftNano.Services.Ftp;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Services.Ftp
{
    /// <summary>The FTP deadlines on virtual time: a server that never answers is 37964, after the service's own timeout.</summary>
    public class FtpDeadlineTests
    {
        private static DeviceHarness Connected(INetStack stack, int port)
        {
            var device = new DeviceHarness(bearer: new FakeBearer { Stack = stack });
            device.Send("AT#APNSERV=\"apn\"\rAT+CGATT=1\r");
            Assert.EndsWith("Ok_Info_GprsActivation\r\n", device.Send("AT#CONNECTIONSTART\r"));
            Assert.Equal(Ok, device.Send("AT#FTPSERV=\"127.0.0.1\"\r"));
            Assert.Equal(Ok, device.Send("AT#FTPPORT=" + port + "\r"));
            Assert.Equal(Ok, device.Send("AT#FTPGETFILENAME=\"hello.txt\"\r"));
            return device;
        }

        [Fact]
        public void FtpGet_ConnectNeverAnswered_Is37964_AfterTheConnectTimeout()
        {
            var stack = new UnansweredConnectStack();
            var device = Connected(stack, 21);
            long start = device.Clock.NowMs;
            Assert.Equal(Error(ErrorCodes.NoResponseFromServer), device.Send("AT#FTPGET\r"));
            long took = device.Clock.NowMs - start;
            Assert.InRange(took, FtpService.ConnectTimeoutMs, FtpService.ConnectTimeoutMs + 100);
            Assert.Equal(0, stack.OpenSockets);
        }

        [Fact]
        public void FtpPut_ServerAcceptsButNeverGreets_Is37964_AfterTheReplyTimeout()
        {
            // A real listener that never accepts: the kernel completes the connection, nobody speaks.
            var silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            try
            {
                var stack = new HostNetStack();
                var device = Connected(stack, ((IPEndPoint)silent.LocalEndpoint).Port);
                Assert.Equal(Ok, device.Send("AT#FTPPUTFILENAME=\"x.bin\"\r"));
                long start = device.Clock.NowMs;
                Assert.Equal(Error(ErrorCodes.NoResponseFromServer), device.Send("AT#FTPPUT\r"));
                long took = device.Clock.NowMs - start;
                Assert.InRange(took, FtpService.ReplyTimeoutMs, FtpService.ReplyTimeoutMs + 100);
                Assert.Equal(0, stack.SocketsInUse);
            }
            finally
            {
                silent.Stop();
            }
        }

        [Fact]
        public void FtpGet_WithoutFileName_Is36929_AndNothingStarts()
        {
            var stack = new UnansweredConnectStack();
            var device = Connected(stack, 21);
            Assert.Equal(Ok, device.Send("AT#FTPGETFILENAME=\"\"\r"));
            Assert.Equal(Error(ErrorCodes.BadParameterConfiguration), device.Send("AT#FTPGET\r"));
            Assert.Equal(0, stack.OpenSockets);
        }
    }
}
