namespace EdSoftNano.Ip
{
    /// <summary>
    /// How a transport (TCP, UDP, ICMP) hands a datagram to the IP layer without a copy: the
    /// transport builds its header and payload at <c>offset + IpConstants.HeaderLength</c> in its
    /// own buffer and leaves the <see cref="IpConstants.HeaderLength"/> bytes before it free; the IP
    /// layer writes its header there and passes the whole datagram to the link.
    /// </summary>
    public interface IIpOutput
    {
        /// <summary>Our address (host byte order), for pseudo-header checksums; 0 while the link is down.</summary>
        uint LocalAddress { get; }

        /// <summary>Largest datagram, IP header included (the link's MTU).</summary>
        int Mtu { get; }

        /// <summary>
        /// Sends buffer[offset + HeaderLength, + transportLength) to <paramref name="destination"/> as
        /// <paramref name="protocol"/>; false when the link cannot carry it now (the transport treats it as lost).
        /// </summary>
        bool Send(int protocol, uint destination, byte[] buffer, int offset, int transportLength);
    }
}
