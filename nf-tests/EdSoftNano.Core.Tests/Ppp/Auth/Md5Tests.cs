using System;
using System.Text;
using CsCheck;
using EdSoftNano.Ppp.Auth;
using Xunit;

namespace EdSoftNano.Tests.Ppp.Auth
{
    public class Md5Tests
    {
        private static string Hex(byte[] b, int offset, int count)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < count; i++) { sb.Append(b[offset + i].ToString("x2")); }
            return sb.ToString();
        }

        private static string Digest(Md5 md5, byte[] data)
        {
            md5.Update(data, 0, data.Length);
            var d = new byte[Md5.DigestLength];
            md5.Final(d, 0);
            return Hex(d, 0, d.Length);
        }

        // RFC 1321 A.5 test suite.
        [Theory]
        [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
        [InlineData("a", "0cc175b9c0f1b6a831c399e269772661")]
        [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
        [InlineData("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
        [InlineData("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
        [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f")]
        [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
        public void Final_Rfc1321TestSuite_MatchesVector(string message, string expected)
        {
            Assert.Equal(expected, Digest(new Md5(), Encoding.ASCII.GetBytes(message)));
        }

        [Fact]
        public void Final_ResetsForNextMessage_SameInstanceGivesSameDigest()
        {
            var md5 = new Md5();
            byte[] abc = Encoding.ASCII.GetBytes("abc");
            Assert.Equal(Digest(md5, abc), Digest(md5, abc));
        }

        [Fact]
        public void Final_WritesAtOffsetOnly_NeighboursUntouched()
        {
            var md5 = new Md5();
            var buf = new byte[20];
            for (int i = 0; i < buf.Length; i++) { buf[i] = 0xA5; }
            md5.Final(buf, 2);
            Assert.Equal(0xA5, buf[0]); Assert.Equal(0xA5, buf[1]); Assert.Equal(0xA5, buf[18]); Assert.Equal(0xA5, buf[19]);
            Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", Hex(buf, 2, 16));
        }

        [Fact]
        public void Update_PaddingBoundaries_MatchSystemMd5()
        {
            var md5 = new Md5();
            for (int n = 0; n <= 200; n++)
            {
                var data = new byte[n];
                for (int i = 0; i < n; i++) { data[i] = (byte)(i * 7 + n); }
                Assert.Equal(Hex(System.Security.Cryptography.MD5.HashData(data), 0, 16), Digest(md5, data));
            }
        }

        [Fact]
        public void Update_RandomInputInRandomChunks_MatchesSystemMd5()
        {
            // CsCheck samples on several threads: one Md5 per sample.
            Gen.Select(Gen.Byte.Array[0, 700], Gen.Int[1, 130].Array[1, 12], Gen.Int[0, 5]).Sample((data, chunks, lead) =>
            {
                var md5 = new Md5();
                // Fed from an offset into a larger buffer, in chunks of varying size, some as single bytes.
                var buf = new byte[lead + data.Length + 3];
                Array.Copy(data, 0, buf, lead, data.Length);
                int pos = 0, k = 0;
                while (pos < data.Length)
                {
                    int n = Math.Min(chunks[k++ % chunks.Length], data.Length - pos);
                    if (n == 1) { md5.Update(buf[lead + pos]); } else { md5.Update(buf, lead + pos, n); }
                    pos += n;
                }

                var d = new byte[16];
                md5.Final(d, 0);
                return Hex(d, 0, 16) == Hex(System.Security.Cryptography.MD5.HashData(data), 0, 16);
            });
        }
    }
}
