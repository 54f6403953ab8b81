using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace EdSoftNano.Tests.Servers
{
    /// <summary>
    /// Each real server of tools/test-servers answers as the protocol tests expect, talked to with plain .NET
    /// sockets. Without the servers these tests fail, naming the missing one (they do not skip).
    /// </summary>
    public class ServerSmokeTests
    {
        private const string HelloTxt = "Hello from the EdSoftNano test FTP server.\n";

        // RFC 1035 4.1: id 0x4544, flags 0x0100 (RD), one question: <name> A IN.
        private const string QueryFtpA = "4544 0100 0001 0000 0000 0000 03 667470 06 6564736f6674 04 74657374 00 0001 0001";
        private const string QueryNxA = "4544 0100 0001 0000 0000 0000 02 6e78 06 6564736f6674 04 74657374 00 0001 0001";

        [Fact]
        public void Ftp_RetrHelloTxtOverPasv_GivesItsBytes()
        {
            using var ftp = FtpLogin(out TestServer server);
            ftp.Command("TYPE I", 200);
            Assert.Equal("213 " + HelloTxt.Length, ftp.Command("SIZE hello.txt", 213));
            using (Socket data = server.ConnectTcp(Pasv(ftp)))
            {
                ftp.Command("RETR hello.txt", 150);
                Assert.Equal(HelloTxt, Encoding.ASCII.GetString(ReadToEnd(data)));
            }

            ftp.Expect(226);
            ftp.Command("QUIT", 221);
        }

        [Fact]
        public void Ftp_StorIntoUpload_LandsByteExactInUploadDir()
        {
            using var ftp = FtpLogin(out TestServer server);
            string name = "smoke-" + Guid.NewGuid().ToString("N") + ".bin";
            byte[] bytes = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
            ftp.Command("TYPE I", 200);
            using (Socket data = server.ConnectTcp(Pasv(ftp)))
            {
                ftp.Command("STOR upload/" + name, 150);
                data.Send(bytes);
                data.Shutdown(SocketShutdown.Send);
                ReadToEnd(data);
            }

            ftp.Expect(226);
            ftp.Command("QUIT", 221);
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(server.Setting("UPLOAD_DIR"), name)));
        }

        [Fact]
        public void Pop3_Stat_ShowsTheTwoKnownMails()
        {
            using var pop3 = Pop3Login(out TestServer server);
            Assert.Equal("2", server.Setting("MAIL_COUNT"));
            Assert.Matches("^\\+OK 2 [0-9]+$", Pop3Command(pop3, "STAT"));
            Assert.StartsWith("+OK", Pop3Command(pop3, "QUIT"));
        }

        [Fact]
        public void Pop3_RetrEachMail_GivesItsSourceDotStuffedAndKeepsIt()
        {
            using var pop3 = Pop3Login(out TestServer server);
            string[] sources = Directory.GetFiles(server.Setting("MAIL_DIR"), "*.eml").OrderBy(p => p, StringComparer.Ordinal).ToArray();
            Assert.Equal(2, sources.Length);
            for (int i = 0; i < sources.Length; i++)
            {
                var expected = File.ReadAllText(sources[i]).TrimEnd('\n').Split('\n').Select(l => l.StartsWith('.') ? "." + l : l);
                Assert.StartsWith("+OK", Pop3Command(pop3, "RETR " + (i + 1)));
                Assert.Equal(expected, pop3.ReadDotTerminated());
            }

            Assert.StartsWith("+OK", Pop3Command(pop3, "QUIT"));
            using var again = Pop3Login(out _);
            Assert.Matches("^\\+OK 2 [0-9]+$", Pop3Command(again, "STAT"));
        }

        [Fact]
        public void Smtp_AuthLoginThenData_SpoolHoldsTheMessageByteExact()
        {
            TestServer server = TestServers.Smtp;
            string token = Guid.NewGuid().ToString("N");
            string message = "From: EdSoftNano <edsoft@edsoft.test>\r\nTo: <peer@edsoft.test>\r\nSubject: smoke " + token + "\r\n\r\n"
                + "First line.\r\n.A line that starts with a dot.\r\n\r\nLast line.\r\n";
            using var smtp = new LineClient(server);
            smtp.Expect(220);
            smtp.SendLine("EHLO edsoft.test");
            Assert.Contains(smtp.ReadReply(), l => Regex.IsMatch(l, "^250[- ]AUTH .*\\bLOGIN\\b"));
            Assert.Equal("334 VXNlcm5hbWU6", smtp.Command("AUTH LOGIN", 334));
            Assert.Equal("334 UGFzc3dvcmQ6", smtp.Command(Base64(server.User), 334));
            smtp.Command(Base64(server.Password), 235);
            smtp.Command("MAIL FROM:<edsoft@edsoft.test>", 250);
            smtp.Command("RCPT TO:<peer@edsoft.test>", 250);
            smtp.Command("DATA", 354);
            smtp.Send(Encoding.ASCII.GetBytes(message.Replace("\r\n.", "\r\n..") + ".\r\n"));
            string queued = smtp.Expect(250);
            smtp.Command("QUIT", 221);

            string id = Regex.Match(queued, "queued as ([0-9]+)$").Groups[1].Value;
            Assert.NotEqual("", id);
            string spool = server.Setting("SPOOL");
            Assert.Equal(Encoding.ASCII.GetBytes(message), File.ReadAllBytes(Path.Combine(spool, id + ".eml")));
            string envelope = File.ReadAllText(Path.Combine(spool, id + ".json"));
            Assert.Contains("\"mailFrom\":\"edsoft@edsoft.test\"", envelope);
            Assert.Contains("\"rcptTo\":[\"peer@edsoft.test\"]", envelope);
        }

        [Fact]
        public void Smtp_MailFromWithoutAuth_Is530AndWrongPassword535()
        {
            TestServer server = TestServers.Smtp;
            using var smtp = new LineClient(server);
            smtp.Expect(220);
            smtp.SendLine("EHLO edsoft.test");
            smtp.ReadReply();
            smtp.Command("MAIL FROM:<edsoft@edsoft.test>", 530);
            smtp.Command("AUTH LOGIN", 334);
            smtp.Command(Base64(server.User), 334);
            smtp.Command(Base64("wrong-" + server.Password), 535);
        }

        [Fact]
        public void Dns_UdpAQueryForFtpName_AnswersTheServersAddress()
        {
            TestServer dns = TestServers.Dns;
            byte[] query = Convert.FromHexString(QueryFtpA.Replace(" ", ""));
            AssertAnswersA(query, dns.ExchangeUdp(query), dns.Setting("ADDRESS"));
        }

        [Fact]
        public void Dns_TcpAQueryForFtpName_AnswersTheServersAddress()
        {
            TestServer dns = TestServers.Dns;
            byte[] query = Convert.FromHexString(QueryFtpA.Replace(" ", ""));
            using Socket socket = dns.ConnectTcp();
            socket.Send(new[] { (byte)(query.Length >> 8), (byte)query.Length }.Concat(query).ToArray());
            byte[] length = ReadExactly(socket, 2);
            AssertAnswersA(query, ReadExactly(socket, (length[0] << 8) | length[1]), dns.Setting("ADDRESS"));
        }

        [Fact]
        public void Dns_AQueryForNxName_IsNxdomain()
        {
            TestServer dns = TestServers.Dns;
            Assert.Equal("nx.edsoft.test", dns.Setting("NXNAME"));
            byte[] query = Convert.FromHexString(QueryNxA.Replace(" ", ""));
            byte[] answer = dns.ExchangeUdp(query);
            Assert.Equal(new byte[] { 0x45, 0x44 }, answer[..2]);
            Assert.Equal(0x80, answer[2] & 0x80); // QR: a response
            Assert.Equal(3, answer[3] & 0x0F); // RCODE 3, name error
            Assert.Equal(0, (answer[6] << 8) | answer[7]); // ANCOUNT
        }

        [Fact]
        public void TcpEcho_Bytes_ComeBackUnchanged()
        {
            byte[] bytes = Enumerable.Range(0, 5000).Select(i => (byte)(i % 253)).ToArray();
            using Socket socket = TestServers.TcpEcho.ConnectTcp();
            socket.Send(bytes);
            Assert.Equal(bytes, ReadExactly(socket, bytes.Length));
        }

        [Fact]
        public void UdpEcho_Datagram_ComesBackUnchanged()
        {
            byte[] datagram = Enumerable.Range(0, 512).Select(i => (byte)(255 - (i % 256))).ToArray();
            Assert.Equal(datagram, TestServers.UdpEcho.ExchangeUdp(datagram));
        }

        private static LineClient FtpLogin(out TestServer server)
        {
            server = TestServers.Ftp;
            var ftp = new LineClient(server);
            ftp.Expect(220);
            ftp.Command("USER " + server.User, 331);
            ftp.Command("PASS " + server.Password, 230);
            return ftp;
        }

        private static int Pasv(LineClient ftp)
        {
            Match m = Regex.Match(ftp.Command("PASV", 227), "\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
            Assert.True(m.Success, "no PASV address");
            Assert.Equal(ftp.Server.Host, string.Join(".", m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value));
            return (int.Parse(m.Groups[5].Value) << 8) | int.Parse(m.Groups[6].Value);
        }

        private static LineClient Pop3Login(out TestServer server)
        {
            server = TestServers.Pop3;
            var pop3 = new LineClient(server);
            Assert.StartsWith("+OK", pop3.ReadLine());
            Assert.StartsWith("+OK", Pop3Command(pop3, "USER " + server.User));
            Assert.StartsWith("+OK", Pop3Command(pop3, "PASS " + server.Password));
            return pop3;
        }

        private static string Pop3Command(LineClient pop3, string line)
        {
            pop3.SendLine(line);
            return pop3.ReadLine();
        }

        private static void AssertAnswersA(byte[] query, byte[] answer, string address)
        {
            int q = query.Length;
            Assert.Equal(query[..2], answer[..2]); // id
            Assert.Equal(0x80, answer[2] & 0x80); // QR
            Assert.Equal(0, answer[3] & 0x0F); // RCODE
            Assert.Equal(1, (answer[6] << 8) | answer[7]); // ANCOUNT
            Assert.Equal(query[12..], answer[12..q]); // the question, echoed
            Assert.Equal(Convert.FromHexString("c00c00010001"), answer[q..(q + 6)]); // name -> question, A, IN
            Assert.Equal(new byte[] { 0, 4 }, answer[(q + 10)..(q + 12)]); // RDLENGTH
            Assert.Equal(address, string.Join(".", answer[(q + 12)..(q + 16)]));
        }

        private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

        private static byte[] ReadExactly(Socket socket, int count)
        {
            var bytes = new byte[count];
            for (int got = 0; got < count;)
            {
                int n = socket.Receive(bytes, got, count - got, SocketFlags.None);
                if (n == 0)
                {
                    throw new EndOfStreamException("closed after " + got + " of " + count + " bytes");
                }

                got += n;
            }

            return bytes;
        }

        private static byte[] ReadToEnd(Socket socket)
        {
            var bytes = new List<byte>();
            var buffer = new byte[4096];
            for (int n = socket.Receive(buffer); n > 0; n = socket.Receive(buffer))
            {
                bytes.AddRange(buffer.AsSpan(0, n).ToArray());
            }

            return bytes.ToArray();
        }
    }

    /// <summary>
    /// The second POP3 account: <see cref="TestServers.RefillGetMailBox"/> lays known mails that dovecot
    /// serves in argument order and may delete; the edsoft mailbox is not touched.
    /// </summary>
    [Collection(GetMailBoxCollection.Name)]
    public class GetMailBoxSmokeTests
    {
        private static string Eml(string name) => Path.Combine(TestServers.Pop3.Setting("MAIL_DIR"), name);

        private static IEnumerable<string> DotStuffed(string eml)
            => File.ReadAllText(eml).TrimEnd('\n').Split('\n').Select(l => l.StartsWith('.') ? "." + l : l);

        private static LineClient Login()
        {
            TestServer server = TestServers.Pop3GetMail;
            Assert.Equal(TestServers.Pop3.Port, server.Port);
            Assert.NotEqual(TestServers.Pop3.User, server.User);
            var pop3 = new LineClient(server);
            Assert.StartsWith("+OK", pop3.ReadLine());
            Assert.StartsWith("+OK", Command(pop3, "USER " + server.User));
            Assert.StartsWith("+OK", Command(pop3, "PASS " + server.Password));
            return pop3;
        }

        private static string Command(LineClient pop3, string line)
        {
            pop3.SendLine(line);
            return pop3.ReadLine();
        }

        [Fact]
        public void Refill_TwoMailsInArgumentOrder_RetrGivesThem_DeleRemovesOne_RefillEmptyLeavesNone()
        {
            TestServers.RefillGetMailBox(Eml("2.eml"), Eml("1.eml"));
            using (var pop3 = Login())
            {
                Assert.Matches("^\\+OK 2 [0-9]+$", Command(pop3, "STAT"));
                Assert.StartsWith("+OK", Command(pop3, "RETR 1"));
                Assert.Equal(DotStuffed(Eml("2.eml")), pop3.ReadDotTerminated());
                Assert.StartsWith("+OK", Command(pop3, "RETR 2"));
                Assert.Equal(DotStuffed(Eml("1.eml")), pop3.ReadDotTerminated());
                Assert.StartsWith("+OK", Command(pop3, "DELE 1"));
                Assert.StartsWith("+OK", Command(pop3, "QUIT"));
            }

            using (var pop3 = Login())
            {
                Assert.Matches("^\\+OK 1 [0-9]+$", Command(pop3, "STAT"));
                Assert.StartsWith("+OK", Command(pop3, "RETR 1"));
                Assert.Equal(DotStuffed(Eml("1.eml")), pop3.ReadDotTerminated());
                Assert.StartsWith("+OK", Command(pop3, "QUIT"));
            }

            TestServers.RefillGetMailBox();
            using (var pop3 = Login())
            {
                Assert.Equal("+OK 0 0", Command(pop3, "STAT"));
                Assert.StartsWith("+OK", Command(pop3, "QUIT"));
            }

            using var edsoft = new LineClient(TestServers.Pop3);
            Assert.StartsWith("+OK", edsoft.ReadLine());
            Assert.StartsWith("+OK", Command(edsoft, "USER " + TestServers.Pop3.User));
            Assert.StartsWith("+OK", Command(edsoft, "PASS " + TestServers.Pop3.Password));
            Assert.Matches("^\\+OK 2 [0-9]+$", Command(edsoft, "STAT"));
            Assert.StartsWith("+OK", Command(edsoft, "QUIT"));
        }
    }
}
