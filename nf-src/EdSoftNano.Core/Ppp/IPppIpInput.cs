namespace EdSoftNano.Ppp
{
    /// <summary>Where <see cref="PppLink"/> delivers received IPv4 datagrams (the IP stack, once it exists).</summary>
    public interface IPppIpInput
    {
        /// <summary>One IPv4 datagram packet[offset, offset + count); the buffer is reused when this returns.</summary>
        void Receive(long nowMs, byte[] packet, int offset, int count);
    }
}
