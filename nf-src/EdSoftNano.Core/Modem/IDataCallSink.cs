namespace EdSoftNano.Modem
{
    /// <summary>Takes the bytes of an established data call (the PPP bearer's input).</summary>
    public interface IDataCallSink
    {
        /// <summary>Bytes the modem received on the data call.</summary>
        void OnDataCallBytes(byte[] buffer, int offset, int count, long nowMs);

        /// <summary>
        /// True when the sink frames its data itself (PPP): then "NO CARRIER" is not looked for in
        /// the byte stream, the sink tells the session when the link dies.
        /// </summary>
        bool FramesData { get; }

        /// <summary>Bytes the sink can take now: the channel reads no more than that from the UART (back-pressure).</summary>
        int Room { get; }
    }
}
