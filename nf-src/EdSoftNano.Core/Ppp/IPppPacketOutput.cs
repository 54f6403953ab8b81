namespace EdSoftNano.Ppp
{
    /// <summary>Where a control protocol sends its packets: the PPP link frames them (HDLC over the modem UART, or a test loopback).</summary>
    public interface IPppPacketOutput
    {
        /// <summary>Sends packet[offset, offset + count) as the information field of a <paramref name="protocol"/> frame; the buffer may be reused when this returns.</summary>
        void Send(int protocol, byte[] packet, int offset, int count);
    }
}
