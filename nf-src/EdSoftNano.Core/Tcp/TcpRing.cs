namespace EdSoftNano.Tcp
{
    /// <summary>
    /// A byte ring for one direction of one connection. Unlike DataMode's ByteRing it reads and
    /// writes at a distance from the oldest byte: the sender retransmits from the middle of its
    /// unacknowledged bytes, the receiver stores out-of-order data beyond the bytes it holds. The
    /// head is never moved back to 0, so bytes parked beyond <see cref="Count"/> stay where they are.
    /// </summary>
    public sealed class TcpRing
    {
        private readonly byte[] _buffer;
        private int _head;
        private int _count;

        /// <param name="capacity">Size in bytes, from <see cref="TcpBudget"/>.</param>
        public TcpRing(int capacity)
        {
            _buffer = new byte[capacity];
        }

        /// <summary>Size of the ring.</summary>
        public int Capacity => _buffer.Length;

        /// <summary>Bytes held (contiguous from the oldest).</summary>
        public int Count => _count;

        /// <summary>Room left after the bytes held.</summary>
        public int Free => _buffer.Length - _count;

        /// <summary>Empties the ring.</summary>
        public void Clear()
        {
            _head = 0;
            _count = 0;
        }

        /// <summary>Appends as much of source[offset, offset + count) as fits; returns how many bytes.</summary>
        public int Write(byte[] source, int offset, int count)
        {
            if (count > Free)
            {
                count = Free;
            }

            WriteAt(_count, source, offset, count);
            _count += count;
            return count;
        }

        /// <summary>Copies source[offset, offset + count) to <paramref name="distance"/> bytes after the oldest byte, without counting it as held (distance + count &lt;= Capacity).</summary>
        public void WriteAt(int distance, byte[] source, int offset, int count)
        {
            int at = Index(distance);
            int first = _buffer.Length - at;
            if (first >= count)
            {
                System.Array.Copy(source, offset, _buffer, at, count);
                return;
            }

            System.Array.Copy(source, offset, _buffer, at, first);
            System.Array.Copy(source, offset + first, _buffer, 0, count - first);
        }

        /// <summary>Counts <paramref name="count"/> more bytes as held (written earlier with <see cref="WriteAt"/>).</summary>
        public void Commit(int count)
        {
            _count += count;
        }

        /// <summary>Copies <paramref name="count"/> bytes starting <paramref name="distance"/> after the oldest byte to target[offset…] without consuming them.</summary>
        public void CopyOut(int distance, byte[] target, int offset, int count)
        {
            int at = Index(distance);
            int first = _buffer.Length - at;
            if (first >= count)
            {
                System.Array.Copy(_buffer, at, target, offset, count);
                return;
            }

            System.Array.Copy(_buffer, at, target, offset, first);
            System.Array.Copy(_buffer, 0, target, offset + first, count - first);
        }

        /// <summary>Drops the <paramref name="count"/> oldest bytes.</summary>
        public void Consume(int count)
        {
            _count -= count;
            _head = Index(count);
        }

        private int Index(int distance)
        {
            int at = _head + distance;
            return at >= _buffer.Length ? at - _buffer.Length : at;
        }
    }
}
