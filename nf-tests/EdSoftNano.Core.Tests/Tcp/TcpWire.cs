using System;
using System.Collections.Generic;
using EdSoftNano.Ip;
using EdSoftNano.Tcp;

namespace EdSoftNano.Tests.Tcp
{
    /// <summary>One segment seen on the test wire (for assertions on times, flags and numbers).</summary>
    public struct WireSegment
    {
        public long TimeMs;
        public int From;
        public uint Seq;
        public uint Ack;
        public int Flags;
        public int DataLength;
        public int Window;
        public int Mss;
        public bool Has(int flag) => (Flags & flag) == flag;
    }

    /// <summary>
    /// Two TcpLayers back to back on virtual time through a test IP path with injectable loss,
    /// duplication, reordering (extra delay), corruption and a one-way delay. Packets sit in a
    /// preallocated pool, so a transfer through the wire allocates nothing after warm-up.
    /// </summary>
    public sealed class TcpWire
    {
        public const uint AddressA = 0x0A000001;
        public const uint AddressB = 0x0A000002;
        private const int Pool = 512;

        private readonly byte[][] _data = new byte[Pool][];
        private readonly int[] _length = new int[Pool];
        private readonly long[] _due = new long[Pool];
        private readonly int[] _to = new int[Pool];
        private readonly long[] _order = new long[Pool]; // FIFO among packets due at the same time
        private long _sent;
        private readonly bool[] _used = new bool[Pool];
        private readonly Random _random;
        private readonly End[] _ends = new End[2];

        public long Now;
        public int DelayMs = 10;
        public double Loss;
        public double Duplicate;
        public double Reorder;
        public double Corrupt;
        public bool Capture = true;
        public readonly List<WireSegment> Segments = new List<WireSegment>();

        /// <summary>Decides per segment (from, tcp bytes, offset, length) whether to drop it; after the random faults.</summary>
        public Func<int, byte[], int, int, bool> Drop;

        /// <summary>When set, side B's address gets no IP path at all (packets to it vanish).</summary>
        public bool BlackHoleB;

        public TcpLayer A;
        public TcpLayer B;

        public TcpWire(int seed = 1, int mtu = 1500, int sendBytes = TcpBudget.SendBufferBytes, int receiveBytes = TcpBudget.ReceiveBufferBytes, int slots = TcpBudget.Slots)
        {
            _random = new Random(seed);
            for (int i = 0; i < Pool; i++)
            {
                _data[i] = new byte[1600];
            }

            _ends[0] = new End(this, 0, AddressA, mtu);
            _ends[1] = new End(this, 1, AddressB, mtu);
            A = new TcpLayer(_ends[0], slots, sendBytes, receiveBytes, 0x1234u + (uint)seed);
            B = new TcpLayer(_ends[1], slots, sendBytes, receiveBytes, 0x9876u + (uint)seed);
        }

        public bool LinkUp
        {
            set { _ends[0].Up = value; _ends[1].Up = value; }
        }

        /// <summary>Packets waiting on the wire.</summary>
        public int InFlight
        {
            get
            {
                int n = 0;
                for (int i = 0; i < Pool; i++)
                {
                    if (_used[i]) n++;
                }

                return n;
            }
        }

        /// <summary>One main-loop turn: deliver what is due, poll both layers, advance time by 1 ms.</summary>
        public void Step()
        {
            Deliver();
            A.Poll(Now);
            B.Poll(Now);
            Now++;
        }

        /// <summary>Runs turns until the condition holds; fails after limitMs of virtual time.</summary>
        public void RunUntil(Func<bool> done, long limitMs)
        {
            long end = Now + limitMs;
            while (!done())
            {
                if (Now > end)
                {
                    throw new Xunit.Sdk.XunitException("condition not reached within " + limitMs + " ms (now " + Now + ")");
                }

                Step();
            }
        }

