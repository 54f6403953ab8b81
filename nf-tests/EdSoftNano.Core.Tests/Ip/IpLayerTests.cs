using EdSoftNano.Icmp;
using EdSoftNano.Ip;
using Xunit;

namespace EdSoftNano.Tests.Ip
{
    public sealed class IpLayerTests
    {
        private readonly CaptureLink _link = new CaptureLink();
        private readonly IpLayer _ip;
        private readonly RecordingTransport _udp = new RecordingTransport();

        public IpLayerTests()
        {
            _ip = new IpLayer(_link, 2, 1500, 0x1234);
            _ip.Attach(IpConstants.ProtocolUdp, _udp);
            new IcmpLayer(_ip, new byte[IcmpLayer.BufferLength], 2, 0x0BEE);
            _ip.LinkUp(Packet.Us, Packet.Peer);
        }

        private void Feed(byte[] d, long nowMs = 0) => _ip.Receive(nowMs, d, 0, d.Length);

        [Fact]
        public void Receive_ValidDatagram_DeliversThePayload()
        {
            byte[] payload = Packet.Pattern(12);
            Feed(Packet.Ip(17, Packet.Peer, Packet.Us, payload));
            Assert.Single(_udp.Payloads);
            Assert.Equal(payload, _udp.Payloads[0]);
            Assert.Equal(Packet.Peer, _udp.Sources[0]);
            Assert.Equal(1, _ip.Counters[IpCounters.Delivered]);
        }

        [Fact]
        public void Receive_WithOptions_SkipsThem()
        {
            byte[] payload = Packet.Pattern(9);
            Feed(Packet.Ip(17, Packet.Peer, Packet.Us, payload, options: new byte[] { 0x94, 0x04, 0, 0 }));
            Assert.Equal(payload, _udp.Payloads[0]);
        }

        [Fact]
        public void Receive_AtAnOffsetWithPadding_DeliversOnlyTheDatagram()
        {
            byte[] d = Packet.Ip(17, Packet.Peer, Packet.Us, Packet.Pattern(10));
            var framed = new byte[d.Length + 7];
            System.Array.Copy(d, 0, framed, 3, d.Length);
            _ip.Receive(0, framed, 3, d.Length + 4);
            Assert.Equal(Packet.Pattern(10), _udp.Payloads[0]);
        }

        [Fact]
        public void Receive_ToTheLimitedBroadcast_IsDelivered()
        {
            Feed(Packet.Ip(17, Packet.Peer, 0xFFFFFFFF, Packet.Pattern(4)));
            Assert.Single(_udp.Payloads);
        }

        [Fact]
        public void Receive_ForSomeoneElse_IsDroppedAndCounted()
        {
            Feed(Packet.Ip(17, Packet.Peer, 0x0AC80009, Packet.Pattern(4)));
            Assert.Empty(_udp.Payloads);
            Assert.Equal(1, _ip.Counters[IpDrop.NotForUs]);
            Assert.Empty(_link.Sent);
        }

        [Fact]
        public void Receive_TtlZero_IsDropped()
        {
            Feed(Packet.Ip(17, Packet.Peer, Packet.Us, Packet.Pattern(4), ttl: 0));
            Assert.Empty(_udp.Payloads);
            Assert.Equal(1, _ip.Counters[IpDrop.TtlExpired]);
        }

        [Fact]
        public void Receive_BadHeaderChecksum_IsDroppedAndCounted()
        {
            byte[] d = Packet.Ip(17, Packet.Peer, Packet.Us, Packet.Pattern(4));
            d[10] ^= 1;
            Feed(d);
            Assert.Empty(_udp.Payloads);
            Assert.Equal(1, _ip.Counters[IpDrop.BadChecksum]);
            Assert.Equal(1, _ip.Counters.Dropped);
        }

        [Fact]
        public void Receive_WhileTheLinkIsDown_IsDropped()
        {
            _ip.LinkDown();
            Feed(Packet.Ip(17, Packet.Peer, Packet.Us, Packet.Pattern(4)));
            Assert.Empty(_udp.Payloads);
            Assert.Equal(1, _ip.Counters[IpDrop.LinkDown]);
        }

        [Fact]
        public void Receive_UnknownProtocol_IsAnsweredWithProtocolUnreachable()
        {
            byte[] d = Packet.Ip(47, Packet.Peer, Packet.Us, Packet.Pattern(12), id: 0x0777);
            Feed(d);
            Assert.Equal(1, _ip.Counters[IpDrop.UnknownProtocol]);
            byte[] sent = _link.Last;

            // Our header (id 0x1235, DF, TTL 64, ICMP) to the sender, then type 3 code 2 quoting header + 8 bytes.
            byte[] icmp = Packet.Slice(sent, 20, sent.Length - 20);
            byte[] expected = Packet.Icmp(3, 2, 0, 0, Packet.Slice(d, 0, 28));
            Assert.Equal(expected, icmp);
            Assert.Equal(Packet.Ip(1, Packet.Us, Packet.Peer, expected, id: 0x1235)[..6], sent[..6]);
            Assert.Equal(0, Packet.Checksum(sent, 0, 20, 0));
            Assert.Equal(new byte[] { 0x40, 0x00, 0x40, 0x01 }, sent[6..10]);
        }

        [Fact]
        public void Receive_UnknownProtocolToBroadcast_IsNotAnswered()
        {
            Feed(Packet.Ip(47, Packet.Peer, 0xFFFFFFFF, Packet.Pattern(12)));
            Assert.Empty(_link.Sent);
        }

        [Fact]
        public void Send_WritesOurHeader_WithAnIncreasingIdentification()
        {
            var b = new byte[20 + 6];
            Assert.True(_ip.Send(17, Packet.Peer, b, 0, 6));
            Assert.True(_ip.Send(17, Packet.Peer, b, 0, 6));
            Assert.Equal(Packet.Hex("45 00 00 1a 12 35 40 00 40 11"), _link.Sent[0][..10]);
            Assert.Equal(0x12, _link.Sent[1][4]);
            Assert.Equal(0x36, _link.Sent[1][5]);
            Assert.Equal(0, Packet.Checksum(_link.Sent[1], 0, 20, 0));
            Assert.Equal(2, _ip.Counters[IpCounters.Sent]);
        }

        [Fact]
        public void Send_LargerThanTheMtu_IsRefused_NeverFragmented()
        {
            _link.Mtu = 576;
            var b = new byte[600];
            Assert.False(_ip.Send(17, Packet.Peer, b, 0, 557));
            Assert.True(_ip.Send(17, Packet.Peer, b, 0, 556));
            Assert.Single(_link.Sent);
            Assert.Equal(1, _ip.Counters[IpCounters.SendFailed]);
        }

        [Fact]
        public void Send_LinkDown_IsRefused()
        {
            _ip.LinkDown();
            Assert.False(_ip.Send(17, Packet.Peer, new byte[30], 0, 10));
            Assert.Empty(_link.Sent);
        }
    }
}
