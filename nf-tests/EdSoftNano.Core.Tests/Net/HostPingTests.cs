using EdSoftNano.Ports;
using EdSoftNano.Simulation;
using Xunit;

namespace EdSoftNano.Tests.Net
{
    /// <summary>PingStart/PingResult of the host stack: real ICMP echoes through the operating system.</summary>
    public class HostPingTests
    {
        private static NetQueryResult Settle(HostNetStack stack, int query, out int rtt)
        {
            NetQueryResult result = NetQueryResult.Pending;
            int time = 0;
            RealTime.Until(() => (result = stack.PingResult(query, 0, out time)) != NetQueryResult.Pending, "the ping");
            rtt = time;
            return result;
        }

        [Fact]
        public void Ping_Loopback_Replies()
        {
            var stack = new HostNetStack();
            int query = stack.PingStart(0x7F000001, 1000, 0);
            Assert.True(query > 0);
            Assert.Equal(NetQueryResult.Done, Settle(stack, query, out int rtt));
            Assert.InRange(rtt, 0, 1000);

            // The final answer released the query.
            Assert.Equal(NetQueryResult.Failed, stack.PingResult(query, 0, out _));
        }

        [Fact]
        public void PingResult_UnknownQuery_IsFailed()
        {
            // (No test of an unanswered echo: sandboxes with a user-mode NAT answer every ping themselves.)
            Assert.Equal(NetQueryResult.Failed, new HostNetStack().PingResult(1, 0, out int rtt));
            Assert.Equal(0, rtt);
        }

        [Fact]
        public void PingStart_AllSlotsBusy_ReturnsMinusOneUntilOneIsCancelled()
        {
            var stack = new HostNetStack();
            int a = stack.PingStart(0x7F000001, 1000, 0);
            int b = stack.PingStart(0x7F000001, 1000, 0);
            Assert.True(a > 0 && b > 0 && a != b);
            Assert.Equal(-1, stack.PingStart(0x7F000001, 1000, 0));
            stack.PingCancel(a);
            int c = stack.PingStart(0x7F000001, 1000, 0);
            Assert.Equal(a, c);
            Assert.Equal(NetQueryResult.Done, Settle(stack, c, out _));
            Assert.Equal(NetQueryResult.Done, Settle(stack, b, out _));
        }
    }
}
