using EdSoftNano.At;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Servers;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Services.Ping
{
    /// <summary>AT#PING over the host's network on real time: 127.0.0.1 answers, names go through the test DNS server.</summary>
    public class LivePingTests
    {
        private static LiveDevice ConnectedWithTestDns()
        {
            TestServer dns = TestServers.Dns;
            var device = new LiveDevice().Connected();
            ((HostNetStack)device.Bearer.Stack).DnsServerPort = dns.Port;
            device.Exchange("AT#DNSSERV1=\"" + dns.Host + "\"\r", "OK\r\n$");
            return device;
        }

        [Fact]
        public void Ping_Loopback_TwoAliveLinesThenOk()
        {
            var device = new LiveDevice().Connected();
            device.Exchange("AT#PINGREMOTE=\"127.0.0.1\"\rAT#PINGNUM=2\r", "OK\r\n\r\nOK\r\n$");

            Assert.Matches("^\r\n\"127.0.0.1\" is alive : time = [0-9]+ ms\r\n\"127.0.0.1\" is alive : time = [0-9]+ ms\r\n\r\nOK\r\n$",
                device.Exchange("AT#PING\r", "OK\r\n$"));
        }

        [Fact]
        public void Ping_NameFromTestDns_PrintsTheNameAsSet()
        {
            var device = ConnectedWithTestDns();
            device.Exchange("AT#PINGREMOTE=\"mail.edsoft.test\"\rAT#PINGNUM=1\r", "OK\r\n\r\nOK\r\n$");

            Assert.Matches("^\r\n\"mail.edsoft.test\" is alive : time = [0-9]+ ms\r\n\r\nOK\r\n$", device.Exchange("AT#PING\r", "OK\r\n$"));
        }

        [Fact]
        public void Ping_NxDomain_Answers38027()
        {
            var device = ConnectedWithTestDns();
            device.Exchange("AT#PINGREMOTE=\"" + TestServers.Dns.Setting("NXNAME") + "\"\r", "OK\r\n$");

            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.DnsFailed + "\r\n", device.Exchange("AT#PING\r", "ERROR: [0-9]+\r\n$"));
        }
    }
}
