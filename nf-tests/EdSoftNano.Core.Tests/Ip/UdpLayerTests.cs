using EdSoftNano.At;
using EdSoftNano.Icmp;
using EdSoftNano.Ip;
using EdSoftNano.Ports;
using EdSoftNano.Udp;
using Xunit;

namespace EdSoftNano.Tests.Ip
{
    public sealed class UdpLayerTests
    {
        private readonly CaptureLink _link = new CaptureLink();
        private readonly IpLayer _ip;
        private readonly UdpLayer _udp;

        public UdpLayerTests()
        {
            _ip = new IpLayer(_link, 2, 1500, 0x1234);
            new IcmpLayer(_ip, new byte[IcmpLayer.BufferLength], 2, 0x0BEE);
            _udp = new UdpLayer(_ip, 4, 1536, new byte[1500], 7);
            _ip.LinkUp(Packet.Us, Packet.Peer);
        }

        private void Feed(byte[] d) => _ip.Receive(0, d, 0, d.Length);

        private void FromPeer(int srcPort, int dstPort, byte[] payload, bool checksum = true, uint source = Packet.Peer)
            => Feed(Packet.Ip(17, source, Packet.Us, Packet.Udp(source, srcPort, Packet.Us, dstPort, payload, checksum)));

        [Fact]
        public void SendTo_WritesTheExactDatagram()
        {
            int s = _udp.Open(50000, 0, 0);
            byte[] hello = Packet.Hex("68 65 6c 6c 6f");
            Assert.Equal(5, _udp.SendTo(s, hello, 0, 5, Packet.Peer, 7));
            Assert.Equal(Packet.Hex("45 00 00 21 12 35 40 00 40 11 13 05 0a c8 00 02 0a c8 00 01"
                + " c3 50 00 07 00 0d e3 17 68 65 6c 6c 6f"), _link.Last);
        }

        [Fact]
        public void ReceiveFrom_GivesTheDatagramAndItsSender()
        {
            int s = _udp.Open(5000, 0, 0);
            FromPeer(1234, 5000, Packet.Pattern(100));
            var b = new byte[200];
            Assert.Equal(100, _udp.ReceiveFrom(s, b, 0, b.Length, out uint from, out int port));
            Assert.Equal(Packet.Pattern(100), b[..100]);
            Assert.Equal(Packet.Peer, from);
            Assert.Equal(1234, port);
            Assert.Equal(0, _udp.ReceiveFrom(s, b, 0, b.Length, out _, out _));
        }

        [Fact]
        public void ReceiveFrom_ZeroChecksum_IsAccepted_BadChecksumIsDropped()
        {
            int s = _udp.Open(5000, 0, 0);
            FromPeer(1, 5000, Packet.Pattern(10), checksum: false);
            byte[] bad = Packet.Udp(Packet.Peer, 1, Packet.Us, 5000, Packet.Pattern(10));
            bad[9] ^= 0x40;
            Feed(Packet.Ip(17, Packet.Peer, Packet.Us, bad));
            var b = new byte[50];
            Assert.Equal(10, _udp.ReceiveFrom(s, b, 0, b.Length, out _, out _));
            Assert.Equal(0, _udp.ReceiveFrom(s, b, 0, b.Length, out _, out _));
            Assert.Equal(1, _udp.Dropped);
        }

        [Fact]
        public void ReceiveFrom_DatagramLargerThanTheCount_IsHandedOutInPieces()
        {
            int s = _udp.Open(5000, 0, 0);
            FromPeer(1111, 5000, Packet.Pattern(1000));
            FromPeer(2222, 5000, new byte[] { 0x42 });
            var got = new byte[1001];
            int total = 0;
            while (total < 1000)
            {
                int n = _udp.ReceiveFrom(s, got, total, 300, out _, out int port);
                Assert.Equal(1111, port);
                Assert.Equal(total < 900 ? 300 : 100, n);
                total += n;
            }

            Assert.Equal(1, _udp.ReceiveFrom(s, got, 1000, 300, out _, out int second));
            Assert.Equal(2222, second);
            Assert.Equal(Packet.Pattern(1000), got[..1000]);
            Assert.Equal(0x42, got[1000]);
        }

        [Fact]
        public void Ring_WrapsAround_AndDropsWhatDoesNotFit()
        {
            int s = _udp.Open(5000, 0, 0);
            var b = new byte[1500];
            for (int round = 0; round < 10; round++)
            {
                FromPeer(1, 5000, Packet.Pattern(700, round));
                FromPeer(1, 5000, Packet.Pattern(700, round + 100));
                FromPeer(1, 5000, Packet.Pattern(700, round + 200)); // 3 × 708 > 1536: dropped
                Assert.Equal(700, _udp.ReceiveFrom(s, b, 0, b.Length, out _, out _));
                Assert.Equal(Packet.Pattern(700, round), b[..700]);
                Assert.Equal(700, _udp.ReceiveFrom(s, b, 0, b.Length, out _, out _));
                Assert.Equal(Packet.Pattern(700, round + 100), b[..700]);
                Assert.Equal(0, _udp.ReceiveFrom(s, b, 0, b.Length, out _, out _));
            }

            Assert.Equal(10, _udp.Dropped);
        }

