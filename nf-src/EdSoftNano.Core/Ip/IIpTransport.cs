namespace EdSoftNano.Ip
{
    /// <summary>
    /// A protocol above IPv4 (ICMP, UDP, TCP) as the IP layer sees it: the payload of each valid
    /// datagram for its protocol number, and the ICMP errors about datagrams it sent.
    /// </summary>
    public interface IIpTransport
    {
        /// <summary>
        /// One datagram's payload buffer[offset, offset + length) from <paramref name="source"/> to
        /// <paramref name="destination"/> (host byte order); the header and fragments are already
        /// checked and joined. The buffer is the IP layer's again on return.
        /// </summary>
        void Receive(uint source, uint destination, byte[] buffer, int offset, int length, long nowMs);

        /// <summary>
        /// ICMP destination-unreachable (or time-exceeded) about a datagram we sent to
        /// <paramref name="destination"/>: <paramref name="original"/>[offset, offset + length) is the
        /// quoted IP header and at least the first 8 bytes of our transport header.
        /// </summary>
        void Unreachable(int icmpType, int icmpCode, uint destination, byte[] original, int offset, int length, long nowMs);
    }
}
