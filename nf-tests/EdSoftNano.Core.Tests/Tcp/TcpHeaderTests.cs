using System;
using EdSoftNano.Tcp;
using Xunit;

namespace EdSoftNano.Tests.Tcp
{
    public class TcpHeaderTests
    {
        // A SYN with MSS 1460 (RFC 9293 3.1 layout; option kind 2 length 4, RFC 9293 3.2).
        private static readonly byte[] Syn = Convert.FromHexString("C3501388" + "01020304" + "00000000" + "6002" + "0800" + "0000" + "0000" + "020405B4");

        [Fact]
        public void TryParse_SynWithMss_ReadsEveryField()
        {
            Assert.True(TcpHeader.TryParse(Syn, 0, Syn.Length, out TcpHeader h));
            Assert.Equal(50000, h.SourcePort);
            Assert.Equal(5000, h.DestinationPort);
            Assert.Equal(0x01020304u, h.Sequence);
            Assert.Equal(24, h.HeaderLength);
            Assert.Equal(TcpHeader.Syn, h.Flags);
            Assert.Equal(2048, h.Window);
            Assert.Equal(1460, h.Mss);
        }

        [Fact]
        public void Emit_SynWithMss_WritesEveryByte()
        {
            var h = new TcpHeader { SourcePort = 50000, DestinationPort = 5000, Sequence = 0x01020304, Flags = TcpHeader.Syn, Window = 2048, Mss = 1460 };
            byte[] buffer = new byte[30];
            Array.Fill(buffer, (byte)0xA5);
            Assert.Equal(24, h.Emit(buffer, 3));
            Assert.Equal(Syn, buffer[3..27]);
            Assert.Equal(0xA5, buffer[2]);
            Assert.Equal(0xA5, buffer[27]);
        }

        [Fact]
        public void TryParse_TruncatedOrBadOffset_Fails()
        {
            Assert.False(TcpHeader.TryParse(Syn, 0, 19, out _));
            Assert.False(TcpHeader.TryParse(Syn, 0, 23, out _)); // data offset says 24
            byte[] bad = (byte[])Syn.Clone();
            bad[12] = 0x40; // 16 bytes < 20
            Assert.False(TcpHeader.TryParse(bad, 0, bad.Length, out _));
        }

        [Fact]
        public void TryParse_OptionOverrunningHeader_IgnoresIt()
        {
            byte[] odd = (byte[])Syn.Clone();
            odd[21] = 9; // MSS option claims 9 bytes in a 4-byte option space
            Assert.True(TcpHeader.TryParse(odd, 0, odd.Length, out TcpHeader h));
            Assert.Equal(0, h.Mss);
        }

        [Fact]
        public void Sequence_ComparesAcrossTheWrap()
        {
            Assert.True(TcpSequence.Lt(0xFFFFFFF0u, 0x10u));
            Assert.True(TcpSequence.Gt(0x10u, 0xFFFFFFF0u));
            Assert.True(TcpSequence.InWindow(0x5u, 0xFFFFFFFEu, 10));
            Assert.False(TcpSequence.InWindow(0x8u, 0xFFFFFFFEu, 10));
        }

        [Fact]
        public void RetransmitTimer_FollowsRfc6298()
        {
            var t = new TcpRetransmitTimer();
            Assert.Equal(1000, t.RtoMs);
            t.Sample(400); // SRTT 400, RTTVAR 200 → 1200
            Assert.Equal(1200, t.RtoMs);
            t.Sample(400); // RTTVAR 150, SRTT 400 → 1000
            Assert.Equal(1000, t.RtoMs);
            t.Backoff();
            Assert.Equal(2000, t.RtoMs);
            for (int i = 0; i < 10; i++) t.Backoff();
            Assert.Equal(60000, t.RtoMs);
        }
    }
}
