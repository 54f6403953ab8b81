namespace EdSoftNano.DataMode
{
    /// <summary>
    /// The network side of a data-mode command, as a service plugs it into the
    /// <see cref="DataPump"/>: a TCP socket, a UDP session, an FTP data connection. Every call
    /// returns at once (the pump runs in the main loop and never waits).
    /// </summary>
    public interface IDataConnection
    {
        /// <summary>
        /// Reads up to <paramref name="count"/> received bytes. Returns the number read, 0 when
        /// nothing is there now, or -1 when the connection has ended (<see cref="Error"/> says why).
        /// The host side is a byte stream: a datagram connection hands a datagram out over several
        /// calls when it is larger than <paramref name="count"/>.
        /// </summary>
        int Receive(byte[] buffer, int offset, int count);

        /// <summary>
        /// Offers <paramref name="count"/> bytes (one frame: a TCP segment's worth, one UDP datagram).
        /// Returns the number accepted — a stream may take a prefix, a datagram connection all or
        /// nothing — 0 when it cannot take any now (back-pressure), or -1 when it failed.
        /// </summary>
        int Send(byte[] buffer, int offset, int count);

        /// <summary>Closes the connection (idempotent).</summary>
        void Close();

        /// <summary>
        /// After a -1: 0 when the peer closed in order, else the spec 9.2 code of the failure
        /// (e.g. <see cref="EdSoftNano.At.ErrorCodes.DataSendFailed"/>).
        /// </summary>
        int Error { get; }
    }
}
