namespace EdSoftNano.Ppp
{
    /// <summary>IPCP Configuration Option types (RFC 1332 3, RFC 1877 1) and their lengths.</summary>
    public static class IpcpOption
    {
        /// <summary>IP-Addresses (RFC 1172, deprecated): rejected.</summary>
        public const byte IpAddresses = 1;
        /// <summary>IP-Compression-Protocol (Van Jacobson): rejected, we send plain IP.</summary>
        public const byte IpCompression = 2;
        /// <summary>IP-Address, 4-byte value (0.0.0.0: "assign me one").</summary>
        public const byte IpAddress = 3;
        /// <summary>Primary DNS server address (RFC 1877), 4-byte value.</summary>
        public const byte PrimaryDns = 129;
        /// <summary>Primary NBNS address (RFC 1877): rejected.</summary>
        public const byte PrimaryNbns = 130;
        /// <summary>Secondary DNS server address (RFC 1877), 4-byte value.</summary>
        public const byte SecondaryDns = 131;
        /// <summary>Secondary NBNS address (RFC 1877): rejected.</summary>
        public const byte SecondaryNbns = 132;

        /// <summary>Length of the address options (type, length, 4 octets).</summary>
        public const int AddressOptionLength = 6;

        /// <summary>The longest Configure-Request options we build: IP-Address, Primary and Secondary DNS.</summary>
        public const int MaxRequestLength = 18;
    }
}
