using System;
using Xunit;

namespace EdSoftNano.Tests.Tcp
{
    /// <summary>After warm-up, moving data both ways through two TcpLayers (with loss and retransmission) allocates nothing.</summary>
    public class TcpAllocationTests
    {
        [Fact]
        public void Transfer_AfterWarmUp_AllocatesZeroBytesPerSegment()
        {
            var wire = new TcpWire(seed: 3, mtu: 576) { Capture = false, Loss = 0.01, Reorder = 0.02 };
            var t = new TcpTransfer(wire);
            byte[] toB = TcpTransfer.Payload(256 * 1024, 1), toA = TcpTransfer.Payload(64 * 1024, 2);
            byte[] gotB = new byte[toB.Length], gotA = new byte[toA.Length];
            t.Run(toB, toA, gotB, gotA, 3600000); // warm-up (JIT, first use of every path)
            int retransmitsBefore = wire.A.Retransmissions + wire.B.Retransmissions;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 4; round++)
            {
                t.Run(toB, toA, gotB, gotA, 3600000);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(toB, gotB);
            Assert.Equal(toA, gotA);
            Assert.True(wire.A.Retransmissions + wire.B.Retransmissions > retransmitsBefore, "the measured rounds include retransmissions");
            Assert.Equal(0, allocated);
        }
    }
}
