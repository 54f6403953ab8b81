using System;

namespace EdSoftNano.Ip
{
    /// <summary>
    /// Joins the fragments of received datagrams (RFC 791 3.2, RFC 815's idea of tracking what is
    /// still missing) in a few preallocated buffers, one datagram each. What has arrived is kept as
    /// a bitmap of 8-byte blocks. A fragment that repeats bytes already held is ignored; one whose
    /// bytes differ from them (an overlap attack or a broken sender) drops the whole datagram, as
    /// does one that reaches past the buffer or past the end the last fragment set. A datagram not
    /// complete within <see cref="TimeoutMs"/> of its first fragment is dropped.
    /// <para>
    /// Each buffer holds a plain 20-byte header (the first fragment's, unfragmented, options left
    /// out) followed by the payload, so a completed datagram can be quoted in an ICMP error like any other.
    /// </para>
    /// </summary>
    public sealed class Reassembly
    {
        /// <summary>How long the fragments of one datagram are waited for (RFC 791's suggested 15 s lower bound).</summary>
        public const int TimeoutMs = 15000;

        private const int BlockBytes = 8;

        private readonly int _slots;
        private readonly int _slotBytes;
        private readonly int _capacity;
        private readonly int _bitmapBytes;
        private readonly byte[] _data;
        private readonly byte[] _bitmap;
        private readonly bool[] _used;
        private readonly uint[] _source;
        private readonly uint[] _destination;
        private readonly int[] _id;
        private readonly int[] _protocol;
        private readonly int[] _total;
        private readonly bool[] _haveFirst;
        private readonly long[] _deadline;

        /// <param name="slots">Datagrams that can be reassembled at once.</param>
        /// <param name="datagramBytes">Largest reassembled datagram, header included (our MRU).</param>
        public Reassembly(int slots, int datagramBytes)
        {
            _slots = slots;
            _slotBytes = datagramBytes;
            _capacity = datagramBytes - IpConstants.HeaderLength;
            _bitmapBytes = (_capacity / BlockBytes + 1 + 7) / 8;
            _data = new byte[slots * datagramBytes];
            _bitmap = new byte[slots * _bitmapBytes];
            _used = new bool[slots];
            _source = new uint[slots];
            _destination = new uint[slots];
            _id = new int[slots];
            _protocol = new int[slots];
            _total = new int[slots];
            _haveFirst = new bool[slots];
            _deadline = new long[slots];
        }

        /// <summary>The buffer every slot lives in (see <see cref="HeaderOffset"/>).</summary>
        public byte[] Buffer => _data;

        /// <summary>Largest payload one datagram may have.</summary>
        public int Capacity => _capacity;

        /// <summary>Reassemblies under way.</summary>
        public int InUse
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _slots; i++)
                {
                    n += _used[i] ? 1 : 0;
                }

