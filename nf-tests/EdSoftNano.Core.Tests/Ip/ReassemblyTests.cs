using EdSoftNano.Icmp;
using EdSoftNano.Ip;
using Xunit;

namespace EdSoftNano.Tests.Ip
{
    /// <summary>Fragments into the IP layer on virtual time: joined in any order, duplicates ignored, overlaps and oversize dropped, timeouts.</summary>
    public sealed class ReassemblyTests
    {
        private readonly CaptureLink _link = new CaptureLink();
        private readonly IpLayer _ip;
        private readonly RecordingTransport _udp = new RecordingTransport();
        private readonly byte[] _payload = Packet.Pattern(1400, 3);

        public ReassemblyTests()
        {
            _ip = new IpLayer(_link, 2, 1500, 0x1234);
            _ip.Attach(IpConstants.ProtocolUdp, _udp);
            new IcmpLayer(_ip, new byte[IcmpLayer.BufferLength], 2, 0x0BEE);
            _ip.LinkUp(Packet.Us, Packet.Peer);
        }

        // The payload cut as a kernel does on a 576-byte MTU: 552, 552, 296.
        private byte[][] Fragments(byte[] payload, int id = 0x4321, int piece = 552)
        {
            int n = (payload.Length + piece - 1) / piece;
            var f = new byte[n][];
            for (int i = 0; i < n; i++)
            {
                int off = i * piece;
                int len = System.Math.Min(piece, payload.Length - off);
                f[i] = Packet.Ip(17, Packet.Peer, Packet.Us, Packet.Slice(payload, off, len), id: id, fragmentOffsetBytes: off, moreFragments: i < n - 1);
            }

            return f;
        }

        private void Feed(byte[] d, long nowMs = 0) => _ip.Receive(nowMs, d, 0, d.Length);

        [Fact]
        public void Fragments_InOrder_AreDeliveredOnceAsOneDatagram()
        {
            byte[][] f = Fragments(_payload);
            Feed(f[0]);
            Feed(f[1]);
            Assert.Empty(_udp.Payloads);
            Feed(f[2]);
            Assert.Single(_udp.Payloads);
            Assert.Equal(_payload, _udp.Payloads[0]);
            Assert.Equal(1, _ip.Counters[IpCounters.Reassembled]);
            Assert.Equal(0, _ip.Reassembly.InUse);
        }

        [Fact]
        public void Fragments_OutOfOrder_AreJoined()
        {
            byte[][] f = Fragments(_payload);
            Feed(f[2]);
            Feed(f[0]);
            Feed(f[1]);
            Assert.Equal(_payload, Assert.Single(_udp.Payloads));
        }

        [Fact]
        public void Fragments_OfTwoDatagramsInterleaved_AreBothJoined()
        {
            byte[] other = Packet.Pattern(1200, 9);
            byte[][] a = Fragments(_payload, 1);
            byte[][] b = Fragments(other, 2);
            Feed(a[1]); Feed(b[0]); Feed(a[0]); Feed(b[1]); Feed(a[2]);
            Assert.Equal(_payload, Assert.Single(_udp.Payloads));
            Feed(b[2]);
            Assert.Equal(other, _udp.Payloads[1]);
        }

        [Fact]
        public void DuplicateFragment_IsIgnored()
        {
            byte[][] f = Fragments(_payload);
            Feed(f[0]); Feed(f[0]); Feed(f[1]); Feed(f[2]); 
            Assert.Equal(_payload, Assert.Single(_udp.Payloads));
            Assert.Equal(1, _ip.Counters[IpCounters.FragmentDuplicates]);
        }

        [Fact]
        public void OverlappingFragmentWithOtherBytes_DropsTheDatagram()
        {
            byte[][] f = Fragments(_payload);
            Feed(f[0]);
            byte[] changed = (byte[])_payload.Clone();
            changed[548] ^= 0xFF;
            Feed(Packet.Ip(17, Packet.Peer, Packet.Us, Packet.Slice(changed, 544, 552), id: 0x4321, fragmentOffsetBytes: 544, moreFragments: true));
            Assert.Equal(1, _ip.Counters[IpDrop.FragmentOverlap]);
            Assert.Equal(0, _ip.Reassembly.InUse);
            Feed(f[1]); Feed(f[2]);
            Assert.Empty(_udp.Payloads);
        }

