namespace EdSoftNano.Ppp
{
    /// <summary>
    /// Finds the next byte of a set — the flag, the escape, and the control characters an ACCM
    /// selects — in a block. With few bytes in the set (the usual ACCM 0, or XON/XOFF only) it runs
    /// one native <see cref="System.Array.IndexOf(System.Array, object, int, int)"/> per set member
    /// and caches where each was found, so every byte of the block is scanned natively at most once
    /// per member; with many (the default ACCM 0xFFFFFFFF) a single table lookup per byte is cheaper.
    /// </summary>
    public sealed class HdlcScanner
    {
        // Set members that take the native path; beyond this a table lookup per byte wins.
        private const int MaxNativeMembers = 4;

        private readonly bool[] _special = new bool[256];
        private readonly int[] _members = new int[34];   // indexes into HdlcCodes.Boxed
        private readonly int[] _next = new int[34];      // cached position per member: -2 not scanned, -1 none
        private int _memberCount;
        private bool _native;
        private uint _accm;

        /// <summary>Creates a scanner for the flag, the escape and the control characters of <paramref name="accm"/>.</summary>
        public HdlcScanner(uint accm)
        {
            SetAccm(accm);
        }

        /// <summary>The ACCM in force (bit n set: control character n is in the set).</summary>
        public uint Accm => _accm;

        /// <summary>Rebuilds the set: flag, escape, and every control character whose ACCM bit is set.</summary>
        public void SetAccm(uint accm)
        {
            _accm = accm;
            _memberCount = 0;
            for (int c = 0; c < 32; c++)
            {
                bool set = ((accm >> c) & 1) != 0;
                _special[c] = set;
                if (set)
                {
                    _members[_memberCount++] = c;
                }
            }

            _special[HdlcCodes.Flag] = true;
            _special[HdlcCodes.Escape] = true;
            _members[_memberCount++] = 32;
            _members[_memberCount++] = 33;
            _native = _memberCount <= MaxNativeMembers;
            Begin();
        }

        /// <summary>True when <paramref name="b"/> is in the set.</summary>
        public bool IsSpecial(byte b)
        {
            return _special[b];
        }

        /// <summary>Forgets the cached positions: call before scanning a new block (or a changed one).</summary>
        public void Begin()
        {
            for (int m = 0; m < _memberCount; m++)
            {
                _next[m] = -2;
            }
        }

        /// <summary>
        /// Index of the first set member in buffer[from, end), or <paramref name="end"/> when there is
        /// none. Successive calls between two <see cref="Begin"/> calls must scan the same block with
        /// the same <paramref name="end"/> and a non-decreasing <paramref name="from"/>.
        /// </summary>
        public int Next(byte[] buffer, int from, int end)
        {
            if (!_native)
            {
                bool[] special = _special;
                int i = from;
                while (i < end && !special[buffer[i]])
                {
                    i++;
                }

                return i;
            }

            int next = end;
            object[] boxed = HdlcCodes.Boxed;
            for (int m = 0; m < _memberCount; m++)
            {
                int at = _next[m];
                if (at != -1 && at < from)
                {
                    at = System.Array.IndexOf(buffer, boxed[_members[m]], from, end - from);
                    _next[m] = at;
                }

                if (at >= 0 && at < next)
                {
                    next = at;
                }
            }

            return next;
        }
    }
}
