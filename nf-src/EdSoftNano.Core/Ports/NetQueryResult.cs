namespace EdSoftNano.Ports
{
    /// <summary>How a DNS resolution or a ping started on an <see cref="INetStack"/> stands.</summary>
    public enum NetQueryResult
    {
        /// <summary>No answer yet: ask again on a later main-loop turn.</summary>
        Pending,

        /// <summary>Answered (the address, the round-trip time); the query handle is released.</summary>
        Done,

        /// <summary>No usable answer (NXDOMAIN, no server answered, ping timeout); the handle is released.</summary>
        Failed,
    }
}
