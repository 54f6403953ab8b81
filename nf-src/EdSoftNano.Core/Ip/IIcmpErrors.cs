namespace EdSoftNano.Ip
{
    /// <summary>
    /// How the IP layer and the transports report a datagram they cannot take (protocol or port
    /// unreachable, reassembly time exceeded) to its sender: implemented by the ICMP layer, which
    /// decides whether an error may be sent at all (RFC 1122 3.2.2).
    /// </summary>
    public interface IIcmpErrors
    {
        /// <summary>
        /// Sends ICMP <paramref name="type"/>/<paramref name="code"/> about the received datagram whose
        /// header starts at datagram[offset] and which is <paramref name="length"/> bytes long.
        /// </summary>
        void SendError(int type, int code, byte[] datagram, int offset, int length);
    }
}
