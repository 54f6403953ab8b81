using System.Threading;
using EdSoftNano.Net;
using EdSoftNano.Ports;
using EdSoftNano.Simulation;
using Xunit;

namespace EdSoftNano.Tests.Net
{
    /// <summary>
    /// ResolveStart/ResolveResult of the host stack (the core's DnsResolver over real UDP sockets)
    /// against DNS responders on 127.0.0.1 and 127.0.0.2; retry timing on virtual time.
    /// </summary>
    public sealed class DnsResolverTests : System.IDisposable
    {
        private const uint Dns1 = 0x7F000001; // 127.0.0.1
        private const uint Dns2 = 0x7F000002; // 127.0.0.2
        private const uint Answer = 0x5DB8D822; // 93.184.216.34

        private readonly DnsResponder _first;
        private readonly DnsResponder _second;
        private readonly HostNetStack _stack = new HostNetStack();

        public DnsResolverTests()
        {
            _first = new DnsResponder("127.0.0.1", 0, DnsResponder.Reply.Address, Answer);
            _second = new DnsResponder("127.0.0.2", _first.Port, DnsResponder.Reply.Address, Answer + 1);
            _stack.DnsServerPort = _first.Port;
        }

        public void Dispose()
        {
            _stack.CloseAll();
            _first.Dispose();
            _second.Dispose();
        }

        // Polls at the virtual time nowMs until the query is no longer pending (real time bounded).
        private NetQueryResult Settle(int query, long nowMs, out uint address)
        {
            NetQueryResult result = NetQueryResult.Pending;
            uint found = 0;
            RealTime.Until(() => (result = _stack.ResolveResult(query, nowMs, out found)) != NetQueryResult.Pending, "the DNS answer");
            address = found;
            return result;
        }

        // Gives the responders time to answer if they would, then polls once at nowMs.
        private NetQueryResult QuietPoll(int query, long nowMs)
        {
            Thread.Sleep(50);
            return _stack.ResolveResult(query, nowMs, out _);
        }

        [Fact]
        public void Resolve_ServerAnswers_GivesTheAddressAndClosesItsSocket()
        {
            int query = _stack.ResolveStart("www.example.com", Dns1, Dns2, 0);
            Assert.True(query > 0);
            Assert.Equal(NetQueryResult.Done, Settle(query, 0, out uint address));
            Assert.Equal(Answer, address);
            Assert.Equal("www.example.com", _first.LastName);
            Assert.Equal(0, _second.Queries);
            Assert.Equal(0, _stack.SocketsInUse);
        }

        [Fact]
        public void Resolve_NameError_FailsWithoutAskingTheSecondServer()
        {
            _first.Mode = DnsResponder.Reply.NameError;
            int query = _stack.ResolveStart("nowhere.example", Dns1, Dns2, 0);
            Assert.Equal(NetQueryResult.Failed, Settle(query, 0, out uint address));
            Assert.Equal(0u, address);
            Assert.Equal(0, _second.Queries);
            Assert.Equal(0, _stack.SocketsInUse);
        }

        [Fact]
        public void Resolve_ServerFailure_AsksTheSecondServerAtOnce()
        {
            _first.Mode = DnsResponder.Reply.ServerFailure;
            int query = _stack.ResolveStart("www.example.com", Dns1, Dns2, 0);
            Assert.Equal(NetQueryResult.Done, Settle(query, 0, out uint address));
            Assert.Equal(Answer + 1, address);
        }

        [Fact]
        public void Resolve_FirstServerSilent_AsksTheSecondAfterTheAttemptTime()
        {
            _first.Mode = DnsResponder.Reply.Silent;
            int query = _stack.ResolveStart("www.example.com", Dns1, Dns2, 0);
            Assert.Equal(NetQueryResult.Pending, QuietPoll(query, DnsResolver.AttemptMs - 1));
            Assert.Equal(0, _second.Queries);
            Assert.Equal(NetQueryResult.Done, Settle(query, DnsResolver.AttemptMs, out uint address));
            Assert.Equal(Answer + 1, address);
            Assert.Equal(1, _first.Queries);
        }

        [Fact]
        public void Resolve_OneSilentServer_FailsAfterTwoAttemptsOnVirtualTime()
        {
            _first.Mode = DnsResponder.Reply.Silent;
            int query = _stack.ResolveStart("www.example.com", Dns1, 0, 1000);
            Assert.Equal(NetQueryResult.Pending, QuietPoll(query, 1000 + DnsResolver.AttemptMs - 1));
            Assert.Equal(NetQueryResult.Pending, QuietPoll(query, 1000 + DnsResolver.AttemptMs));
            Assert.Equal(NetQueryResult.Pending, QuietPoll(query, 1000 + 2 * DnsResolver.AttemptMs - 1));
            Assert.Equal(NetQueryResult.Failed, QuietPoll(query, 1000 + 2 * DnsResolver.AttemptMs));
            Assert.Equal(DnsResolver.Rounds, _first.Queries);
            Assert.Equal(0, _stack.SocketsInUse);
        }

        [Fact]
        public void Resolve_BothServersSilent_AsksEachTwiceInTurn()
        {
            _first.Mode = DnsResponder.Reply.Silent;
            _second.Mode = DnsResponder.Reply.Silent;
            int query = _stack.ResolveStart("www.example.com", Dns1, Dns2, 0);
            for (int attempt = 1; attempt < 2 * DnsResolver.Rounds; attempt++)
            {
                Assert.Equal(NetQueryResult.Pending, QuietPoll(query, attempt * DnsResolver.AttemptMs));
            }

            Assert.Equal(NetQueryResult.Failed, QuietPoll(query, 2 * DnsResolver.Rounds * DnsResolver.AttemptMs));
            Assert.Equal(2, _first.Queries);
            Assert.Equal(2, _second.Queries);
        }

        [Fact]
        public void Resolve_DottedQuad_IsDoneAtOnceWithoutASocket()
        {
            int query = _stack.ResolveStart("10.1.2.3", 0, 0, 0);
            Assert.Equal(0, _stack.SocketsInUse);
            Assert.Equal(NetQueryResult.Done, _stack.ResolveResult(query, 0, out uint address));
            Assert.Equal(0x0A010203u, address);
        }

        [Theory]
        [InlineData("www.example.com", 0u, 0u)]
        [InlineData("bad..name", Dns1, Dns2)]
        public void Resolve_NoServerOrBadName_Fails(string name, uint dns1, uint dns2)
        {
            int query = _stack.ResolveStart(name, dns1, dns2, 0);
            Assert.Equal(NetQueryResult.Failed, _stack.ResolveResult(query, 0, out _));
            Assert.Equal(0, _first.Queries);
        }

        [Fact]
        public void ResolveStart_AllSlotsBusy_ReturnsMinusOneUntilOneIsCancelled()
        {
            _first.Mode = DnsResponder.Reply.Silent;
            int a = _stack.ResolveStart("a.example", Dns1, 0, 0);
            int b = _stack.ResolveStart("b.example", Dns1, 0, 0);
            Assert.True(a > 0 && b > 0 && a != b);
            Assert.Equal(-1, _stack.ResolveStart("c.example", Dns1, 0, 0));
            _stack.ResolveCancel(a);
            _stack.ResolveCancel(a);
            Assert.Equal(a, _stack.ResolveStart("c.example", Dns1, 0, 0));
            Assert.Equal(NetQueryResult.Failed, _stack.ResolveResult(99, 0, out _));
        }
    }
}
