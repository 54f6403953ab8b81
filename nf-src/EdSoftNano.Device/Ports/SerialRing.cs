using System;

namespace EdSoftNano.Device.Ports
{
    /// <summary>
    /// A fixed ring of bytes between the serial driver's event thread and the firmware loop (the core's
    /// DataMode ByteRing is single-threaded). Both ends copy
    /// whole blocks with <see cref="Array.Copy(Array, int, Array, int, int)"/> (at most two
    /// segments each), under one lock; nothing is allocated after construction.
    /// </summary>
    public sealed class SerialRing
    {
        private readonly byte[] _buffer;
        private readonly object _sync = new object();
        private int _head;   // next byte to take
        private int _count;  // bytes held

        /// <summary>A ring over <paramref name="storage"/>, the caller's preallocated buffer.</summary>
        public SerialRing(byte[] storage)
        {
            if (storage == null || storage.Length == 0)
            {
                throw new ArgumentException("The ring needs a non-empty buffer.", "storage");
            }

            _buffer = storage;
        }

        public int Capacity => _buffer.Length;

        /// <summary>Bytes waiting to be taken.</summary>
        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _count;
                }
            }
        }

        /// <summary>Room left for <see cref="Put"/>.</summary>
        public int Free
        {
            get
            {
                lock (_sync)
                {
                    return _buffer.Length - _count;
                }
            }
        }

        /// <summary>Appends up to <paramref name="count"/> bytes; returns how many fitted.</summary>
        public int Put(byte[] source, int offset, int count)
        {
            lock (_sync)
            {
                int room = _buffer.Length - _count;
                int n = count < room ? count : room;
                if (n <= 0)
                {
                    return 0;
                }

                int tail = _head + _count;
                if (tail >= _buffer.Length)
                {
                    tail -= _buffer.Length;
                }

                int first = _buffer.Length - tail;
                if (first > n)
                {
                    first = n;
                }

                Array.Copy(source, offset, _buffer, tail, first);
                if (n > first)
                {
                    Array.Copy(source, offset + first, _buffer, 0, n - first);
                }

                _count += n;
                return n;
            }
        }

        /// <summary>Moves up to <paramref name="count"/> bytes into <paramref name="target"/>; returns how many.</summary>
        public int Take(byte[] target, int offset, int count)
        {
            lock (_sync)
            {
                int n = count < _count ? count : _count;
                if (n <= 0)
                {
                    return 0;
                }

                int first = _buffer.Length - _head;
                if (first > n)
                {
                    first = n;
                }

                Array.Copy(_buffer, _head, target, offset, first);
                if (n > first)
                {
                    Array.Copy(_buffer, 0, target, offset + first, n - first);
                }

                _head += n;
                if (_head >= _buffer.Length)
                {
                    _head -= _buffer.Length;
                }

                _count -= n;
                if (_count == 0)
                {
                    _head = 0;
                }

                return n;
            }
        }

        /// <summary>Drops everything held.</summary>
        public void Clear()
        {
            lock (_sync)
            {
                _head = 0;
                _count = 0;
            }
        }
    }
}
