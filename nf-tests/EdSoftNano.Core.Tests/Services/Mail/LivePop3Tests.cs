using EdSoftNano.At;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Servers;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Services.Mail
{
    /// <summary>
    /// #GETMAIL against the test POP3 server (dovecot): the failures that end before RETR, on the
    /// shared mailbox. Retrieval and deletion run in LiveGetMailTests on a mailbox of their own.
    /// </summary>
    public class LivePop3Tests
    {
        private const string Answer = "(OK|Ok_Info_NoMail|ERROR: [0-9]+)\r\n$";

        private static LiveDevice Configured(string server, int port, string password)
        {
            TestServer pop3 = TestServers.Pop3;
            TestServer dns = TestServers.Dns;
            var device = new LiveDevice().Connected();
            ((HostNetStack)device.Bearer.Stack).DnsServerPort = dns.Port;
            device.Exchange("AT#DNSSERV1=\"" + dns.Host + "\"\rAT#POP3SERV=\"" + server + "\"\rAT#POP3PORT=" + port + "\r"
                + "AT#POP3UN=\"" + pop3.User + "\"\rAT#POP3PW=\"" + password + "\"\r", "OK\r\n$");
            device.RunFor(50);
            return device;
        }

        [Fact]
        public void GetMail_WrongPassword_Answers38081()
        {
            var device = Configured("pop3.edsoft.test", TestServers.Pop3.Port, "wrong");
            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.PasswordRejected + "\r\n", device.Exchange("AT#GETMAIL\r", Answer));
        }

        [Fact]
        public void GetMail_UnknownServerName_Answers38027()
        {
            var device = Configured(TestServers.Dns.Setting("NXNAME"), TestServers.Pop3.Port, TestServers.Pop3.Password);
            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.DnsFailed + "\r\n", device.Exchange("AT#GETMAIL\r", Answer));
        }

        [Fact]
        public void GetMail_NothingListening_Answers38016()
        {
            var device = Configured("127.0.0.1", 1, TestServers.Pop3.Password);
            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.OpenSessionFailed + "\r\n", device.Exchange("AT#GETMAIL\r", Answer));
        }
    }
}
