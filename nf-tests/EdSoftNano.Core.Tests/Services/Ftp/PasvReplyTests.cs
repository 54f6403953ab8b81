using System.Text;
using EdSoftNano.Services.Ftp;
using Xunit;

namespace EdSoftNano.Tests.Services.Ftp
{
    /// <summary>The 227 reply (RFC 959 4.1.2; RFC 1123 4.1.2.6: scan for the first digit).</summary>
    public class PasvReplyTests
    {
        private static bool Parse(string line, out uint address, out int port)
        {
            byte[] bytes = Encoding.ASCII.GetBytes("##" + line + "##");
            return PasvReply.TryParse(bytes, 2, bytes.Length - 4, out address, out port);
        }

        [Theory]
        [InlineData("227 Entering Passive Mode (127,0,0,1,82,112).", 0x7F000001u, 82 * 256 + 112)]
        [InlineData("227 Entering Passive Mode 10,1,2,3,0,21", 0x0A010203u, 21)]
        [InlineData("227 =192,168,255,254,255,255", 0xC0A8FFFEu, 65535)]
        public void TryParse_ValidReplies_GiveAddressAndPort(string line, uint address, int port)
        {
            Assert.True(Parse(line, out uint a, out int p));
            Assert.Equal(address, a);
            Assert.Equal(port, p);
        }

        [Theory]
        [InlineData("227 Entering Passive Mode (127,0,0,1,82).")]
        [InlineData("227 Entering Passive Mode (127,0,0,256,1,1).")]
        [InlineData("227 Entering Passive Mode (127,0,0,1,1,1000).")]
        [InlineData("227 Entering Passive Mode (127,0,0;1,1,1).")]
        [InlineData("227 Entering Passive Mode.")]
        [InlineData("227")]
        public void TryParse_BrokenReplies_AreRefused(string line)
        {
            Assert.False(Parse(line, out _, out _));
        }

        [Fact]
        public void TryParse_HonoursOffsetAndCount()
        {
            byte[] bytes = Encoding.ASCII.GetBytes("227 (1,2,3,4,5,6)227 (9,9,9,9,9,9)");
            Assert.True(PasvReply.TryParse(bytes, 0, 17, out uint address, out int port));
            Assert.Equal(0x01020304u, address);
            Assert.Equal(5 * 256 + 6, port);
            Assert.False(PasvReply.TryParse(bytes, 0, 15, out _, out _));
        }
    }
}
