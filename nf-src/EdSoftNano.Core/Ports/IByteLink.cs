namespace EdSoftNano.Ports
{
    /// <summary>
    /// A duplex byte stream: the host UART, the modem UART, a TCP socket or a test pipe.
    /// </summary>
    public interface IByteLink
    {
        /// <summary>
        /// Reads up to <paramref name="count"/> bytes, waiting at most <paramref name="timeoutMs"/>
        /// milliseconds (0 = only what is already there). Returns the number of bytes read,
        /// 0 when nothing arrived in time, or -1 when the stream has ended for good.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Writes all <paramref name="count"/> bytes (blocking while the line is flow-controlled).</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
