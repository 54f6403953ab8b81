using EdSoftNano.App;

namespace EdSoftNano.DataMode
{
    /// <summary>
    /// How a service runs the <see cref="DataPump"/>: which directions use the DLE/ETX coding,
    /// the transmit delay and the frame size. A small value type, so starting a session allocates
    /// nothing.
    /// </summary>
    public readonly struct DataPumpSettings
    {
        /// <param name="hostDle">Host → network: decode DLE escapes and end at a bare ETX (false: every byte is payload, no end).</param>
        /// <param name="networkDle">Network → host: escape ETX and DLE (false: bytes pass unchanged).</param>
        /// <param name="txDelayMs">How long a partial frame waits for more bytes; 0 = send at once.</param>
        /// <param name="frameSize">Bytes of a full frame (sent without delay), at least 1; the pump caps it at what its buffers hold.</param>
        public DataPumpSettings(bool hostDle, bool networkDle, int txDelayMs, int frameSize)
        {
            HostDle = hostDle;
            NetworkDle = networkDle;
            TxDelayMs = txDelayMs < 0 ? 0 : txDelayMs;
            FrameSize = frameSize < 1 ? 1 : frameSize;
        }

        /// <summary>Host → network: DLE escapes are decoded and a bare ETX ends the data.</summary>
        public bool HostDle { get; }

        /// <summary>Network → host: ETX and DLE are escaped.</summary>
        public bool NetworkDle { get; }

        /// <summary>TCPTXDELAY / UDPTXDELAY in milliseconds.</summary>
        public int TxDelayMs { get; }

        /// <summary>Bytes of a full frame.</summary>
        public int FrameSize { get; }

        /// <summary>
        /// The frame of a byte stream (TCP, FTP, mail): as large as the pump's buffers allow — one
        /// TCP segment on the board (<see cref="Budget.DataScratch"/>), more where the host gives more.
        /// </summary>
        public const int StreamFrame = int.MaxValue;

        /// <summary>#FTPGET / #FTPPUT (spec 4.2, 4.3): DLE coding both ways, no delay, full-size frames.</summary>
        public static DataPumpSettings Ftp() => new DataPumpSettings(true, true, 0, StreamFrame);

        /// <summary>
        /// #OTCP / #LTCPSTART (spec 5.1.1, 5.1.4): DLE coding both ways when DLEMODE is 1; with 0 the
        /// ETX is payload and the host cannot close the socket.
        /// </summary>
        public static DataPumpSettings Tcp(bool dleMode, int txDelayMs) => new DataPumpSettings(dleMode, dleMode, txDelayMs, StreamFrame);

        /// <summary>#OUDP / #LUDPSTART (spec 6.1.3, 6.2, 6.4): DLE coding always; one frame is one datagram.</summary>
        public static DataPumpSettings Udp(int txDelayMs, int datagramSize) => new DataPumpSettings(true, true, txDelayMs, datagramSize);

        /// <summary>
        /// #PUTMAIL / #GETMAIL (spec 3.2, 3.4): no DLE coding and no host terminator (the service
        /// watches for CRLF.CRLF itself), no delay.
        /// </summary>
        public static DataPumpSettings Mail() => new DataPumpSettings(false, false, 0, StreamFrame);
    }
}