        /// <summary>Runs turns for ms of virtual time.</summary>
        public void Run(long ms)
        {
            long end = Now + ms;
            while (Now < end)
            {
                Step();
            }
        }

        private void Deliver()
        {
            while (true)
            {
                int best = -1;
                for (int i = 0; i < Pool; i++)
                {
                    if (_used[i] && _due[i] <= Now && (best < 0 || _due[i] < _due[best] || (_due[i] == _due[best] && _order[i] < _order[best])))
                    {
                        best = i;
                    }
                }

                if (best < 0)
                {
                    return;
                }

                _due[best] = long.MaxValue; // busy until Receive returns: its buffer is being read
                int to = _to[best];
                TcpLayer layer = to == 0 ? A : B;
                uint source = to == 0 ? AddressB : AddressA;
                uint destination = to == 0 ? AddressA : AddressB;
                layer.Receive(source, destination, _data[best], 0, _length[best], Now);
                _used[best] = false;
            }
        }

        private bool Enqueue(int from, byte[] buffer, int offset, int length)
        {
            if (Capture)
            {
                TcpHeader.TryParse(buffer, offset, length, out TcpHeader h);
                Segments.Add(new WireSegment
                {
                    TimeMs = Now, From = from, Seq = h.Sequence, Ack = h.Acknowledgment, Flags = h.Flags,
                    DataLength = length - h.HeaderLength, Window = h.Window, Mss = h.Mss,
                });
            }

            if (from == 0 && BlackHoleB)
            {
                return true;
            }

            if (Loss > 0 && _random.NextDouble() < Loss)
            {
                return true;
            }

            if (Drop != null && Drop(from, buffer, offset, length))
            {
                return true;
            }

            int copies = Duplicate > 0 && _random.NextDouble() < Duplicate ? 2 : 1;
            for (int k = 0; k < copies; k++)
            {
                int slot = FreeSlot();
                Array.Copy(buffer, offset, _data[slot], 0, length);
                _length[slot] = length;
                _to[slot] = 1 - from;
                long delay = DelayMs;
                if (Reorder > 0 && _random.NextDouble() < Reorder)
                {
                    delay += _random.Next(1, 4 * DelayMs + 2);
                }

                _due[slot] = Now + delay;
                _order[slot] = _sent++;
                if (Corrupt > 0 && _random.NextDouble() < Corrupt)
                {
                    _data[slot][_random.Next(length)] ^= (byte)(1 << _random.Next(8));
                }

                _used[slot] = true;
            }

            return true;
        }

        private int FreeSlot()
        {
            for (int i = 0; i < Pool; i++)
            {
                if (!_used[i])
                {
                    return i;
                }
            }

            throw new InvalidOperationException("wire pool full");
        }

        private sealed class End : IIpOutput
        {
            private readonly TcpWire _wire;
            private readonly int _index;
            private readonly uint _address;
            private readonly int _mtu;
            public bool Up = true;

            public End(TcpWire wire, int index, uint address, int mtu)
            {
                _wire = wire;
                _index = index;
                _address = address;
                _mtu = mtu;
            }

            public uint LocalAddress => Up ? _address : 0;

            public int Mtu => _mtu;

            public bool Send(int protocol, uint destination, byte[] buffer, int offset, int transportLength)
            {
                if (!Up)
                {
                    return false;
                }

                if (protocol != IpConstants.ProtocolTcp || destination != (_index == 0 ? AddressB : AddressA))
                {
                    throw new InvalidOperationException("unexpected datagram");
                }

                // The segment must be complete and checksummed when it reaches IP.
                if (TcpChecksum.Compute(_address, destination, buffer, offset + IpConstants.HeaderLength, transportLength) != 0)
                {
                    throw new InvalidOperationException("segment with a bad checksum");
                }

                return _wire.Enqueue(_index, buffer, offset + IpConstants.HeaderLength, transportLength);
            }
        }
    }
}