                return n;
            }
        }

        /// <summary>Where the 20-byte header of slot <paramref name="slot"/> starts in <see cref="Buffer"/>.</summary>
        public int HeaderOffset(int slot) => slot * _slotBytes;

        /// <summary>Payload length of a completed slot.</summary>
        public int PayloadLength(int slot) => _total[slot];

        /// <summary>True when the slot holds the fragment at offset 0 (its header can be quoted).</summary>
        public bool HasFirstFragment(int slot) => _haveFirst[slot];

        /// <summary>What <see cref="Add"/> returns for a fragment that only repeats bytes already held (ignored).</summary>
        public const int Duplicate = -1;

        /// <summary>
        /// Takes the fragment whose header is <paramref name="header"/> and which starts at
        /// datagram[offset]. Returns <see cref="IpDrop.None"/>, <see cref="Duplicate"/>, or the reason it (and
        /// its datagram) was dropped; <paramref name="completed"/> is the slot of a datagram it completed, else -1
        /// (the caller delivers it, then <see cref="Release"/>s it).
        /// </summary>
        public int Add(ref IpHeader header, byte[] datagram, int offset, long nowMs, out int completed)
        {
            completed = -1;
            int start = header.FragmentByteOffset;
            int length = header.PayloadLength;
            int end = start + length;
            int slot = Find(ref header);
            bool malformed = header.MoreFragments && (length == 0 || length % BlockBytes != 0);
            if (end > _capacity || malformed)
            {
                Drop(slot);
                return IpDrop.FragmentOversize;
            }

            if (slot < 0)
            {
                slot = Allocate(ref header, nowMs);
                if (slot < 0)
                {
                    return IpDrop.FragmentNoBuffer;
                }
            }

            int total = _total[slot];
            bool inconsistent = header.MoreFragments ? total >= 0 && end > total : (total >= 0 && total != end) || AnyBlockFrom(slot, (end + BlockBytes - 1) / BlockBytes);
            if (inconsistent)
            {
                Drop(slot);
                return IpDrop.FragmentOversize;
            }

            int payload = HeaderOffset(slot) + IpConstants.HeaderLength;
            int source = offset + header.HeaderLength;
            int firstBlock = start / BlockBytes;
            int endBlock = (end + BlockBytes - 1) / BlockBytes;
            int held = 0;
            for (int b = firstBlock; b < endBlock; b++)
            {
                if (!IsSet(slot, b))
                {
                    continue;
                }

                held++;
                int from = b * BlockBytes;
                int to = from + BlockBytes < end ? from + BlockBytes : end;
                for (int i = from; i < to; i++)
                {
                    if (_data[payload + i] != datagram[source + i - start])
                    {
                        Drop(slot);
                        return IpDrop.FragmentOverlap;
                    }
                }
            }

            if (!header.MoreFragments)
            {
                _total[slot] = end;
            }

            if (held == endBlock - firstBlock && endBlock > firstBlock)
            {
                // Nothing new: a duplicate (the link or the sender repeated it).
                return Duplicate;
            }

            Array.Copy(datagram, source, _data, payload + start, length);
            for (int b = firstBlock; b < endBlock; b++)
            {
                _bitmap[slot * _bitmapBytes + (b >> 3)] |= (byte)(1 << (b & 7));
            }

            if (start == 0)
            {
                int h = HeaderOffset(slot);
                Array.Copy(datagram, offset, _data, h, IpConstants.HeaderLength);
                _data[h] = 0x45;
                // Options left out: the header must still describe what follows it (an ICMP error may quote it).
                IpHeader.Put16(_data, h + IpHeader.TotalLengthOffset, IpConstants.HeaderLength + length);
                IpHeader.Put16(_data, h + IpHeader.ChecksumOffset, 0);
                IpHeader.Put16(_data, h + IpHeader.ChecksumOffset, InternetChecksum.Compute(_data, h, IpConstants.HeaderLength));
                _haveFirst[slot] = true;
            }

            if (_total[slot] >= 0 && AllBlocksBelow(slot, (_total[slot] + BlockBytes - 1) / BlockBytes))
            {
                WriteWholeHeader(slot);
                completed = slot;
            }

            return IpDrop.None;
        }

        /// <summary>A slot whose time ran out at <paramref name="nowMs"/>, or -1; the caller reports it, then <see cref="Release"/>s it.</summary>
        public int Expired(long nowMs)
        {
            for (int i = 0; i < _slots; i++)
            {
                if (_used[i] && nowMs - _deadline[i] >= 0)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>When the oldest reassembly times out; long.MaxValue when none is under way.</summary>
        public long NextDeadlineMs
        {
            get
            {
                long next = long.MaxValue;
                for (int i = 0; i < _slots; i++)
                {
                    if (_used[i] && _deadline[i] < next)
                    {
                        next = _deadline[i];
                    }
                }

                return next;
            }
        }

        /// <summary>Frees a slot (delivered, expired or dropped).</summary>
        public void Release(int slot)
        {
            _used[slot] = false;
        }

        /// <summary>Frees every slot (the link went down).</summary>
        public void Clear()
        {
            for (int i = 0; i < _slots; i++)
            {
                _used[i] = false;
            }
        }

        private int Find(ref IpHeader header)
        {
            for (int i = 0; i < _slots; i++)
            {
                if (_used[i] && _id[i] == header.Identification && _source[i] == header.Source
                    && _destination[i] == header.Destination && _protocol[i] == header.Protocol)
                {
                    return i;
                }
            }

            return -1;
        }

        private int Allocate(ref IpHeader header, long nowMs)
        {
            for (int i = 0; i < _slots; i++)
            {
                if (!_used[i])
                {
                    _used[i] = true;
                    _id[i] = header.Identification;
                    _source[i] = header.Source;
                    _destination[i] = header.Destination;
                    _protocol[i] = header.Protocol;
                    _total[i] = -1;
                    _haveFirst[i] = false;
                    _deadline[i] = nowMs + TimeoutMs;
                    Array.Clear(_bitmap, i * _bitmapBytes, _bitmapBytes);
                    return i;
                }
            }

            return -1;
        }

        private void Drop(int slot)
        {
            if (slot >= 0)
            {
                _used[slot] = false;
            }
        }

        private bool IsSet(int slot, int block)
        {
            return (_bitmap[slot * _bitmapBytes + (block >> 3)] & (1 << (block & 7))) != 0;
        }

        private bool AllBlocksBelow(int slot, int endBlock)
        {
            for (int b = 0; b < endBlock; b++)
            {
                if (!IsSet(slot, b))
                {
                    return false;
                }
            }

            return true;
        }

        private bool AnyBlockFrom(int slot, int firstBlock)
        {
            int blocks = _bitmapBytes * 8;
            for (int b = firstBlock; b < blocks; b++)
            {
                if (IsSet(slot, b))
                {
                    return true;
                }
            }

            return false;
        }

        // The completed datagram's header: whole (no fragment fields), its real total length, checksum fixed.
        private void WriteWholeHeader(int slot)
        {
            int h = HeaderOffset(slot);
            IpHeader.Put16(_data, h + IpHeader.TotalLengthOffset, IpConstants.HeaderLength + _total[slot]);
            IpHeader.Put16(_data, h + IpHeader.FragmentOffset, 0);
            IpHeader.Put16(_data, h + IpHeader.ChecksumOffset, 0);
            IpHeader.Put16(_data, h + IpHeader.ChecksumOffset, InternetChecksum.Compute(_data, h, IpConstants.HeaderLength));
        }
    }
}
