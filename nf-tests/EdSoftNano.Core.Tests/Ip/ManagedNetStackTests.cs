using EdSoftNano.At;
using EdSoftNano.NetStack;
using EdSoftNano.Ports;
using Xunit;

namespace EdSoftNano.Tests.Ip
{
    /// <summary>The facade: handles, link up/down, DNS and ping, between two managed stacks on a virtual wire.</summary>
    public sealed class ManagedNetStackTests
    {
        private readonly WireLink _aToB = new WireLink();
        private readonly WireLink _bToA = new WireLink();
        private readonly ManagedNetStack _a;
        private readonly ManagedNetStack _b;
        private long _now = 1000;

        public ManagedNetStackTests()
        {
            _a = new ManagedNetStack(_aToB, 11);
            _b = new ManagedNetStack(_bToA, 22);
            _aToB.Far = _b.Input;
            _bToA.Far = _a.Input;
            _a.LinkUp(Packet.Us, Packet.Peer, _now);
            _b.LinkUp(Packet.Peer, Packet.Us, _now);
        }

        private void Run(int turns = 4)
        {
            for (int i = 0; i < turns; i++)
            {
                _aToB.Deliver(_now);
                _bToA.Deliver(_now);
                _a.Poll(_now);
                _b.Poll(_now);
            }
        }

        [Fact]
        public void Handles_UdpFollowTheTcpSlots_AndAreReleased()
        {
            int u = _a.UdpOpen(0);
            Assert.Equal(NetStackBudget.TcpSlots + 1, u);
            Assert.Equal(SocketState.Open, _a.State(u));
            Assert.Equal(SocketState.Free, _a.State(1));
            Assert.Equal(SocketState.Free, _a.State(0));
            Assert.Equal(SocketState.Free, _a.State(99));
            Assert.Equal(1, _a.SocketsInUse);
            _a.Close(u);
            _a.Close(u);
            Assert.Equal(0, _a.SocketsInUse);
            Assert.Equal(-1, _a.Send(99, new byte[1], 0, 1));
        }

        [Fact]
        public void Udp_BetweenTwoStacks_CarriesTheBytesBothWays()
        {
            int server = _b.UdpOpen(7000);
            int client = _a.UdpConnect(Packet.Peer, 7000);
            Assert.True(_a.GetRemote(client, out uint remote, out int remotePort));
            Assert.Equal(Packet.Peer, remote);
            Assert.Equal(7000, remotePort);
            Assert.Equal(600, _a.Send(client, Packet.Pattern(600), 0, 600));
            Run();
            var b = new byte[1000];
            Assert.Equal(600, _b.ReceiveFrom(server, b, 0, b.Length, out uint from, out int port));
            Assert.Equal(Packet.Us, from);
            Assert.Equal(Packet.Pattern(600), b[..600]);
            Assert.Equal(3, _b.SendTo(server, new byte[] { 7, 8, 9 }, 0, 3, from, port));
            Run();
            Assert.Equal(3, _a.Receive(client, b, 0, b.Length));
            Assert.Equal(new byte[] { 7, 8, 9 }, b[..3]);
        }

        [Fact]
        public void Ping_BetweenTwoStacks_IsDoneWithTheVirtualRoundTrip()
        {
            int q = _a.PingStart(Packet.Peer, 2000, _now);
            Assert.Equal(NetQueryResult.Pending, _a.PingResult(q, _now, out _));
            Assert.Equal(_now + 2000, _a.NextDeadlineMs);
            _aToB.Deliver(_now);
            _now += 40;
            _bToA.Deliver(_now);
            Assert.Equal(NetQueryResult.Done, _a.PingResult(q, _now, out int rtt));
            Assert.Equal(40, rtt);
            Assert.Equal(1, _b.Icmp.EchoRepliesSent);
            Assert.Equal(long.MaxValue, _a.NextDeadlineMs);
        }

        [Fact]
        public void Resolve_ThroughTheStacksOwnUdp_GivesTheAnswer()
        {
            int server = _b.UdpOpen(53);
            int q = _a.ResolveStart("box.test", Packet.Peer, 0, _now);
            Assert.Equal(NetQueryResult.Pending, _a.ResolveResult(q, _now, out _));
            Run();
            var m = new byte[512];
            int n = _b.ReceiveFrom(server, m, 0, m.Length, out uint from, out int port);
            Assert.True(n > 12, "the query reached the server");

            // The answer: the query with QR/RA set, one answer pointing at the question name, 10.200.0.77.
            byte[] answer = Packet.Hex("c0 0c 00 01 00 01 00 00 00 3c 00 04 0a c8 00 4d");
            m[2] = 0x81;
            m[3] = 0x80;
            m[7] = 1;
            System.Array.Copy(answer, 0, m, n, answer.Length);
            Assert.Equal(n + answer.Length, _b.SendTo(server, m, 0, n + answer.Length, from, port));
            Run();
            Assert.Equal(NetQueryResult.Done, _a.ResolveResult(q, _now, out uint address));
            Assert.Equal(0x0AC8004Du, address);
            Assert.Equal(0, _a.SocketsInUse);
        }

        [Fact]
        public void LinkDown_FailsSocketsAndPings_AndDropsInput()
        {
            int u = _a.UdpOpen(0);
            int q = _a.PingStart(Packet.Peer, 2000, _now);
            _a.LinkDown();
            Assert.Equal(SocketState.Failed, _a.State(u));
            Assert.Equal(ErrorCodes.TcpContextCancelled, _a.Error(u));
            Assert.Equal(NetQueryResult.Failed, _a.PingResult(q, _now, out _));
            Run();
            // The echo left before the link went; its reply finds us down and is dropped.
            Assert.Equal(1, _b.Icmp.EchoRepliesSent);
            Assert.Equal(1, _a.Ip.Counters[EdSoftNano.Ip.IpDrop.LinkDown]);
            _a.Close(u);
            Assert.Equal(0, _a.SocketsInUse);
        }

        [Fact]
        public void Budget_TotalIsTheSumOfItsBuffers_AndFitsTheDeviceHeap()
        {
            int sum = NetStackBudget.ReassemblySlots * NetStackBudget.Datagram
                + NetStackBudget.TcpSlots * (NetStackBudget.TcpSendBuffer + NetStackBudget.TcpReceiveBuffer)
                + NetStackBudget.UdpSlots * NetStackBudget.UdpRing + NetStackBudget.UdpSend + NetStackBudget.IcmpBuffer + NetStackBudget.DnsBuffer;
            Assert.Equal(sum, NetStackBudget.Total);

            // With the rest of the firmware's buffers, well inside the ~70 KB an ESP32 without PSRAM leaves.
            Assert.True(NetStackBudget.Total + EdSoftNano.App.Budget.Total + EdSoftNano.Session.PppBudget.Total < 70 * 1024,
                "buffers total " + (NetStackBudget.Total + EdSoftNano.App.Budget.Total + EdSoftNano.Session.PppBudget.Total));
        }
    }
}
