namespace EdSoftNano.Ppp
{
    /// <summary>PPP protocol field values (RFC 1700 / IANA PPP numbers) the stack knows.</summary>
    public static class PppProtocol
    {
        /// <summary>Internet Protocol version 4.</summary>
        public const int Ipv4 = 0x0021;
        /// <summary>IP Control Protocol.</summary>
        public const int Ipcp = 0x8021;
        /// <summary>Link Control Protocol.</summary>
        public const int Lcp = 0xC021;
        /// <summary>Password Authentication Protocol.</summary>
        public const int Pap = 0xC023;
        /// <summary>Challenge Handshake Authentication Protocol.</summary>
        public const int Chap = 0xC223;
    }
}
