using EdSoftNano.Icmp;
using EdSoftNano.Ip;
using EdSoftNano.Ports;
using Xunit;

namespace EdSoftNano.Tests.Ip
{
    public sealed class IcmpLayerTests
    {
        private readonly CaptureLink _link = new CaptureLink();
        private readonly IpLayer _ip;
        private readonly IcmpLayer _icmp;
        private readonly RecordingTransport _udp = new RecordingTransport();

        public IcmpLayerTests()
        {
            _ip = new IpLayer(_link, 2, 1500, 0x1234);
            _icmp = new IcmpLayer(_ip, new byte[IcmpLayer.BufferLength], 2, 0x0BEE);
            _ip.Attach(IpConstants.ProtocolUdp, _udp);
            _ip.LinkUp(Packet.Us, Packet.Peer);
        }

        private void Feed(byte[] d, long nowMs = 0) => _ip.Receive(nowMs, d, 0, d.Length);

        [Fact]
        public void EchoRequest_IsAnsweredWithTheExactReply()
        {
            Feed(Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Hex("08 00 21 04 12 34 00 01 61 62 63 64")));
            Assert.Equal(Packet.Hex("45 00 00 20 12 35 40 00 40 01 13 16 0a c8 00 02 0a c8 00 01"
                + " 00 00 29 04 12 34 00 01 61 62 63 64"), _link.Last);
            Assert.Equal(1, _icmp.EchoRepliesSent);
        }