        [Fact]
        public void ClosedPort_IsAnsweredWithPortUnreachable()
        {
            byte[] d = Packet.Ip(17, Packet.Peer, Packet.Us, Packet.Udp(Packet.Peer, 4444, Packet.Us, 9999, Packet.Pattern(20)));
            Feed(d);
            Assert.Equal(1, _udp.NoPort);
            byte[] sent = _link.Last;
            Assert.Equal(Packet.Icmp(3, 3, 0, 0, Packet.Slice(d, 0, 28)), sent[20..]);
            Assert.Equal(Packet.Hex("0a c8 00 01"), sent[16..20]);
        }

        [Fact]
        public void ClosedPort_ToBroadcast_IsNotAnswered()
        {
            Feed(Packet.Ip(17, Packet.Peer, 0xFFFFFFFF, Packet.Udp(Packet.Peer, 4444, 0xFFFFFFFF, 9999, Packet.Pattern(20))));
            Assert.Empty(_link.Sent);
        }

        [Fact]
        public void ConnectedSocket_TakesOnlyItsPeer_BoundSocketTakesTheRest()
        {
            int connected = _udp.Open(6000, Packet.Peer, 53);
            Assert.True(_udp.GetLocal(connected, out _, out int port));
            Assert.Equal(6000, port);
            FromPeer(54, 6000, new byte[] { 1 });
            FromPeer(53, 6000, new byte[] { 2 });
            var b = new byte[10];
            Assert.Equal(1, _udp.ReceiveFrom(connected, b, 0, 10, out _, out int from));
            Assert.Equal(53, from);
            Assert.Equal(2, b[0]);
            Assert.Equal(0, _udp.ReceiveFrom(connected, b, 0, 10, out _, out _));
            Assert.Equal(1, _udp.NoPort);
        }

        [Fact]
        public void Open_PortInUse_FailsWithInternalResourceUnavailable()
        {
            _udp.Open(7000, 0, 0);
            int s = _udp.Open(7000, 0, 0);
            Assert.Equal(SocketState.Failed, _udp.State(s));
            Assert.Equal(ErrorCodes.InternalResourceUnavailable, _udp.Error(s));
            Assert.Equal(-1, _udp.SendTo(s, new byte[1], 0, 1, Packet.Peer, 7));
        }

        [Fact]
        public void Open_Ephemeral_GivesDistinctDynamicPorts_AndTheTableFills()
        {
            int a = _udp.Open(0, 0, 0);
            int b = _udp.Open(0, 0, 0);
            _udp.GetLocal(a, out _, out int pa);
            _udp.GetLocal(b, out _, out int pb);
            Assert.InRange(pa, UdpLayer.EphemeralFirst, UdpLayer.EphemeralLast);
            Assert.NotEqual(pa, pb);
            _udp.Open(0, 0, 0);
            _udp.Open(0, 0, 0);
            Assert.Equal(-1, _udp.Open(0, 0, 0));
            _udp.Close(a);
            _udp.Close(a);
            Assert.Equal(SocketState.Free, _udp.State(a));
            Assert.Equal(a, _udp.Open(0, 0, 0));
        }

        [Fact]
        public void SendTo_LargerThanTheMtuAllows_FailsTheSocketWith38017()
        {
            _link.Mtu = 576;
            int s = _udp.Open(0, 0, 0);
            Assert.Equal(548, _udp.SendTo(s, new byte[548], 0, 548, Packet.Peer, 7));
            Assert.Equal(-1, _udp.SendTo(s, new byte[549], 0, 549, Packet.Peer, 7));
            Assert.Equal(ErrorCodes.DataSendFailed, _udp.Error(s));
        }

        [Fact]
        public void SendTo_LinkRefuses_GivesZero()
        {
            int s = _udp.Open(0, 0, 0);
            _link.Accepting = false;
            Assert.Equal(0, _udp.SendTo(s, new byte[5], 0, 5, Packet.Peer, 7));
            Assert.Equal(SocketState.Open, _udp.State(s));
        }

        [Fact]
        public void PortUnreachable_OnAConnectedSocket_MakesTheNextSendZeroOnce()
        {
            int s = _udp.Open(0, Packet.Peer, 9);
            Assert.Equal(3, _udp.Send(s, new byte[3], 0, 3));
            byte[] ours = _link.Last;
            Feed(Packet.Ip(1, Packet.Peer, Packet.Us, Packet.Icmp(3, 3, 0, 0, Packet.Slice(ours, 0, 28))));
            Assert.Equal(1, _udp.Refusals(s));
            Assert.Equal(0, _udp.Send(s, new byte[3], 0, 3));
            Assert.Equal(3, _udp.Send(s, new byte[3], 0, 3));
            Assert.Equal(SocketState.Open, _udp.State(s));
            Assert.Equal(0, _udp.Error(s));
        }

        [Fact]
        public void FailAll_FailsOpenSockets()
        {
            int s = _udp.Open(0, 0, 0);
            _udp.FailAll(ErrorCodes.TcpContextCancelled);
            Assert.Equal(SocketState.Failed, _udp.State(s));
            Assert.Equal(-1, _udp.ReceiveFrom(s, new byte[4], 0, 4, out _, out _));
        }
    }
}
