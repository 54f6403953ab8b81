using System;
using EdSoftNano.Ports;

namespace EdSoftNano.Device.Tests.Support
{
    /// <summary>
    /// One end of a duplex byte pipe in RAM (a null-modem cable between two PPP links): what one
    /// end writes, the other reads. Fixed rings, no waiting; a write beyond the ring is a test bug.
    /// </summary>
    public sealed class MemoryPipe : IByteLink
    {
        private readonly byte[] _ring;
        private int _head;
        private int _count;
        private MemoryPipe _other;

        private MemoryPipe(int capacity)
        {
            _ring = new byte[capacity];
        }

        /// <summary>The two ends of a new pipe; each direction holds <paramref name="capacity"/> bytes.</summary>
        public static MemoryPipe[] Pair(int capacity)
        {
            MemoryPipe a = new MemoryPipe(capacity);
            MemoryPipe b = new MemoryPipe(capacity);
            a._other = b;
            b._other = a;
            return new MemoryPipe[] { a, b };
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = count < _count ? count : _count;
            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = _ring[_head];
                _head = _head + 1 == _ring.Length ? 0 : _head + 1;
            }

            _count -= n;
            return n;
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
            MemoryPipe to = _other;
            if (to._count + count > to._ring.Length)
            {
                throw new InvalidOperationException("pipe overflow");
            }

            for (int i = 0; i < count; i++)
            {
                int at = to._head + to._count;
                if (at >= to._ring.Length)
                {
                    at -= to._ring.Length;
                }

                to._ring[at] = buffer[offset + i];
                to._count++;
            }
        }
    }
}
