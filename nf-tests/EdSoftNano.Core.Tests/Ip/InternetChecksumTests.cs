using EdSoftNano.Ip;
using Xunit;

namespace EdSoftNano.Tests.Ip
{
    public sealed class InternetChecksumTests
    {
        [Fact]
        public void Compute_Rfc1071Section3Example_Gives220D()
        {
            // RFC 1071 3: 00 01 f2 03 f4 f5 f6 f7 sums to 2ddf0, folded ddf2; the checksum is its complement.
            byte[] data = Packet.Hex("00 01 f2 03 f4 f5 f6 f7");
            Assert.Equal(0x2DDF0u, InternetChecksum.Add(0, data, 0, data.Length));
            Assert.Equal(0x220D, InternetChecksum.Compute(data, 0, data.Length));
        }

        [Fact]
        public void Compute_KnownIpv4Header_VerifiesToZero()
        {
            // A captured header (192.168.0.1 → 192.168.0.199, UDP) whose checksum is b861.
            byte[] header = Packet.Hex("45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7");
            Assert.Equal(0, InternetChecksum.Compute(header, 0, header.Length));
            header[10] = 0;
            header[11] = 0;
            Assert.Equal(0xB861, InternetChecksum.Compute(header, 0, header.Length));
        }

        [Fact]
        public void Add_OddLengthAndPieces_MatchTheReference()
        {
            byte[] data = Packet.Pattern(1001, 7);
            Assert.Equal(Packet.Checksum(data, 0, data.Length, 0), InternetChecksum.Compute(data, 0, data.Length));
            uint sum = InternetChecksum.Add(0, data, 0, 500);
            sum = InternetChecksum.Add(sum, data, 500, 501);
            Assert.Equal(Packet.Checksum(data, 0, data.Length, 0), InternetChecksum.Finish(sum));
        }

        [Fact]
        public void AddPseudoHeader_MatchesTheReferenceForUdp()
        {
            byte[] udp = Packet.Udp(Packet.Us, 50000, Packet.Peer, 7, Packet.Hex("68 65 6c 6c 6f"));
            uint sum = InternetChecksum.AddPseudoHeader(0, Packet.Us, Packet.Peer, 17, udp.Length);
            Assert.Equal(0, InternetChecksum.Finish(InternetChecksum.Add(sum, udp, 0, udp.Length)));
        }
    }
}
