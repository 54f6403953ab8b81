namespace EdSoftNano.Ip
{
    /// <summary>
    /// What the IP layer sends its datagrams through: the PPP link over the modem's data call, or a
    /// TUN device / test path on the host. Received datagrams come up through <see cref="Ppp.IPppIpInput"/>.
    /// </summary>
    public interface IIpLink
    {
        /// <summary>Largest datagram the link carries (PPP: the MRU the peer negotiated).</summary>
        int Mtu { get; }

        /// <summary>Sends one IPv4 datagram; false when the link cannot carry it now (down). The buffer is the caller's again on return.</summary>
        bool SendDatagram(byte[] datagram, int offset, int count);
    }
}
