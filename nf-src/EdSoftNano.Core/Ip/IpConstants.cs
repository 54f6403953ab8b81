namespace EdSoftNano.Ip
{
    /// <summary>Numbers of IPv4 (RFC 791) that every layer of the stack shares.</summary>
    public static class IpConstants
    {
        /// <summary>The header we send: 20 bytes, no options.</summary>
        public const int HeaderLength = 20;

        public const int ProtocolIcmp = 1;
        public const int ProtocolTcp = 6;
        public const int ProtocolUdp = 17;

        /// <summary>TTL of the datagrams we send.</summary>
        public const int DefaultTtl = 64;
    }
}
