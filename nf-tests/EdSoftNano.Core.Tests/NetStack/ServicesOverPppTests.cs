using System;
using System.IO;
using EdSoftNano.At;
using EdSoftNano.NetStack;
using EdSoftNano.Session;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Servers;
using EdSoftNano.Tests.Services.Ftp;
using EdSoftNano.Tests.Services.Mail;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.NetStack
{
    /// <summary>
    /// The services' integration flows over the core's own network: a GPRS session whose data call
    /// the simulated modem carries to slirp (tools/ppp-peers/slirp-isp.sh), PPP and the managed
    /// IPv4/TCP/UDP stack of the firmware on it, the project's real servers on this machine behind
    /// slirp (which relays the guest's connections to 127.0.0.1), names through its dnsmasq.
    /// Real time, as the host-network versions of these tests (Services/*Live*).
    /// </summary>
    [Collection("RealPppPeers")]
    public sealed class ServicesOverPppTests : IDisposable
    {
        private const string Ok = "\r\nOK\r\n";
        private const string Etx = "\u0003";
        private readonly LiveDevice _device;

        public ServicesOverPppTests()
        {
            string script = Path.Combine(RepoRoot.Path, "tools", "ppp-peers", "slirp-isp.sh");
            Assert.True(File.Exists(script), script);
            var bearer = new PppBearer(0x51A7);
            var stack = new ManagedNetStack(bearer.IpLink, 0x7E57);
            bearer.AttachIpStack(stack);
            _device = new LiveDevice(bearer);
            _device.Modem.CallPeer = new ProcessCallPeer(script + " none");
            _device.Exchange("AT#APNUN=\"edsoft\"\rAT#APNPW=\"s3cret\"\rAT+CGATT=1\r", "(OK\r\n.*){3}");
            Assert.Equal("\r\n10.0.2.15\r\n\r\nOk_Info_GprsActivation\r\n",
                _device.Exchange("AT#CONNECTIONSTART\r", "(Ok_Info_GprsActivation|ERROR: [0-9]+)\r\n$", 30000));
            stack.DnsServerPort = TestServers.Dns.Port;
            Set("DNSSERV1=\"" + TestServers.Dns.Host + "\"");
        }

        public void Dispose()
        {
            // The hang-up closes slirp's stdin; slirp-isp.sh then cleans up after itself.
            _device.Exchange("AT#CONNECTIONSTOP\r", "OK\r\n$", 15000);
        }

        private void Set(string assignment) => Assert.Equal(Ok, _device.Exchange("AT#" + assignment + "\r", "(OK|ERROR: [0-9]+)\r\n$"));

        [Fact]
        public void Otcp_EchoServerByName_EchoesDleCodedBytes()
        {
            Set("TCPSERV=1,\"echo.edsoft.test\"");
            Set("TCPPORT=1," + TestServers.TcpEcho.Port);
            Set("DLEMODE=1,1");
            Set("TCPTXDELAY=1,0");
            Assert.Equal("\r\nOk_Info_WaitingForData\r\n", _device.Exchange("AT#OTCP=1\r", "(WaitingForData|ERROR: [0-9]+)\r\n$", 30000));
            Assert.Equal("ppp\u0010\u0003tcp", _device.Exchange("ppp\u0010\u0003tcp", "tcp$", 10000));
            Assert.EndsWith("OK\r\n", _device.Exchange(Etx, "OK\r\n$", 10000));
        }

        [Fact]
        public void FtpPutThenFtpGet_OneMebibyteOfRandomBytes_ComesBackIdentical()
        {
            TestServer ftp = TestServers.Ftp;
            byte[] file = new byte[1 << 20];
            new Random(20261203).NextBytes(file);
            string name = "over-ppp-" + Guid.NewGuid().ToString("N") + ".bin";
            Set("FTPSERV=\"ftp.edsoft.test\"");
            Set("FTPPORT=" + ftp.Port);
            Set("FTPUN=\"" + ftp.User + "\"");
            Set("FTPPW=\"" + ftp.Password + "\"");
            Set("FTPPUTPATH=\"/upload\"");
            Set("FTPPUTFILENAME=\"" + name + "\"");

            Assert.Equal("\r\nOk_Info_WaitingForData\r\n", _device.Exchange("AT#FTPPUT\r", "(Ok_Info_WaitingForData|ERROR: [0-9]+)\r\n$", 30000));
            byte[] escaped = FtpLiveTests.Escape(file);
            byte[] input = new byte[escaped.Length + 1];
            escaped.CopyTo(input, 0);
            input[escaped.Length] = 0x03;
            _device.Type(input);
            Assert.Equal(Ok, _device.ReadUntil("OK\r\n$", 300000));
            Assert.Equal(file, File.ReadAllBytes(Path.Combine(ftp.Setting("UPLOAD_DIR"), name)));

            Set("FTPGETPATH=\"/upload\"");
            Set("FTPGETFILENAME=\"" + name + "\"");
            Assert.Equal(file, FtpLiveTests.Get(_device, file.Length, FtpLiveTests.Specials(file)));
        }

        [Fact]
        public void SendMail_AuthLogin_SpoolsTheExactMessage()
        {
            TestServer smtp = TestServers.Smtp;
            string subject = LiveSmtpTests.UniqueSubject();
            Set("SMTPSERV=\"mail.edsoft.test\"");
            Set("SMTPPORT=" + smtp.Port);
            Set("SMTPUN=\"" + smtp.User + "\"");
            Set("SMTPPW=\"" + smtp.Password + "\"");
            Set("DOMAIN=\"domain.com\"");
            Set("SENDERNAME=\"Test module\"");
            Set("SENDERADDR=\"module@domain.com\"");
            Set("REC1=\"a@x.test\"");
            Set("SUBJ1=\"" + subject + "\"");
            Assert.Equal(Ok, _device.Exchange("AT#BODY1\rover PPP\r\n.dot line\x1A", "(OK|ERROR: [0-9]+)\r\n$"));

            Assert.Equal(Ok, _device.Exchange("AT#SENDMAIL1\r", "(OK|ERROR: [0-9]+)\r\n$", 30000));
            string mail = LiveSmtpTests.Spooled(subject, out string envelope);
            Assert.Equal("From: Test module <module@domain.com>\r\nTo: a@x.test\r\nSubject: " + subject + "\r\n\r\nover PPP\r\n.dot line\r\n", mail);
            Assert.Contains("\"user\":\"" + smtp.User + "\",\"mailFrom\":\"module@domain.com\"", envelope);
        }

        [Fact]
        public void GetMail_WrongPassword_TheServersRefusalArrives38081()
        {
            TestServer pop3 = TestServers.Pop3;
            Set("POP3SERV=\"pop3.edsoft.test\"");
            Set("POP3PORT=" + pop3.Port);
            Set("POP3UN=\"" + pop3.User + "\"");
            Set("POP3PW=\"wrong\"");
            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.PasswordRejected + "\r\n",
                _device.Exchange("AT#GETMAIL\r", "(OK|Ok_Info_NoMail|ERROR: [0-9]+)\r\n$", 30000));
        }

        [Fact]
        public void Oudp_EchoServer_Echoes()
        {
            Set("UDPSERV=\"127.0.0.1\"");
            Set("UDPPORT=" + TestServers.UdpEcho.Port);
            Set("UDPTXDELAY=0");
            Assert.Equal("\r\nOk_Info_WaitingForData\r\n", _device.Exchange("AT#OUDP\r", "(WaitingForData|ERROR: [0-9]+)\r\n$"));
            Assert.Equal("datagram", _device.Exchange("datagram", "datagram$", 10000));
            Assert.Equal(Etx + "\r\nOk_Info_SocketClosed\r\n" + Ok, _device.Exchange(Etx, "OK\r\n$"));
        }
    }
}
