using System;
using System.Collections.Generic;
using EdSoftNano.Ports;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>One end of an in-memory duplex byte pipe for PPP tests on virtual time (Read never waits).</summary>
    public sealed class DuplexByteLink : IByteLink
    {
        private readonly Queue<byte> _in = new Queue<byte>();
        private DuplexByteLink _other;

        /// <summary>Drops every byte written while true (a peer that hears nothing).</summary>
        public bool Deaf;

        /// <summary>Read returns -1 (the call is gone) once true.</summary>
        public bool Ended;

        /// <summary>Seeded faults on what this end writes: a bit flipped per byte with BitErrorRate, a whole Write dropped with DropRate.</summary>
        public Random Faults;
        public double BitErrorRate;
        public double DropRate;
        public int BitsFlipped;
        public int WritesDropped;

        public static void Pair(out DuplexByteLink a, out DuplexByteLink b)
        {
            a = new DuplexByteLink();
            b = new DuplexByteLink();
            a._other = b;
            b._other = a;
        }

        public int Pending => _in.Count;

        public void Clear() { _in.Clear(); }

        public void Inject(byte[] bytes)
        {
            foreach (byte x in bytes) { _in.Enqueue(x); }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (Ended) { return -1; }
            int n = 0;
            while (n < count && _in.Count > 0) { buffer[offset + n++] = _in.Dequeue(); }
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (Deaf || _other == null) { return; }
            if (Faults != null && DropRate > 0 && Faults.NextDouble() < DropRate) { WritesDropped++; return; }
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[offset + i];
                if (Faults != null && BitErrorRate > 0 && Faults.NextDouble() < BitErrorRate)
                {
                    b ^= (byte)(1 << Faults.Next(8));
                    BitsFlipped++;
                }

                _other._in.Enqueue(b);
            }
        }
    }
}
