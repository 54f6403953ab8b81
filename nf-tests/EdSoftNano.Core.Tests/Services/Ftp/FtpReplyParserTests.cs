using System.Text;
using EdSoftNano.Services.Ftp;
using Xunit;

namespace EdSoftNano.Tests.Services.Ftp
{
    /// <summary>RFC 959 4.2 replies: one line, several lines, two in one read; every input also fed in chunks.</summary>
    public class FtpReplyParserTests
    {
        private static readonly Encoding Latin1 = Encoding.Latin1;

        // Feeds text in chunks of chunk bytes; returns "code|last line|bytes consumed" of the first complete reply.
        private static string First(string text, int chunk)
        {
            var parser = new FtpReplyParser();
            byte[] bytes = Latin1.GetBytes(text);
            int at = 0;
            while (at < bytes.Length)
            {
                int n = System.Math.Min(chunk, bytes.Length - at);
                int used = parser.Feed(bytes, at, n);
                at += used;
                if (parser.Code != 0)
                {
                    return parser.Code + "|" + Latin1.GetString(parser.Line, 0, parser.LineLength) + "|" + at;
                }

                Assert.Equal(n, used);
            }

            return "none|" + at;
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(7)]
        [InlineData(1000)]
        public void Feed_OneLineReply_GivesCodeAndLine(int chunk)
        {
            Assert.Equal("220|220 EdSoftNano test FTP|25", First("220 EdSoftNano test FTP\r\n331 next\r\n", chunk));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        [InlineData(1000)]
        public void Feed_MultiLineReply_EndsOnlyAtSameCodeAndSpace(int chunk)
        {
            string reply = "230-Welcome\r\n230-still welcome\r\n 230 indented text\r\n150 other code inside\r\n230 Login successful.\r\n";
            Assert.Equal("230|230 Login successful.|" + reply.Length, First(reply + "200 x\r\n", chunk));
        }

        [Fact]
        public void Feed_TwoRepliesInOneRead_StopsAfterTheFirst_ThenGivesTheSecond()
        {
            var parser = new FtpReplyParser();
            byte[] bytes = Latin1.GetBytes("150 Opening\r\n226 Transfer complete.\r\n");
            int used = parser.Feed(bytes, 0, bytes.Length);
            Assert.Equal(150, parser.Code);
            Assert.Equal(13, used);
            int rest = parser.Feed(bytes, used, bytes.Length - used);
            Assert.Equal(226, parser.Code);
            Assert.Equal(bytes.Length - used, rest);
            Assert.Equal("226 Transfer complete.", Latin1.GetString(parser.Line, 0, parser.LineLength));
        }

        [Fact]
        public void Feed_BareLf_AndCodeOnlyLine_AreReplies()
        {
            Assert.Equal("200|200|4", First("200\n", 1));
            Assert.Equal("331|331 pw|7", First("331 pw\n", 2));
        }

        [Fact]
        public void Feed_NoiseBeforeReply_IsSkipped()
        {
            Assert.Equal("220|220 ok|21", First("hello\r\n99 x\r\n220 ok\r\n", 1));
        }

        [Fact]
        public void Feed_IncompleteReply_GivesNoCode()
        {
            Assert.Equal("none|14", First("220-first\r\n220", 3));
        }

        [Fact]
        public void Feed_OverlongLine_KeepsItsStart_AndStillEndsTheReply()
        {
            string line = "227 " + new string('x', 300);
            string result = First(line + "\r\n", 5);
            Assert.StartsWith("227|227 xxx", result);
            Assert.EndsWith("|" + (line.Length + 2), result);
            Assert.Equal(FtpReplyParser.LineCapacity, result.Split('|')[1].Length);
        }
    }
}
