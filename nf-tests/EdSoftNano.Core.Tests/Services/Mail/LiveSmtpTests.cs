using System;
using System.IO;
using System.Text;
using System.Threading;
using EdSoftNano.At;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Servers;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Services.Mail
{
    /// <summary>
    /// #SENDMAILi and #PUTMAIL against the test SMTP server (npm smtp-server, AUTH LOGIN required):
    /// the spooled message is read back and compared byte for byte.
    /// </summary>
    public class LiveSmtpTests
    {
        private static LiveDevice Configured(bool auth = true, string password = null)
        {
            TestServer smtp = TestServers.Smtp;
            TestServer dns = TestServers.Dns;
            var device = new LiveDevice().Connected();
            ((HostNetStack)device.Bearer.Stack).DnsServerPort = dns.Port;
            Set(device, "DNSSERV1=\"" + dns.Host + "\"");
            Set(device, "SMTPSERV=\"mail.edsoft.test\"");
            Set(device, "SMTPPORT=" + smtp.Port);
            Set(device, "DOMAIN=\"domain.com\"");
            Set(device, "SENDERNAME=\"Test module\"");
            Set(device, "SENDERADDR=\"module@domain.com\"");
            if (auth)
            {
                Set(device, "SMTPUN=\"" + smtp.User + "\"");
                Set(device, "SMTPPW=\"" + (password ?? smtp.Password) + "\"");
            }

            return device;
        }

        private static void Set(LiveDevice device, string assignment)
            => Assert.Equal("\r\nOK\r\n", device.Exchange("AT#" + assignment + "\r", "(OK|ERROR: [0-9]+)\r\n$"));

        /// <summary>The spooled message whose subject is <paramref name="subject"/> (unique per test).</summary>
        internal static string Spooled(string subject, out string envelope)
        {
            string spool = TestServers.Smtp.Setting("SPOOL");
            DateTime deadline = DateTime.UtcNow.AddSeconds(5);
            while (true)
            {
                foreach (string file in Directory.GetFiles(spool, "*.eml"))
                {
                    string text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
                    if (text.Contains("Subject: " + subject + "\r\n"))
                    {
                        envelope = File.ReadAllText(Path.ChangeExtension(file, ".json")).Trim();
                        return text;
                    }
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("no mail with subject " + subject + " in " + spool);
                }

                Thread.Sleep(50);
            }
        }

        internal static string UniqueSubject() => "EdSoftNano " + Guid.NewGuid().ToString("N");

        [Fact]
        public void SendMail1_AuthLogin_TwoRecipientsAndCc_SpoolsTheExactMessage()
        {
            var device = Configured();
            string subject = UniqueSubject();
            Assert.Equal("\r\nOK\r\n", device.Exchange("AT#REC1ADD\ra@x.test\r\nb@x.test\r\n\x1A", "(OK|ERROR: [0-9]+)\r\n$"));
            Set(device, "CCREC1=\"cc@x.test\"");
            Set(device, "SUBJ1=\"" + subject + "\"");
            Assert.Equal("\r\nOK\r\n", device.Exchange("AT#BODY1\rline one\r\n.dot line\r\nend\x1A", "(OK|ERROR: [0-9]+)\r\n$"));

            Assert.Equal("\r\nOK\r\n", device.Exchange("AT#SENDMAIL1\r", "(OK|ERROR: [0-9]+)\r\n$"));

            string mail = Spooled(subject, out string envelope);
            Assert.Equal("From: Test module <module@domain.com>\r\nTo: a@x.test,\r\n b@x.test\r\nCc: cc@x.test\r\nSubject: " + subject
                + "\r\n\r\nline one\r\n.dot line\r\nend\r\n", mail);
            Assert.Contains("\"user\":\"edsoft\",\"mailFrom\":\"module@domain.com\",\"rcptTo\":[\"a@x.test\",\"b@x.test\",\"cc@x.test\"]", envelope);
        }

        [Fact]
        public void SendMail3_UsesCombinationThree_NoCcHeaderWhenCcEmpty()
        {
            var device = Configured();
            string subject = UniqueSubject();
            Set(device, "REC3=\"three@x.test\"");
            Set(device, "SUBJ3=\"" + subject + "\"");
            Assert.Equal("\r\nOK\r\n", device.Exchange("AT#BODY3\rthird\x1A", "(OK|ERROR: [0-9]+)\r\n$"));

            Assert.Equal("\r\nOK\r\n", device.Exchange("AT#SENDMAIL3\r", "(OK|ERROR: [0-9]+)\r\n$"));

            Assert.Equal("From: Test module <module@domain.com>\r\nTo: three@x.test\r\nSubject: " + subject + "\r\n\r\nthird\r\n",
                Spooled(subject, out string envelope));
            Assert.Contains("\"rcptTo\":[\"three@x.test\"]", envelope);
        }

        [Fact]
        public void PutMail_BodyFromHost_DotsKeptAndCommandAfterTheEndIsRead()
        {
            var device = Configured();
            string subject = UniqueSubject();
            Set(device, "REC1=\"put@x.test\"");
            Set(device, "SUBJ1=\"" + subject + "\"");

            Assert.Equal("\r\nOk_Info_WaitingForData\r\n", device.Exchange("AT#PUTMAIL\r", "(Ok_Info_WaitingForData|ERROR: [0-9]+)\r\n$"));
            device.Type(Encoding.ASCII.GetBytes("Hello\r\n.leading dot\r\n..two\r\n.\rx\r\nlast\r\n.\r\nAT#PINGNUM?\r"));
            Assert.Equal("\r\nOK\r\n\r\n#PINGNUM: 4\r\n\r\nOK\r\n", device.ReadUntil("OK\r\n[^O]*OK\r\n$"));

            Assert.Equal("From: Test module <module@domain.com>\r\nTo: put@x.test\r\nSubject: " + subject
                + "\r\n\r\nHello\r\n.leading dot\r\n..two\r\n.\rx\r\nlast\r\n", Spooled(subject, out _));
        }

        [Fact]
        public void SendMail1_WrongPassword_Answers38081()
        {
            var device = Configured(password: "wrong");
            Set(device, "REC1=\"a@x.test\"");
            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.PasswordRejected + "\r\n", device.Exchange("AT#SENDMAIL1\r", "(OK|ERROR: [0-9]+)\r\n$"));
        }

        [Fact]
        public void SendMail1_NoCredentials_ServerRefusesSender_Answers38028()
        {
            var device = Configured(auth: false);
            Set(device, "REC1=\"a@x.test\"");
            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.SenderRejected + "\r\n", device.Exchange("AT#SENDMAIL1\r", "(OK|ERROR: [0-9]+)\r\n$"));
        }

        [Fact]
        public void SendMail1_UnknownServerName_Answers38027()
        {
            var device = Configured();
            Set(device, "SMTPSERV=\"" + TestServers.Dns.Setting("NXNAME") + "\"");
            Set(device, "REC1=\"a@x.test\"");
            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.DnsFailed + "\r\n", device.Exchange("AT#SENDMAIL1\r", "(OK|ERROR: [0-9]+)\r\n$"));
        }

        [Fact]
        public void SendMail1_NothingListening_Answers38016()
        {
            var device = Configured();
            Set(device, "SMTPSERV=\"127.0.0.1\"");
            Set(device, "SMTPPORT=1");
            Set(device, "REC1=\"a@x.test\"");
            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.OpenSessionFailed + "\r\n", device.Exchange("AT#SENDMAIL1\r", "(OK|ERROR: [0-9]+)\r\n$"));
        }

        [Fact]
        public void SendMail1_NoRecipient_Answers36929()
        {
            var device = Configured();
            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.BadParameterConfiguration + "\r\n", device.Exchange("AT#SENDMAIL1\r", "(OK|ERROR: [0-9]+)\r\n$"));
        }
    }
}
