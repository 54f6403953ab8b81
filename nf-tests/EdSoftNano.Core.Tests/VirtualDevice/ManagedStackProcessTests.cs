using System;
using System.IO;
using EdSoftNano.Tests.Servers;
using EdSoftNano.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.VirtualDevice
{
    /// <summary>
    /// The services over the core's own network: the virtual device as a process with
    /// <c>--ppp-peer</c>, its PPP client and managed IPv4 stack carrying #OUDP, #OTCP and #PING over the
    /// simulated modem's data call to a real ISP (slirp, which relays 10.0.2.2 to this machine's
    /// loopback servers; pppd in UML, whose kernel answers pings). Real time, real servers.
    /// </summary>
    [Collection("RealPppPeers")]
    public sealed class ManagedStackProcessTests : IDisposable
    {
        private const string Etx = "\u0003";
        private const string SlirpHost = "10.0.2.2";
        private readonly string _dir = Directory.CreateTempSubdirectory("edsoftnano-vd-ip-").FullName;
        private readonly ITestOutputHelper _out;

        public ManagedStackProcessTests(ITestOutputHelper output) { _out = output; }

        public void Dispose() => Directory.Delete(_dir, true);

        private InteractiveDevice Connected(string peerScript, string expectedAddress, string environment = "")
        {
            string script = Path.Combine(RepoRoot.Path, "tools", "ppp-peers", peerScript);
            Assert.True(File.Exists(script), script);
            var device = new InteractiveDevice("--flash \"" + Path.Combine(_dir, "flash.bin") + "\" --ppp-peer \"" + environment + script + " pap edsoft s3cret\"");
            Assert.Equal("ATE0\r" + Ok, device.Exchange("ATE0\r", "OK\r\n"));
            device.Exchange("AT#ISPUN=\"edsoft\"\rAT#ISPPW=\"s3cret\"\rAT#GPRSMODE=0\rAT#DIALN1=\"0612345678\"\r", "(OK\r\n.*){4}");
            Assert.EndsWith("\r\n" + expectedAddress + "\r\n\r\nOk_Info_Ppp\r\n",
                device.Exchange("AT#CONNECTIONSTART\r", @"Ok_Info_Ppp\r\n|ERROR: \d+\r\n", 30000));
            return device;
        }

        [Fact]
        public void Slirp_Oudp_EchoServerOnThisMachine_BytesComeBackDleCoded()
        {
            TestServer echo = TestServers.UdpEcho;
            using var device = Connected("slirp-isp.sh", "10.0.2.15");
            try
            {
                device.Exchange("AT#UDPSERV=\"" + SlirpHost + "\"\rAT#UDPPORT=" + echo.Port + "\rAT#UDPTXDELAY=0\r", "(OK\r\n.*){3}");
                Assert.Equal("\r\nOk_Info_WaitingForData\r\n", device.Exchange("AT#OUDP\r", "WaitingForData\r\n"));
                Assert.Equal("over\u0010\u0003ppp", device.Exchange("over\u0010\u0003ppp", "ppp$", 10000));
                Assert.Equal(Etx + "\r\nOk_Info_SocketClosed\r\n" + Ok, device.Exchange(Etx, "OK\r\n$"));
                Assert.Equal(Ok, device.Exchange("AT#CONNECTIONSTOP\r", "OK\r\n"));
                Assert.Equal(0, device.Close());
            }
            finally
            {
                _out.WriteLine(device.ErrorLog);
            }
        }

        [Fact]
        public void PppdInUml_Ping_TheIspsKernelAnswers()
        {
            using var device = Connected("pppd-in-uml.sh", "10.64.0.2");
            try
            {
                device.Exchange("AT#PINGREMOTE=\"10.64.0.1\"\rAT#PINGNUM=2\r", "(OK\r\n.*){2}");
                Assert.Matches("^\r\n\"10.64.0.1\" is alive : time = [0-9]+ ms\r\n\"10.64.0.1\" is alive : time = [0-9]+ ms\r\n\r\nOK\r\n$",
                    device.Exchange("AT#PING\r", "OK\r\n$", 20000));
                Assert.Equal(Ok, device.Exchange("AT#CONNECTIONSTOP\r", "OK\r\n"));
                Assert.Equal(0, device.Close());
            }
            finally
            {
                _out.WriteLine(device.ErrorLog);
            }
        }

        [Fact]
        public void PppdInUml_OtcpAndOudp_EchoedByTheIspsKernel()
        {
            using var device = Connected("pppd-in-uml.sh", "10.64.0.2", "PPPD_ECHO_PORT=7 ");
            try
            {
                device.Exchange("AT#TCPSERV=1,\"10.64.0.1\"\rAT#TCPPORT=1,7\rAT#TCPTXDELAY=1,0\rAT#DLEMODE=1,1\r", "(OK\r\n.*){4}");
                Assert.Equal("\r\nOk_Info_WaitingForData\r\n", device.Exchange("AT#OTCP=1\r", "(WaitingForData|ERROR: [0-9]+)\r\n", 20000));
                Assert.Equal("through\u0010\u0003pppd", device.Exchange("through\u0010\u0003pppd", "pppd$", 10000));
                Assert.EndsWith("OK\r\n", device.Exchange(Etx, "OK\r\n$", 10000));

                device.Exchange("AT#UDPSERV=\"10.64.0.1\"\rAT#UDPPORT=7\rAT#UDPTXDELAY=0\r", "(OK\r\n.*){3}");
                Assert.Equal("\r\nOk_Info_WaitingForData\r\n", device.Exchange("AT#OUDP\r", "WaitingForData\r\n"));
                Assert.Equal("datagram", device.Exchange("datagram", "datagram$", 10000));
                Assert.Equal(Etx + "\r\nOk_Info_SocketClosed\r\n" + Ok, device.Exchange(Etx, "OK\r\n$"));
                Assert.Equal(Ok, device.Exchange("AT#CONNECTIONSTOP\r", "OK\r\n"));
                Assert.Equal(0, device.Close());
            }
            finally
            {
                _out.WriteLine(device.ErrorLog);
            }
        }
    }
}
