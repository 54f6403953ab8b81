namespace EdSoftNano.Ports
{
    /// <summary>Where one <see cref="INetStack"/> socket handle stands.</summary>
    public enum SocketState
    {
        /// <summary>The handle is not in use (never opened, or closed).</summary>
        Free,

        /// <summary>A TCP connect is under way: Send and Receive return 0 until it is Open or Failed.</summary>
        Connecting,

        /// <summary>A TCP listener: <see cref="INetStack.Accept"/> hands out the connections.</summary>
        Listening,

        /// <summary>A connected TCP socket, or a UDP socket.</summary>
        Open,

        /// <summary>The TCP peer closed in order (FIN) and every byte it sent has been read.</summary>
        Ended,

        /// <summary>The socket failed; <see cref="INetStack.Error"/> holds the spec 9.2 code.</summary>
        Failed,
    }
}
