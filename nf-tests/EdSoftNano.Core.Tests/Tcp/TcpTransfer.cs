using System;
using EdSoftNano.Ports;
using EdSoftNano.Tcp;

namespace EdSoftNano.Tests.Tcp
{
    /// <summary>Opens a connection A → B through a wire and moves payloads both ways as a main loop would (no allocation per turn).</summary>
    public sealed class TcpTransfer
    {
        private readonly TcpWire _wire;
        private readonly byte[] _scratch = new byte[4096];
        public int SlotA;
        public int SlotB;
        public int Listener;
        public int ChunkBytes = 1000;

        public TcpTransfer(TcpWire wire, int port = 5000)
        {
            _wire = wire;
            Listener = wire.B.Listen(port);
            SlotA = wire.A.Connect(TcpWire.AddressB, port, wire.Now);
            SlotB = -2;
            wire.RunUntil(() =>
            {
                if (SlotB < 0)
                {
                    SlotB = wire.B.Accept(Listener);
                }

                return SlotB >= 0 && wire.A.State(SlotA) == SocketState.Open;
            }, 120000);
        }

        /// <summary>Sends toB from A and toA from B; returns what each side read.</summary>
        public void Run(byte[] toB, byte[] toA, byte[] readByB, byte[] readByA, long limitMs)
        {
            int sentB = 0, sentA = 0, gotB = 0, gotA = 0;
            long end = _wire.Now + limitMs;
            while (gotB < toB.Length || gotA < toA.Length)
            {
                if (_wire.Now > end)
                {
                    throw new Xunit.Sdk.XunitException($"transfer stuck: B got {gotB}/{toB.Length}, A got {gotA}/{toA.Length} at {_wire.Now} ms");
                }

                if (sentB < toB.Length)
                {
                    int n = _wire.A.Send(SlotA, toB, sentB, Math.Min(ChunkBytes, toB.Length - sentB), _wire.Now);
                    if (n < 0) throw new Xunit.Sdk.XunitException("A.Send failed " + _wire.A.Error(SlotA));
                    sentB += n;
                }

                if (sentA < toA.Length)
                {
                    int n = _wire.B.Send(SlotB, toA, sentA, Math.Min(ChunkBytes, toA.Length - sentA), _wire.Now);
                    if (n < 0) throw new Xunit.Sdk.XunitException("B.Send failed " + _wire.B.Error(SlotB));
                    sentA += n;
                }

                gotB += Read(_wire.B, SlotB, readByB, gotB);
                gotA += Read(_wire.A, SlotA, readByA, gotA);
                _wire.Step();
            }
        }

        private int Read(TcpLayer layer, int slot, byte[] into, int at)
        {
            int room = Math.Min(_scratch.Length, into.Length - at);
            if (room == 0)
            {
                return 0;
            }

            int n = layer.Receive(slot, _scratch, 0, room, _wire.Now);
            if (n < 0) throw new Xunit.Sdk.XunitException("Receive failed " + layer.Error(slot));
            Array.Copy(_scratch, 0, into, at, n);
            return n;
        }

        public static byte[] Payload(int length, int seed)
        {
            var random = new Random(seed);
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}
