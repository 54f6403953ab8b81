namespace EdSoftNano.DataMode
{
    /// <summary>
    /// A fixed byte ring over a caller-owned array. Its contiguous spans (<see cref="ReadOffset"/> /
    /// <see cref="ReadableSpan"/>, <see cref="WriteOffset"/> / <see cref="WritableSpan"/>) let producers
    /// and consumers work in place with Array.Copy, a socket read or a codec, then
    /// <see cref="Commit"/> or <see cref="Consume"/> what they did. Not thread-safe.
    /// </summary>
    public sealed class ByteRing
    {
        private readonly byte[] _buffer;
        private int _head;
        private int _count;

        /// <param name="buffer">The storage, from the budget; its length is the capacity.</param>
        public ByteRing(byte[] buffer)
        {
            _buffer = buffer;
        }

        /// <summary>The storage the offsets refer to.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Size of the ring in bytes.</summary>
        public int Capacity => _buffer.Length;

        /// <summary>Bytes held.</summary>
        public int Count => _count;

        /// <summary>Bytes that can still be written.</summary>
        public int Free => _buffer.Length - _count;

        /// <summary>Index of the oldest byte.</summary>
        public int ReadOffset => _head;

        /// <summary>Bytes readable from <see cref="ReadOffset"/> without wrapping.</summary>
        public int ReadableSpan
        {
            get
            {
                int toEnd = _buffer.Length - _head;
                return _count < toEnd ? _count : toEnd;
            }
        }

        /// <summary>Index where the next byte goes.</summary>
        public int WriteOffset
        {
            get
            {
                int tail = _head + _count;
                return tail >= _buffer.Length ? tail - _buffer.Length : tail;
            }
        }

        /// <summary>Bytes writable from <see cref="WriteOffset"/> without wrapping.</summary>
        public int WritableSpan
        {
            get
            {
                int tail = WriteOffset;
                int free = _buffer.Length - _count;
                int toEnd = _buffer.Length - tail;
                return free < toEnd ? free : toEnd;
            }
        }

        /// <summary>Marks <paramref name="count"/> bytes written at <see cref="WriteOffset"/> as held.</summary>
        public void Commit(int count)
        {
            _count += count;
        }

        /// <summary>Drops the <paramref name="count"/> oldest bytes (they were read).</summary>
        public void Consume(int count)
        {
            _count -= count;
            _head += count;
            if (_head >= _buffer.Length)
            {
                _head -= _buffer.Length;
            }

            if (_count == 0)
            {
                // Back to the start: the next frame is likely to be contiguous.
                _head = 0;
            }
        }

        /// <summary>Empties the ring.</summary>
        public void Clear()
        {
            _head = 0;
            _count = 0;
        }

        /// <summary>Appends as much of source[offset, offset + count) as fits; returns how many bytes.</summary>
        public int Write(byte[] source, int offset, int count)
        {
            int done = 0;
            while (done < count)
            {
                int span = WritableSpan;
                if (span == 0)
                {
                    break;
                }

                int n = count - done < span ? count - done : span;
                System.Array.Copy(source, offset + done, _buffer, WriteOffset, n);
                _count += n;
                done += n;
            }

            return done;
        }

        /// <summary>
        /// Copies the <paramref name="count"/> oldest bytes to target[offset…] without consuming them
        /// (a frame that wraps the end of the ring, made contiguous). Requires count &lt;= Count.
        /// </summary>
        public void Peek(byte[] target, int offset, int count)
        {
            int first = _buffer.Length - _head;
            if (first >= count)
            {
                System.Array.Copy(_buffer, _head, target, offset, count);
                return;
            }

            System.Array.Copy(_buffer, _head, target, offset, first);
            System.Array.Copy(_buffer, 0, target, offset + first, count - first);
        }
    }
}
