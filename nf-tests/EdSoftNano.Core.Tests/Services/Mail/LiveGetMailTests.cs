using System.IO;
using System.Text;
using EdSoftNano.Tests.Servers;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Services.Mail
{
    /// <summary>
    /// #GETMAIL retrieving and deleting real mails from the test POP3 server (dovecot), in the getmail
    /// account's mailbox, which each test refills with the known mails of tools/test-servers/conf/pop3
    /// right before it runs (the edsoft mailbox keeps its two). What the host receives is compared byte
    /// for byte with what docs/spec-decisions.md ("#GETMAIL output") makes of the .eml files.
    /// </summary>
    [Collection(GetMailBoxCollection.Name)]
    public class LiveGetMailTests
    {
        /// <summary>The end of a #GETMAIL answer: the mail's end line and OK, NoMail, or an error.</summary>
        private const string Answer = "(\r\n\\.\r\n\r\nOK|Ok_Info_NoMail|ERROR: [0-9]+)\r\n$";

        private const string NoMail = "\r\nOk_Info_NoMail\r\n";

        private static string Eml(string name) => Path.Combine(TestServers.Pop3.Setting("MAIL_DIR"), name);

        /// <summary>
        /// What #GETMAIL writes for <paramref name="eml"/> (LF lines, as stored): Ok_Info_Mail; in header
        /// mode the From, Cc and Subject fields (with their folded lines) and the empty line; the body lines
        /// as the server sends them (CR LF, leading dots doubled); "."; OK.
        /// </summary>
        private static string Expected(string eml, bool headerMode)
        {
            var text = new StringBuilder("\r\nOk_Info_Mail\r\n");
            bool inHeader = true;
            bool kept = false;
            foreach (string line in File.ReadAllText(eml).TrimEnd('\n').Split('\n'))
            {
                if (inHeader && line.Length == 0)
                {
                    inHeader = false;
                    if (headerMode)
                    {
                        text.Append("\r\n");
                    }
                }
                else if (inHeader)
                {
                    if (line[0] != ' ' && line[0] != '\t')
                    {
                        string field = line.Split(':')[0].ToLowerInvariant();
                        kept = line.Contains(':') && (field == "from" || field == "cc" || field == "subject");
                    }

                    if (headerMode && kept)
                    {
                        text.Append(line).Append("\r\n");
                    }
                }
                else
                {
                    text.Append(line.StartsWith('.') ? "." + line : line).Append("\r\n");
                }
            }

            return text.Append(".\r\n\r\nOK\r\n").ToString();
        }

        private static LiveDevice Configured(int headerMode)
        {
            TestServer pop3 = TestServers.Pop3GetMail;
            var device = new LiveDevice().Connected();
            foreach (string command in new[]
            {
                "AT#POP3SERV=\"127.0.0.1\"", "AT#POP3PORT=" + pop3.Port, "AT#POP3UN=\"" + pop3.User + "\"",
                "AT#POP3PW=\"" + pop3.Password + "\"", "AT#POP3HEADERMODE=" + headerMode,
            })
            {
                Assert.EndsWith("OK\r\n", device.Exchange(command + "\r", "(OK|ERROR[^\r]*)\r\n$"));
            }

            return device;
        }

        private static string GetMail(LiveDevice device) => device.Exchange("AT#GETMAIL\r", Answer);

        /// <summary>STAT of the getmail mailbox, straight from dovecot ("+OK n size").</summary>
        private static string Stat()
        {
            TestServer server = TestServers.Pop3GetMail;
            using var pop3 = new LineClient(server);
            Assert.StartsWith("+OK", pop3.ReadLine());
            pop3.SendLine("USER " + server.User);
            Assert.StartsWith("+OK", pop3.ReadLine());
            pop3.SendLine("PASS " + server.Password);
            Assert.StartsWith("+OK", pop3.ReadLine());
            pop3.SendLine("STAT");
            string stat = pop3.ReadLine();
            pop3.SendLine("QUIT");
            pop3.ReadLine();
            return stat;
        }

        [Fact]
        public void GetMail_HeaderMode1_FirstOfTwo_IsMail1FieldsAndBody_AndDeletesIt()
        {
            TestServers.RefillGetMailBox(Eml("1.eml"), Eml("2.eml"));
            var device = Configured(1);

            string expected = Expected(Eml("1.eml"), true);
            Assert.Equal("\r\nOk_Info_Mail\r\nFrom: Sender <sender@edsoft.test>\r\nSubject: EdSoftNano test mail 1\r\n\r\n"
                + "Hello from the first test mail.\r\n", expected.Substring(0, expected.IndexOf("It has")));
            Assert.Equal(expected, GetMail(device));
            Assert.Matches("^\\+OK 1 [0-9]+$", Stat());
        }

        [Fact]
        public void GetMail_HeaderMode1_Second_IsMail2_DotsAsTheServerSendsThem()
        {
            TestServers.RefillGetMailBox(Eml("1.eml"), Eml("2.eml"));
            var device = Configured(1);

            Assert.Equal(Expected(Eml("1.eml"), true), GetMail(device));
            string expected = Expected(Eml("2.eml"), true);
            Assert.Contains("\r\n..A line that starts with a dot (sent dot-stuffed on the wire).\r\n...Two dots.\r\n..\r\n", expected);
            Assert.Equal(expected, GetMail(device));
            Assert.Equal("+OK 0 0", Stat());
        }

        [Fact]
        public void GetMail_Third_AfterBothWereRetrieved_IsOkInfoNoMail()
        {
            TestServers.RefillGetMailBox(Eml("1.eml"), Eml("2.eml"));
            var device = Configured(1);

            Assert.Equal(Expected(Eml("1.eml"), true), GetMail(device));
            Assert.Equal(Expected(Eml("2.eml"), true), GetMail(device));
            Assert.Equal(NoMail, GetMail(device));
            Assert.Equal("+OK 0 0", Stat());
        }

        [Fact]
        public void GetMail_HeaderMode0_BodiesOnly_InMailboxOrder()
        {
            TestServers.RefillGetMailBox(Eml("2.eml"), Eml("1.eml"));
            var device = Configured(0);

            string expected = Expected(Eml("2.eml"), false);
            Assert.StartsWith("\r\nOk_Info_Mail\r\nThe second test mail.\r\n", expected);
            Assert.Equal(expected, GetMail(device));
            Assert.Equal("\r\nOk_Info_Mail\r\nHello from the first test mail.\r\nIt has three lines of body text.\r\nThe last line ends here.\r\n.\r\n\r\nOK\r\n",
                GetMail(device));
            Assert.Equal(NoMail, GetMail(device));
        }

        [Fact]
        public void GetMail_EmptyMailbox_IsOkInfoNoMailAlone()
        {
            TestServers.RefillGetMailBox();
            var device = Configured(1);

            Assert.Equal(NoMail, GetMail(device));
            Assert.Equal("+OK 0 0", Stat());
        }
    }
}
