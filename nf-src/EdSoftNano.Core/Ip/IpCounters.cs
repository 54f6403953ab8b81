namespace EdSoftNano.Ip
{
    /// <summary>
    /// The IP layer's statistics in one int array: the drop counters by <see cref="IpDrop"/> reason,
    /// then the traffic counters below. Tests and diagnostics read them; nothing else depends on them.
    /// </summary>
    public sealed class IpCounters
    {
        /// <summary>Datagrams and fragments handed up by the link.</summary>
        public const int Received = IpDrop.Count;

        /// <summary>Datagrams delivered to a transport (a reassembled datagram counts once).</summary>
        public const int Delivered = IpDrop.Count + 1;

        /// <summary>Fragments taken into a reassembly buffer.</summary>
        public const int Fragments = IpDrop.Count + 2;

        /// <summary>Datagrams completed from fragments.</summary>
        public const int Reassembled = IpDrop.Count + 3;

        /// <summary>Fragments that repeated bytes already held (harmless duplicates, ignored).</summary>
        public const int FragmentDuplicates = IpDrop.Count + 4;

        /// <summary>Datagrams we sent.</summary>
        public const int Sent = IpDrop.Count + 5;

        /// <summary>Datagrams the link refused (down, or longer than its MTU).</summary>
        public const int SendFailed = IpDrop.Count + 6;

        /// <summary>Number of counters.</summary>
        public const int Count = IpDrop.Count + 7;

        private readonly int[] _values = new int[Count];

        /// <summary>The value of counter <paramref name="index"/> (an <see cref="IpDrop"/> reason or a constant of this class).</summary>
        public int this[int index] => _values[index];

        /// <summary>Sum of every drop reason.</summary>
        public int Dropped
        {
            get
            {
                int n = 0;
                for (int i = 1; i < IpDrop.Count; i++)
                {
                    n += _values[i];
                }

                return n;
            }
        }

        /// <summary>Adds one to counter <paramref name="index"/>.</summary>
        public void Increment(int index)
        {
            _values[index]++;
        }
    }
}