        [Fact]
        public void FragmentPastTheBuffer_IsDroppedAsOversize()
        {
            Feed(Packet.Ip(17, Packet.Peer, Packet.Us, new byte[8], fragmentOffsetBytes: 1480, moreFragments: false));
            Assert.Equal(1, _ip.Counters[IpDrop.FragmentOversize]);
            Assert.Equal(0, _ip.Reassembly.InUse);
        }

        [Fact]
        public void FragmentPastTheLastFragmentsEnd_DropsTheDatagram()
        {
            byte[][] f = Fragments(_payload);
            Feed(f[2]);
            Feed(Packet.Ip(17, Packet.Peer, Packet.Us, new byte[8], id: 0x4321, fragmentOffsetBytes: 1400, moreFragments: true));
            Assert.Equal(1, _ip.Counters[IpDrop.FragmentOversize]);
            Assert.Equal(0, _ip.Reassembly.InUse);
        }

        [Fact]
        public void MiddleFragmentNotAMultipleOf8_IsDropped()
        {
            Feed(Packet.Ip(17, Packet.Peer, Packet.Us, new byte[13], moreFragments: true));
            Assert.Equal(1, _ip.Counters[IpDrop.FragmentOversize]);
        }

        [Fact]
        public void ThirdDatagramWhileBothBuffersAreInUse_IsDropped()
        {
            Feed(Fragments(_payload, 1)[0]);
            Feed(Fragments(_payload, 2)[0]);
            Feed(Fragments(_payload, 3)[0]);
            Assert.Equal(1, _ip.Counters[IpDrop.FragmentNoBuffer]);
            Assert.Equal(2, _ip.Reassembly.InUse);
        }

        [Fact]
        public void Incomplete_AfterFifteenSeconds_IsDroppedWithTimeExceeded()
        {
            byte[][] f = Fragments(_payload);
            Feed(f[0], 1000);
            Feed(f[2], 2000);
            Assert.Equal(1000 + Reassembly.TimeoutMs, _ip.NextDeadlineMs);
            _ip.Poll(1000 + Reassembly.TimeoutMs - 1);
            Assert.Equal(1, _ip.Reassembly.InUse);
            _ip.Poll(1000 + Reassembly.TimeoutMs);
            Assert.Equal(0, _ip.Reassembly.InUse);
            Assert.Equal(1, _ip.Counters[IpDrop.ReassemblyTimeout]);
            Assert.Equal(long.MaxValue, _ip.NextDeadlineMs);

            // RFC 792 time exceeded, code 1, quoting the first fragment's header (as it came) and 8 bytes.
            byte[] sent = _link.Last;
            Assert.Equal(1, sent[9]);
            Assert.Equal(new byte[] { 11, 1 }, sent[20..22]);
            Assert.Equal(0, Packet.Checksum(sent, 20, sent.Length - 20, 0));
            Assert.Equal(20 + 8 + 28, sent.Length);
            Assert.Equal(Packet.Slice(_payload, 0, 8), sent[48..56]);

            // The last piece alone now starts a new reassembly, which never completes.
            Feed(f[1], 20000);
            Assert.Empty(_udp.Payloads);
        }

        [Fact]
        public void TimeoutWithoutTheFirstFragment_SendsNoError()
        {
            Feed(Fragments(_payload)[1], 0);
            _ip.Poll(Reassembly.TimeoutMs);
            Assert.Equal(1, _ip.Counters[IpDrop.ReassemblyTimeout]);
            Assert.Empty(_link.Sent);
        }

        [Fact]
        public void ReassembledEchoRequest_IsAnsweredWhenTheReplyFitsTheMtu()
        {
            // 1400 bytes of ICMP in three fragments; the 1420-byte reply fits a 1500 MTU (sent whole, DF).
            byte[] echo = Packet.Icmp(8, 0, 0x0101, 7, Packet.Pattern(1392));
            byte[][] f = new byte[3][];
            for (int i = 0; i < 3; i++)
            {
                int off = i * 552;
                int len = System.Math.Min(552, echo.Length - off);
                f[i] = Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Slice(echo, off, len), id: 9, fragmentOffsetBytes: off, moreFragments: i < 2);
            }

            Feed(f[1]); Feed(f[2]); Feed(f[0]);
            byte[] reply = _link.Last;
            Assert.Equal(1420, reply.Length);
            Assert.Equal(0, reply[20]);
            Assert.Equal(Packet.Slice(echo, 4, echo.Length - 4), Packet.Slice(reply, 24, echo.Length - 4));
            Assert.Equal(0, Packet.Checksum(reply, 20, 1400, 0));
        }
    }
}
