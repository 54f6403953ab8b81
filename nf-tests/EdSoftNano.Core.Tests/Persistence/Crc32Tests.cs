using System.Text;
using EdSoftNano.Persistence;
using Xunit;

namespace EdSoftNano.Tests.Persistence
{
    public class Crc32Tests
    {
        [Fact]
        public void Compute_CheckString_ReturnsCheckValue()
        {
            // The check value of CRC-32/ISO-HDLC (IEEE 802.3) in the CRC catalogue.
            byte[] data = Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
        }

        [Fact]
        public void Compute_QuickBrownFox_ReturnsZlibValue()
        {
            byte[] data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
            Assert.Equal(0x414FA339u, Crc32.Compute(data, 0, data.Length));
        }

        [Fact]
        public void Compute_Empty_ReturnsZero()
        {
            Assert.Equal(0u, Crc32.Compute(new byte[0], 0, 0));
        }

        [Fact]
        public void Compute_WithOffset_ReadsOnlyThatRange()
        {
            byte[] data = Encoding.ASCII.GetBytes("xx123456789yyy");
            Assert.Equal(0xCBF43926u, Crc32.Compute(data, 2, 9));
        }

        [Fact]
        public void Update_SplitAtEveryPosition_EqualsCompute()
        {
            byte[] data = Encoding.ASCII.GetBytes("123456789");
            for (int split = 0; split <= data.Length; split++)
            {
                uint crc = Crc32.Update(Crc32.Initial, data, 0, split);
                crc = Crc32.Update(crc, data, split, data.Length - split);
                Assert.Equal(0xCBF43926u, Crc32.Finish(crc));
            }
        }
    }
}
