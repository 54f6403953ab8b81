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

        public static void Pair(out DuplexByteLink a, out DuplexByteLink b)
        {
            a = new DuplexByteLink();
            b = new DuplexByteLink();
            a._other = b;
            b._other = a;
        }

        public int Pending => _in.Count;

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
            for (int i = 0; i < count; i++) { _other._in.Enqueue(buffer[offset + i]); }
        }
    }
}
