namespace EdSoftNano.Ppp
{
    /// <summary>LCP Configuration Option types (RFC 1661 6) and their lengths.</summary>
    public static class LcpOption
    {
        /// <summary>Maximum-Receive-Unit, 2-byte value.</summary>
        public const byte Mru = 1;
        /// <summary>Async-Control-Character-Map (RFC 1662 7.1), 4-byte value.</summary>
        public const byte Accm = 2;
        /// <summary>Authentication-Protocol: 2-byte protocol, then data (CHAP: the algorithm).</summary>
        public const byte AuthProtocol = 3;
        /// <summary>Quality-Protocol (not supported: rejected).</summary>
        public const byte QualityProtocol = 4;
        /// <summary>Magic-Number, 4-byte value.</summary>
        public const byte MagicNumber = 5;
        /// <summary>Protocol-Field-Compression, no value.</summary>
        public const byte Pfc = 7;
        /// <summary>Address-and-Control-Field-Compression, no value.</summary>
        public const byte Acfc = 8;

        /// <summary>CHAP algorithm: MD5 (RFC 1994).</summary>
        public const byte ChapMd5 = 5;

        /// <summary>The default MRU, and what a peer must always accept.</summary>
        public const int DefaultMru = 1500;

        /// <summary>The longest Configure-Request options we build: MRU 4, ACCM 6, Auth 5, Magic 6, PFC 2, ACFC 2.</summary>
        public const int MaxRequestLength = 25;
    }
}
