namespace EdSoftNano.Net
{
    /// <summary>What a stub resolver needs from a DNS response: its id, its result and the first A record.</summary>
    public struct DnsReply
    {
        /// <summary>The query id the response answers (RFC 1035 4.1.1 ID).</summary>
        public int Id;

        /// <summary>RCODE: 0 no error, 2 server failure, 3 name error (NXDOMAIN), 5 refused.</summary>
        public int ResponseCode;

        /// <summary>TC: the server cut the message to fit the datagram.</summary>
        public bool Truncated;

        /// <summary>True when an answer record of type A, class IN carried <see cref="Address"/>.</summary>
        public bool HasAddress;

        /// <summary>The first IPv4 address of the answer section, host byte order.</summary>
        public uint Address;
    }
}
