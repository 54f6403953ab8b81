namespace EdSoftNano.Tcp
{
    /// <summary>The protocol constants of our TCP, chosen for a GSM/GPRS link (round trips of 0.3–2 s).</summary>
    public static class TcpConstants
    {
        /// <summary>Maximum segment lifetime. RFC 9293 suggests 2 min; a device with 5 slots cannot hold a slot 4 min, and a GPRS path does not keep segments alive for 30 s.</summary>
        public const int MslMs = 30000;

        /// <summary>TIME-WAIT lasts 2*MSL.</summary>
        public const int TimeWaitMs = 2 * MslMs;

        /// <summary>A closed connection in FIN-WAIT-2 whose peer never closes is dropped after this (nobody reads it any more).</summary>
        public const int FinWait2TimeoutMs = 2 * MslMs;

        /// <summary>RTO before the first RTT sample (RFC 6298 2.1).</summary>
        public const int InitialRtoMs = 1000;

        /// <summary>Lower bound of the RTO (RFC 6298 2.4).</summary>
        public const int MinRtoMs = 1000;

        /// <summary>Upper bound of the RTO (RFC 6298 2.5 allows 60 s).</summary>
        public const int MaxRtoMs = 60000;

        /// <summary>SYN retransmissions before a connect fails with 37964: sent at 0, 1, 3, 7, 15 s, failed at 31 s (RFC 9293 R2 for SYN ≥ 3 min is meant for desktops; the services have their own shorter deadlines anyway).</summary>
        public const int SynRetries = 4;

        /// <summary>Data retransmissions before a connection fails with 38017: back-off 1+2+4+8+16+32+60+60 s ≈ 3 min (RFC 1122 R2 ≥ 100 s).</summary>
        public const int DataRetries = 7;

        /// <summary>MSS assumed when the peer's SYN has no MSS option (RFC 9293 3.7.1).</summary>
        public const int DefaultMss = 536;

        /// <summary>Half- and fully-open connections a listener holds before Accept takes them; further SYNs are dropped (the caller retries).</summary>
        public const int Backlog = 2;

        /// <summary>First ephemeral port (RFC 6335 dynamic range).</summary>
        public const int EphemeralFirst = 49152;

        /// <summary>Duplicate ACKs that trigger fast retransmit (RFC 5681 3.2).</summary>
        public const int DupAckThreshold = 3;
    }
}
