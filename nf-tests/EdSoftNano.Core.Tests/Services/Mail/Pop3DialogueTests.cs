using System.IO;
using System.Text;
using EdSoftNano.At;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Services.Mail
{
    /// <summary>
    /// #GETMAIL against a POP3 peer the test scripts: what the host receives byte for byte, the
    /// commands on the wire (USER, PASS, STAT, RETR 1, DELE 1, QUIT) and each failure's 9.2 code.
    /// A peer is used because a retrieved mail is deleted, and the shared dovecot mailbox must keep its two.
    /// </summary>
    public class Pop3DialogueTests
    {
        private const string Answer = "(OK|Ok_Info_NoMail|ERROR: [0-9]+)\r\n$";

        /// <summary>tools/test-servers/conf/pop3/2.eml as a POP3 server sends it: CR LF lines, dots doubled.</summary>
        private static string Mail2Lines()
        {
            string text = File.ReadAllText(Path.Combine(RepoRoot.Path, "tools", "test-servers", "conf", "pop3", "2.eml"));
            var lines = new StringBuilder();
            foreach (string line in text.TrimEnd('\n').Split('\n'))
            {
                lines.Append(line.StartsWith(".") ? "." + line : line).Append("\r\n");
            }

            return lines.ToString();
        }

        private static ScriptedMailPeer Peer(string retr)
            => new ScriptedMailPeer("+OK ready").On("USER", "+OK").On("PASS", "+OK logged in").On("STAT", "+OK 2 900")
                .On("RETR 1", retr).On("DELE 1", "+OK deleted").On("QUIT", "+OK bye");

        private static LiveDevice Configured(ScriptedMailPeer peer, int headerMode = 1)
        {
            var device = new LiveDevice().Connected();
            device.Exchange("AT#POP3SERV=\"127.0.0.1\"\rAT#POP3PORT=" + peer.Port + "\rAT#POP3UN=\"edsoft\"\rAT#POP3PW=\"pw\"\r"
                + "AT#POP3HEADERMODE=" + headerMode + "\r", "OK\r\n$");
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

        [Fact]
        public void GetMail_HeaderMode1_FromAndSubjectThenBody_DotsAsOnTheWire_ThenDeletes()
        {
            using var peer = Peer("+OK 400 octets\r\n" + Mail2Lines() + ".");
            var device = Configured(peer);

            Assert.Equal("\r\nOk_Info_Mail\r\n"
                + "From: Sender <sender@edsoft.test>\r\nSubject: EdSoftNano test mail 2\r\n\r\n"
                + "The second test mail.\r\n..A line that starts with a dot (sent dot-stuffed on the wire).\r\n...Two dots.\r\n..\r\n"
                + "Lone dot above, and the end below.\r\n.\r\n\r\nOK\r\n",
                device.Exchange("AT#GETMAIL\r", Answer));
            Assert.Equal("USER edsoft|PASS pw|STAT|RETR 1|DELE 1|QUIT|", Wire(peer));
        }

        [Fact]
        public void GetMail_HeaderMode0_BodyOnly()
        {
            using var peer = Peer("+OK\r\nFrom: a@b.c\r\nSubject: s\r\n\r\nbody 1\r\nbody 2\r\n.");
            var device = Configured(peer, 0);

            Assert.Equal("\r\nOk_Info_Mail\r\nbody 1\r\nbody 2\r\n.\r\n\r\nOK\r\n", device.Exchange("AT#GETMAIL\r", Answer));
        }

        [Fact]
        public void GetMail_HeaderMode1_KeepsCcAndFoldedSubject_DropsOtherFields()
        {
            using var peer = Peer("+OK\r\nReceived: x\r\n y\r\nFROM: a@b.c\r\nTo: t@b.c\r\ncc: c@b.c\r\nSubject: long\r\n\tsubject\r\nX-Other: z\r\n\r\nb\r\n.");
            var device = Configured(peer);

            Assert.Equal("\r\nOk_Info_Mail\r\nFROM: a@b.c\r\ncc: c@b.c\r\nSubject: long\r\n\tsubject\r\n\r\nb\r\n.\r\n\r\nOK\r\n",
                device.Exchange("AT#GETMAIL\r", Answer));
        }

        [Fact]
        public void GetMail_LineLongerThanTheBuffer_PassesWhole()
        {
            string longLine = new string('x', 1500);
            using var peer = Peer("+OK\r\nSubject: s\r\n\r\n" + longLine + "\r\n.");
            var device = Configured(peer);

            Assert.Equal("\r\nOk_Info_Mail\r\nSubject: s\r\n\r\n" + longLine + "\r\n.\r\n\r\nOK\r\n", device.Exchange("AT#GETMAIL\r", Answer));
        }

        [Fact]
        public void GetMail_EmptyMailbox_NoMail_AndQuits()
        {
            using var peer = new ScriptedMailPeer("+OK ready").On("USER", "+OK").On("PASS", "+OK").On("STAT", "+OK 0 0").On("QUIT", "+OK bye");
            var device = Configured(peer);

            Assert.Equal("\r\nOk_Info_NoMail\r\n", device.Exchange("AT#GETMAIL\r", Answer));
            Assert.Equal("USER edsoft|PASS pw|STAT|QUIT|", Wire(peer));
        }

        [Theory]
        [InlineData("USER", "-ERR who", ErrorCodes.UsernameRejected)]
        [InlineData("PASS", "-ERR no", ErrorCodes.PasswordRejected)]
        [InlineData("STAT", "-ERR broken", ErrorCodes.EmailRetrieveFailed)]
        [InlineData("RETR 1", "-ERR gone", ErrorCodes.EmailRetrieveFailed)]
        public void GetMail_ServerRefuses_AnswersTheStepsCode(string prefix, string reply, int code)
        {
            var script = new ScriptedMailPeer("+OK ready").On(prefix, reply).On("USER", "+OK").On("PASS", "+OK").On("STAT", "+OK 1 10");
            using var peer = script;
            var device = Configured(peer);

            Assert.Equal("\r\n#CME ERROR: " + code + "\r\n", device.Exchange("AT#GETMAIL\r", Answer));
        }

        [Fact]
        public void GetMail_GreetingRefused_Answers38016()
        {
            using var peer = new ScriptedMailPeer("-ERR busy");
            var device = Configured(peer);

            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.OpenSessionFailed + "\r\n", device.Exchange("AT#GETMAIL\r", Answer));
        }

        [Fact]
        public void GetMail_ConnectionLostInTheBody_EndLineThen38025()
        {
            using var peer = Peer("+OK\r\nSubject: s\r\n\r\nhalf a li" + ScriptedMailPeer.CloseMark);
            var device = Configured(peer);

            Assert.Equal("\r\nOk_Info_Mail\r\nSubject: s\r\n\r\nhalf a li\r\n.\r\n\r\n#CME ERROR: " + ErrorCodes.EmailRetrieveFailed + "\r\n",
                device.Exchange("AT#GETMAIL\r", Answer));
        }

        [Fact]
        public void GetMail_ConnectionLostInTheHeader_EndLineThen38026()
        {
            using var peer = Peer("+OK\r\nSubject: s\r\nTo: x\r\n" + ScriptedMailPeer.CloseMark);
            var device = Configured(peer);

            Assert.Equal("\r\nOk_Info_Mail\r\nSubject: s\r\n.\r\n\r\n#CME ERROR: " + ErrorCodes.EmailHeaderFailed + "\r\n",
                device.Exchange("AT#GETMAIL\r", Answer));
        }

        [Fact]
        public void GetMail_ServerGoesAwayAfterDele_MailWasDelivered_Ok()
        {
            var script = new ScriptedMailPeer("+OK ready").On("DELE 1", "+OK" + ScriptedMailPeer.CloseMark).On("USER", "+OK").On("PASS", "+OK")
                .On("STAT", "+OK 1 10").On("RETR 1", "+OK\r\n\r\nb\r\n.");
            using var peer = script;
            var device = Configured(peer);

            Assert.Equal("\r\nOk_Info_Mail\r\n\r\nb\r\n.\r\n\r\nOK\r\n", device.Exchange("AT#GETMAIL\r", Answer));
        }

        [Fact]
        public void GetMail_NoServerSet_Answers36929()
        {
            var device = new LiveDevice().Connected();
            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.BadParameterConfiguration + "\r\n", device.Exchange("AT#GETMAIL\r", Answer));
        }
    }
}
