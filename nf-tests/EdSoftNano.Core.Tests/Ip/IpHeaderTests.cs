using EdSoftNano.Ip;
using Xunit;

namespace EdSoftNano.Tests.Ip
{
    public sealed class IpHeaderTests
    {
        private static readonly byte[] Vector = Packet.Hex("45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7");

        private static byte[] Datagram(byte[] header, int length)
        {
            var d = new byte[length];
            System.Array.Copy(header, d, header.Length);
            return d;
        }

        [Fact]
        public void TryParse_KnownHeader_GivesItsFields()
        {
            byte[] d = Datagram(Vector, 0x73);
            Assert.Equal(IpDrop.None, IpHeader.TryParse(d, 0, d.Length, out IpHeader h));
            Assert.Equal(20, h.HeaderLength);
            Assert.Equal(0x73, h.TotalLength);
            Assert.True(h.DontFragment);
            Assert.False(h.IsFragment);
            Assert.Equal(64, h.Ttl);
            Assert.Equal(17, h.Protocol);
            Assert.Equal(0xC0A80001u, h.Source);
            Assert.Equal(0xC0A800C7u, h.Destination);
        }

        [Fact]
        public void TryParse_AtAnOffset_ReadsThere()
        {
            var d = new byte[5 + 0x73];
            System.Array.Copy(Vector, 0, d, 5, 20);
            Assert.Equal(IpDrop.None, IpHeader.TryParse(d, 5, 0x73, out IpHeader h));
            Assert.Equal(0xC0A800C7u, h.Destination);
        }

        [Fact]
        public void TryParse_LinkPaddingAfterTheTotalLength_IsAccepted()
        {
            byte[] d = Datagram(Vector, 0x73 + 3);
            Assert.Equal(IpDrop.None, IpHeader.TryParse(d, 0, d.Length, out IpHeader h));
            Assert.Equal(0x73, h.TotalLength);
        }

        [Theory]
        [InlineData(0, 0x55, IpDrop.BadVersion)]     // version 5
        [InlineData(0, 0x44, IpDrop.BadHeaderLength)] // IHL 4
        [InlineData(11, 0x62, IpDrop.BadChecksum)]   // checksum off by one
        [InlineData(3, 0x74, IpDrop.Truncated)]      // total length one past what arrived
        [InlineData(3, 0x10, IpDrop.BadHeaderLength)] // total length below the header
        public void TryParse_BrokenField_GivesTheReason(int index, int value, int reason)
        {
            byte[] d = Datagram(Vector, 0x73);
            d[index] = (byte)value;
            if (index != 11 && index != 0)
            {
                // Keep the checksum right so the field itself is what is judged.
                d[10] = 0;
                d[11] = 0;
                Packet.Put16(d, 10, Packet.Checksum(d, 0, 20, 0));
            }

            Assert.Equal(reason, IpHeader.TryParse(d, 0, d.Length, out _));
        }

        [Fact]
        public void TryParse_ShorterThanAHeader_IsTruncated()
        {
            Assert.Equal(IpDrop.Truncated, IpHeader.TryParse(Vector, 0, 19, out _));
        }

        [Fact]
        public void TryParse_Options_AreCountedInTheHeaderLength()
        {
            byte[] d = Packet.Ip(17, Packet.Peer, Packet.Us, new byte[8], options: new byte[] { 1, 1, 1, 0 });
            Assert.Equal(IpDrop.None, IpHeader.TryParse(d, 0, d.Length, out IpHeader h));
            Assert.Equal(24, h.HeaderLength);
            Assert.Equal(8, h.PayloadLength);
        }

        [Fact]
        public void TryParse_Fragment_GivesOffsetInBytesAndMoreFragments()
        {
            byte[] d = Packet.Ip(17, Packet.Peer, Packet.Us, new byte[16], fragmentOffsetBytes: 1480, moreFragments: true);
            Assert.Equal(IpDrop.None, IpHeader.TryParse(d, 0, d.Length, out IpHeader h));
            Assert.True(h.MoreFragments);
            Assert.Equal(1480, h.FragmentByteOffset);
            Assert.True(h.IsFragment);
        }

        [Fact]
        public void Emit_WritesOurHeaderExactly_AndNothingElse()
        {
            var b = new byte[24];
            for (int i = 0; i < b.Length; i++) { b[i] = 0xA5; }
            IpHeader.Emit(b, 2, 28, 0x1235, 64, 17, Packet.Us, Packet.Peer);
            Assert.Equal(Packet.Hex("a5 a5 45 00 00 1c 12 35 40 00 40 11 13 0a 0a c8 00 02 0a c8 00 01 a5 a5"), b);
        }
    }
}
