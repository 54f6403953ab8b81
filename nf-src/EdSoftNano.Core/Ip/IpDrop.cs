namespace EdSoftNano.Ip
{
    /// <summary>
    /// Why the IP layer dropped a received datagram or fragment. Each reason is also the index of
    /// its counter in <see cref="IpCounters"/>.
    /// </summary>
    public static class IpDrop
    {
        /// <summary>Not dropped.</summary>
        public const int None = 0;

        /// <summary>Shorter than a header, or than its total length says.</summary>
        public const int Truncated = 1;

        /// <summary>Version is not 4.</summary>
        public const int BadVersion = 2;

        /// <summary>IHL below 5, or a header longer than the datagram.</summary>
        public const int BadHeaderLength = 3;

        /// <summary>The header checksum does not verify.</summary>
        public const int BadChecksum = 4;

        /// <summary>Addressed to someone else (we do not forward).</summary>
        public const int NotForUs = 5;

        /// <summary>TTL 0 on arrival.</summary>
        public const int TtlExpired = 6;

        /// <summary>A fragment whose bytes differ from bytes already received for the same place: the whole datagram is dropped.</summary>
        public const int FragmentOverlap = 7;

        /// <summary>A fragment that reaches past the reassembly buffer or past the end the last fragment set, or a middle fragment whose length is not a multiple of 8: the whole datagram is dropped.</summary>
        public const int FragmentOversize = 8;

        /// <summary>A fragment of a new datagram while every reassembly buffer is in use.</summary>
        public const int FragmentNoBuffer = 9;

        /// <summary>The datagram's fragments did not all arrive within the reassembly timeout.</summary>
        public const int ReassemblyTimeout = 10;

        /// <summary>No transport for the protocol number (answered with ICMP protocol unreachable).</summary>
        public const int UnknownProtocol = 11;

        /// <summary>The link is down (no local address): nothing is accepted.</summary>
        public const int LinkDown = 12;

        /// <summary>Number of reasons (the first free counter index).</summary>
        public const int Count = 13;
    }
}
