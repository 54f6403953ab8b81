using System;
using System.Linq;
using System.Text;
using EdSoftNano.At;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Services.Mail
{
    /// <summary>
    /// The SMTP dialogue against a peer the test scripts (answers the real server never gives):
    /// the commands on the wire, HELO fallback, AUTH LOGIN, and each rejection's 9.2 code.
    /// </summary>
    public class SmtpDialogueTests
    {
        private const string Answer = "(OK|ERROR: [0-9]+)\r\n$";

        private static LiveDevice Configured(ScriptedMailPeer peer, string extra = "")
        {
            var device = new LiveDevice().Connected();
            device.Exchange("AT#SMTPSERV=\"127.0.0.1\"\rAT#SMTPPORT=" + peer.Port + "\rAT#DOMAIN=\"domain.com\"\r"
                + "AT#SENDERADDR=\"module@domain.com\"\rAT#REC1=\"a@x.test\"\r" + extra, "OK\r\n$");
            device.RunFor(50);
            peer.Start();
            return device;
        }

        private static string Wire(ScriptedMailPeer peer)
        {
            var lines = new StringBuilder();
            while (peer.Lines.TryTake(out string line, 2000))
            {
                lines.Append(line).Append('|');
                if (line == "QUIT")
                {
                    break;
                }
            }

            return lines.ToString();
        }

        private static string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

        [Fact]
        public void SendMail1_EhloRefused_FallsBackToHelo_NoAuthWithoutCredentials()
        {
            using var peer = new ScriptedMailPeer("220 peer").On("EHLO", "502 not here").On("DATA", "354 go");
            var device = Configured(peer);

            Assert.Equal("\r\nOK\r\n", device.Exchange("AT#SENDMAIL1\r", Answer));
            Assert.Equal("EHLO domain.com|HELO domain.com|MAIL FROM:<module@domain.com>|RCPT TO:<a@x.test>|DATA|.|QUIT|", Wire(peer));
        }

        [Fact]
        public void SendMail1_MultiLineEhlo_AuthLogin_UserAndPasswordInBase64()
        {
            using var peer = new ScriptedMailPeer("220-peer\r\n220 ready").On("EHLO", "250-peer\r\n250-AUTH LOGIN\r\n250 OK")
                .On("AUTH LOGIN", "334 VXNlcm5hbWU6").On(B64("user"), "334 UGFzc3dvcmQ6").On(B64("secret"), "235 fine").On("DATA", "354 go");
            var device = Configured(peer, "AT#SMTPUN=\"user\"\rAT#SMTPPW=\"secret\"\r");

            Assert.Equal("\r\nOK\r\n", device.Exchange("AT#SENDMAIL1\r", Answer));
            Assert.Equal("EHLO domain.com|AUTH LOGIN|" + B64("user") + "|" + B64("secret") + "|MAIL FROM:<module@domain.com>|RCPT TO:<a@x.test>|DATA|.|QUIT|",
                Wire(peer));
        }

        [Fact]
        public void SendMail1_OnlyUserSet_NoAuth()
        {
            using var peer = new ScriptedMailPeer("220 peer").On("DATA", "354 go");
            var device = Configured(peer, "AT#SMTPUN=\"user\"\r");

            Assert.Equal("\r\nOK\r\n", device.Exchange("AT#SENDMAIL1\r", Answer));
            Assert.DoesNotContain("AUTH", Wire(peer));
        }

        [Theory]
        [InlineData("AUTH LOGIN", "504 no such mechanism", ErrorCodes.UsernameRejected)]
        [InlineData("dXNlcg==", "535 who", ErrorCodes.UsernameRejected)]
        [InlineData("c2VjcmV0", "535 bad", ErrorCodes.PasswordRejected)]
        [InlineData("MAIL FROM", "553 sender", ErrorCodes.SenderRejected)]
        [InlineData("RCPT TO:<a@x.test>", "550 nobody", ErrorCodes.RecipientRejected)]
        [InlineData("RCPT TO:<cc@x.test>", "550 nobody", ErrorCodes.CcRecipientRejected)]
        [InlineData("DATA", "554 no data", ErrorCodes.BodyRejected)]
        [InlineData(".", "554 spam", ErrorCodes.BodyRejected)]
        [InlineData("HELO", "421 closing", ErrorCodes.OpenSessionFailed)]
        public void SendMail1_ServerRefuses_AnswersTheStepsCode(string prefix, string reply, int code)
        {
            using var peer = new ScriptedMailPeer("220 peer").On(prefix, reply).On("EHLO", "500 what").On("AUTH LOGIN", "334 VXNlcm5hbWU6")
                .On("dXNlcg==", "334 UGFzc3dvcmQ6").On("c2VjcmV0", "235 ok").On("DATA", "354 go");
            var device = Configured(peer, "AT#SMTPUN=\"user\"\rAT#SMTPPW=\"secret\"\rAT#CCREC1=\"cc@x.test\"\r");

            Assert.Equal("\r\n#CME ERROR: " + code + "\r\n", device.Exchange("AT#SENDMAIL1\r", Answer));
        }

        [Fact]
        public void SendMail1_GreetingRefused_Answers38016_AndSendsNothing()
        {
            using var peer = new ScriptedMailPeer("554 go away");
            var device = Configured(peer);

            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.OpenSessionFailed + "\r\n", device.Exchange("AT#SENDMAIL1\r", Answer));
            Assert.Equal("", Wire(peer));
        }

        [Fact]
        public void SendMail1_StoredBody_DotsStuffedAndEndLineAdded()
        {
            using var peer = new ScriptedMailPeer("220 peer").On("DATA", "354 go");
            var device = Configured(peer, "AT#SUBJ1=\"s\"\r");
            Assert.Equal("\r\nOK\r\n", device.Exchange("AT#BODY1\r.a\r\n..b\r\nc.\x1A", Answer));

            Assert.Equal("\r\nOK\r\n", device.Exchange("AT#SENDMAIL1\r", Answer));
            Wire(peer);
            Assert.Equal("From: <module@domain.com>\r\nTo: a@x.test\r\nSubject: s\r\n\r\n..a\r\n...b\r\nc.\r\n", peer.Body);
        }

        [Fact]
        public void PutMail_HostLinesWithDots_StuffedOnTheWire()
        {
            using var peer = new ScriptedMailPeer("220 peer").On("DATA", "354 go");
            var device = Configured(peer, "AT#SUBJ1=\"s\"\r");

            Assert.Equal("\r\nOk_Info_WaitingForData\r\n", device.Exchange("AT#PUTMAIL\r", "(Ok_Info_WaitingForData|ERROR: [0-9]+)\r\n$"));
            device.Type(Encoding.ASCII.GetBytes(".x\r\n.\r\n"));
            Assert.Equal("\r\nOK\r\n", device.ReadUntil(Answer));
            Wire(peer);
            Assert.Equal("From: <module@domain.com>\r\nTo: a@x.test\r\nSubject: s\r\n\r\n..x\r\n", peer.Body);
        }

        [Fact]
        public void PutMail_HostSilentFor50Seconds_Answers38017_AndTheMailIsNotSent()
        {
            using var peer = new ScriptedMailPeer("220 peer").On("DATA", "354 go");
            var device = new DeviceHarness(bearer: new FakeBearer { Stack = new HostNetStack() });
            device.Send("AT#APNSERV=\"apn\"\rAT+CGATT=1\r");
            device.Send("AT#CONNECTIONSTART\r");
            device.Send("AT#SMTPSERV=\"127.0.0.1\"\rAT#SMTPPORT=" + peer.Port + "\rAT#SENDERADDR=\"m@d.test\"\rAT#REC1=\"a@x.test\"\r");
            peer.Start();

            // The dialogue runs on real sockets; virtual time stands still meanwhile (1 ms per step).
            string banner = device.Type("AT#PUTMAIL\r");
            DateTime deadline = DateTime.UtcNow.AddSeconds(10);
            while (!banner.Contains("Ok_Info_WaitingForData") && DateTime.UtcNow < deadline)
            {
                device.Firmware.Step(1);
                banner += device.Host.TakeOutput();
            }

            Assert.Equal("\r\nOk_Info_WaitingForData\r\n", banner);
            device.Type("half a line");
            Assert.Equal("", device.Wait(49900));
            Assert.Equal(Error(ErrorCodes.DataSendFailed), device.Wait(200));
            Assert.DoesNotContain(".", Wire(peer).Split('|'));
        }
    }
}
