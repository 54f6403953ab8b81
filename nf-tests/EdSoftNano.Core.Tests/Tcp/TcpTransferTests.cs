using CsCheck;
using EdSoftNano.Ports;
using EdSoftNano.Tcp;
using Xunit;

namespace EdSoftNano.Tests.Tcp
{
    /// <summary>Data both ways, byte-exact, through a clean and a faulty path.</summary>
    public class TcpTransferTests
    {
        [Fact]
        public void Transfer_CleanPath_BothWaysByteExact()
        {
            var wire = new TcpWire();
            var t = new TcpTransfer(wire);
            byte[] toB = TcpTransfer.Payload(200000, 1), toA = TcpTransfer.Payload(150000, 2);
            byte[] gotB = new byte[toB.Length], gotA = new byte[toA.Length];
            t.Run(toB, toA, gotB, gotA, 600000);
            Assert.Equal(toB, gotB);
            Assert.Equal(toA, gotA);
            Assert.Equal(0, wire.A.Retransmissions + wire.B.Retransmissions);
        }

        [Fact]
        public void Transfer_OneMegabyteWithLossDupReorderCorruption_ByteExact()
        {
            var wire = new TcpWire(seed: 7, mtu: 576) { Loss = 0.02, Duplicate = 0.02, Reorder = 0.05, Corrupt = 0.01, Capture = false };
            var t = new TcpTransfer(wire);
            byte[] toB = TcpTransfer.Payload(1024 * 1024, 3), toA = TcpTransfer.Payload(256 * 1024, 4);
            byte[] gotB = new byte[toB.Length], gotA = new byte[toA.Length];
            t.Run(toB, toA, gotB, gotA, 3600000);
            Assert.Equal(toB, gotB);
            Assert.Equal(toA, gotA);
            Assert.True(wire.A.BadSegments + wire.B.BadSegments > 0, "corruption was injected and must be caught by the checksum");
            Assert.Equal(SocketState.Open, wire.A.State(t.SlotA));
        }

        [Fact]
        public void Transfer_RandomFaultsAndSizes_Property()
        {
            Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[1, 60000], Gen.Double[0, 0.08], Gen.Double[0, 0.1], Gen.Int[0, 2])
                .Sample((seed, size, loss, reorder, mtuPick) =>
                {
                    int mtu = mtuPick == 0 ? 576 : mtuPick == 1 ? 1500 : 296;
                    var wire = new TcpWire(seed, mtu) { Loss = loss, Reorder = reorder, Duplicate = loss, Capture = false };
                    var t = new TcpTransfer(wire) { ChunkBytes = 1 + seed % 2000 };
                    byte[] toB = TcpTransfer.Payload(size, seed), toA = TcpTransfer.Payload(size / 3, seed + 1);
                    byte[] gotB = new byte[toB.Length], gotA = new byte[toA.Length];
                    t.Run(toB, toA, gotB, gotA, 3600000);
                    Assert.Equal(toB, gotB);
                    Assert.Equal(toA, gotA);
                }, iter: 25);
        }
    }
}