        [Fact]
        public void EchoRequest_WithIpOptions_IsAnswered()
        {
            Feed(Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Hex("08 00 21 04 12 34 00 01 61 62 63 64"), options: new byte[] { 1, 1, 1, 0 }));
            Assert.Equal(Packet.Hex("00 00 29 04 12 34 00 01 61 62 63 64"), _link.Last[20..]);
            Assert.Equal(32, _link.Last.Length);
        }

        [Fact]
        public void EchoRequest_ToBroadcast_IsNotAnswered()
        {
            Feed(Packet.Ip(1, Packet.Peer, 0xFFFFFFFF, Packet.Icmp(8, 0, 1, 1, new byte[4])));
            Assert.Empty(_link.Sent);
        }

        [Fact]
        public void EchoRequest_BadChecksum_IsDropped()
        {
            Feed(Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Hex("08 00 21 05 12 34 00 01 61 62 63 64")));
            Assert.Empty(_link.Sent);
            Assert.Equal(1, _icmp.Dropped);
        }

        [Fact]
        public void Ping_Answered_IsDoneWithTheRoundTripOnVirtualTime()
        {
            int q = _icmp.PingStart(Packet.Peer, 5000, 1000);
            Assert.Equal(1, q);
            byte[] request = _link.Last;
            byte[] icmp = request[20..];
            Assert.Equal(8 + IcmpLayer.PingDataLength, icmp.Length);
            Assert.Equal(Packet.Hex("08 00"), icmp[..2]);
            Assert.Equal(Packet.Hex("0b ee 00 01 61 62 63"), icmp[4..11]);
            Assert.Equal(0, Packet.Checksum(icmp, 0, icmp.Length, 0));
            Assert.Equal(NetQueryResult.Pending, _icmp.PingResult(q, 1100, out _));
            Assert.Equal(6000, _icmp.NextDeadlineMs);

            byte[] reply = (byte[])icmp.Clone();
            reply[0] = 0;
            reply[2] = 0;
            reply[3] = 0;
            Packet.Put16(reply, 2, Packet.Checksum(reply, 0, reply.Length, 0));
            Feed(Packet.Ip(1, Packet.Peer, Packet.Us, reply), 1234);
            Assert.Equal(NetQueryResult.Done, _icmp.PingResult(q, 1300, out int rtt));
            Assert.Equal(234, rtt);
            Assert.Equal(NetQueryResult.Failed, _icmp.PingResult(q, 1300, out _));
        }

        [Fact]
        public void Ping_ReplyFromAnotherHostOrSequence_IsNotTaken()
        {
            int q = _icmp.PingStart(Packet.Peer, 5000, 0);
            Feed(Packet.Ip(1, 0x0AC80009, Packet.Us, Packet.Icmp(0, 0, 0x0BEE, 1, new byte[32])));
            Feed(Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Icmp(0, 0, 0x0BEE, 2, new byte[32])));
            Assert.Equal(NetQueryResult.Pending, _icmp.PingResult(q, 10, out _));
        }

        [Fact]
        public void Ping_NoReply_FailsAtTheTimeout()
        {
            int q = _icmp.PingStart(Packet.Peer, 3000, 0);
            Assert.Equal(NetQueryResult.Pending, _icmp.PingResult(q, 2999, out _));
            Assert.Equal(NetQueryResult.Failed, _icmp.PingResult(q, 3000, out _));
        }

        [Fact]
        public void Ping_SlotsFull_GivesMinusOne_AndCancelFreesOne()
        {
            int a = _icmp.PingStart(Packet.Peer, 3000, 0);
            int b = _icmp.PingStart(Packet.Peer, 3000, 0);
            Assert.Equal(new[] { 1, 2 }, new[] { a, b });
            Assert.Equal(-1, _icmp.PingStart(Packet.Peer, 3000, 0));
            _icmp.PingCancel(a);
            _icmp.PingCancel(a);
            Assert.Equal(1, _icmp.PingStart(Packet.Peer, 3000, 0));
        }

        [Fact]
        public void Ping_DestinationUnreachable_FailsAtOnce()
        {
            int q = _icmp.PingStart(0x0AC80063, 3000, 0);
            byte[] ourRequest = _link.Last;
            Feed(Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Icmp(3, 1, 0, 0, Packet.Slice(ourRequest, 0, 28))), 5);
            Assert.Equal(NetQueryResult.Failed, _icmp.PingResult(q, 6, out _));
        }

        [Fact]
        public void DestinationUnreachable_AboutUdp_GoesToUdpWithTheQuote()
        {
            byte[] ours = Packet.Ip(17, Packet.Us, Packet.Peer, Packet.Udp(Packet.Us, 50000, Packet.Peer, 9, new byte[4]));
            Feed(Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Icmp(3, 3, 0, 0, Packet.Slice(ours, 0, 28))));
            Assert.Equal("3/3 0AC80001 28", Assert.Single(_udp.Errors));
        }

        [Fact]
        public void DestinationUnreachable_AboutSomeoneElsesDatagram_IsIgnored()
        {
            byte[] theirs = Packet.Ip(17, 0x0AC80009, Packet.Peer, Packet.Udp(0x0AC80009, 50000, Packet.Peer, 9, new byte[4]));
            Feed(Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Icmp(3, 3, 0, 0, Packet.Slice(theirs, 0, 28))));
            Assert.Empty(_udp.Errors);
        }

        [Fact]
        public void TimeExceeded_IsPassedOn()
        {
            byte[] ours = Packet.Ip(17, Packet.Us, Packet.Peer, Packet.Udp(Packet.Us, 50000, Packet.Peer, 9, new byte[4]));
            Feed(Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Icmp(11, 0, 0, 0, ours)));
            Assert.Equal("11/0 0AC80001 32", Assert.Single(_udp.Errors));
        }

        [Fact]
        public void SendError_AboutAnIcmpError_SendsNothing()
        {
            byte[] error = Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Icmp(3, 3, 0, 0, new byte[28]));
            _icmp.SendError(3, 2, error, 0, error.Length);
            Assert.Empty(_link.Sent);
        }

        [Fact]
        public void SendError_AboutAnEchoRequest_IsSent()
        {
            byte[] echo = Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Icmp(8, 0, 1, 1, new byte[28]));
            _icmp.SendError(3, 2, echo, 0, echo.Length);
            Assert.Single(_link.Sent);
        }

        [Theory]
        [InlineData(0x00000000u)]
        [InlineData(0xE0000001u)]
        [InlineData(0xFFFFFFFFu)]
        public void SendError_ToANonHostSource_SendsNothing(uint source)
        {
            byte[] d = Packet.Ip(17, source, Packet.Us, new byte[12]);
            _icmp.SendError(3, 3, d, 0, d.Length);
            Assert.Empty(_link.Sent);
        }

        [Fact]
        public void SendError_AboutANonFirstFragment_SendsNothing()
        {
            byte[] d = Packet.Ip(17, Packet.Peer, Packet.Us, new byte[16], fragmentOffsetBytes: 8);
            _icmp.SendError(3, 3, d, 0, d.Length);
            Assert.Empty(_link.Sent);
        }
    }
}
