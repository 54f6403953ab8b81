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
        public void Tcp_BetweenTwoStacks_HandlesMapToSlots_AndBytesFlowBothWays()
        {
            int listener = _b.TcpListen(8080);
            Assert.InRange(listener, 1, NetStackBudget.TcpSlots);
            Assert.Equal(SocketState.Listening, _b.State(listener));
            Assert.Equal(0, _b.Accept(listener));
            Assert.Equal(-1, _b.Accept(NetStackBudget.TcpSlots + 1));
            int client = _a.TcpConnect(Packet.Peer, 8080);
            Assert.InRange(client, 1, NetStackBudget.TcpSlots);
            Assert.Equal(SocketState.Connecting, _a.State(client));
            Assert.Equal(0, _a.Send(client, new byte[1], 0, 1));
            Run();
            Assert.Equal(SocketState.Open, _a.State(client));
            int accepted = _b.Accept(listener);
            Assert.InRange(accepted, 1, NetStackBudget.TcpSlots);
            Assert.NotEqual(listener, accepted);
            Assert.True(_b.GetRemote(accepted, out uint remote, out _));
            Assert.Equal(Packet.Us, remote);

            Assert.Equal(1000, _a.Send(client, Packet.Pattern(1000), 0, 1000));
            Run();
            var b = new byte[2000];
            Assert.Equal(1000, _b.ReceiveFrom(accepted, b, 0, b.Length, out uint from, out _));
            Assert.Equal(Packet.Us, from);
            Assert.Equal(Packet.Pattern(1000), b[..1000]);
            Assert.Equal(-1, _b.SendTo(accepted, b, 0, 1, Packet.Us, 1));
            Assert.Equal(3, _b.Send(accepted, new byte[] { 1, 2, 3 }, 0, 3));
            _b.Close(accepted);
            Run();
            Assert.Equal(3, _a.Receive(client, b, 0, b.Length));
            Assert.Equal(-1, _a.Receive(client, b, 0, b.Length));
            Assert.Equal(SocketState.Ended, _a.State(client));
            Assert.Equal(0, _a.Error(client));
            _a.Close(client);
            _b.Close(listener);
            Assert.Equal(SocketState.Free, _a.State(client));
            Assert.Equal(0, _a.SocketsInUse);
            Assert.Equal(0, _b.SocketsInUse);
        }

        [Fact]
        public void TcpConnect_ToAPortNobodyListensOn_FailsWith38016()
        {
            int client = _a.TcpConnect(Packet.Peer, 8081);
            Run();
            Assert.Equal(SocketState.Failed, _a.State(client));
            Assert.Equal(ErrorCodes.OpenSessionFailed, _a.Error(client));
        }

        [Fact]
        public void LinkDown_FailsTcpConnections()
        {
            int listener = _b.TcpListen(8082);
            int client = _a.TcpConnect(Packet.Peer, 8082);
            Run();
            Assert.Equal(SocketState.Open, _a.State(client));
            _a.LinkDown();
            Assert.Equal(SocketState.Failed, _a.State(client));
            Assert.NotEqual(0, _a.Error(client));
            _b.Close(listener);
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
        public void Stack_IsBuiltOnThePppBearersLink_AndAttaches()
        {
            var bearer = new EdSoftNano.Session.PppBearer(5);
            var stack = new ManagedNetStack(bearer.IpLink, 5);
            bearer.AttachIpStack(stack);
            Assert.Same(stack, bearer.Stack);
            Assert.Same(stack, stack.Input);
            Assert.Equal(long.MaxValue, stack.NextDeadlineMs);
        }

        [Fact]
        public void Budget_TotalIsTheSumOfItsBuffers_AndFitsTheDeviceHeap()
        {
            int sum = NetStackBudget.ReassemblySlots * NetStackBudget.Datagram
                + NetStackBudget.TcpSlots * (NetStackBudget.TcpSendBuffer + NetStackBudget.TcpReceiveBuffer) + EdSoftNano.Tcp.TcpBudget.SegmentBufferBytes
                + NetStackBudget.UdpSlots * NetStackBudget.UdpRing + NetStackBudget.UdpSend + NetStackBudget.IcmpBuffer + NetStackBudget.DnsBuffer;
            Assert.Equal(sum, NetStackBudget.Total);

            // With the rest of the firmware's buffers, well inside the ~70 KB an ESP32 without PSRAM leaves.
            Assert.True(NetStackBudget.Total + EdSoftNano.App.Budget.Total + EdSoftNano.Session.PppBudget.Total < 70 * 1024,
                "buffers total " + (NetStackBudget.Total + EdSoftNano.App.Budget.Total + EdSoftNano.Session.PppBudget.Total));
        }
    }
}
