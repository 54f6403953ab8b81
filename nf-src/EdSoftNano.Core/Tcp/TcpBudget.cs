namespace EdSoftNano.Tcp
{
    /// <summary>
    /// The buffers of the TCP layer (part of the firmware's budget). With 5 slots they take
    /// 5 * (2920 + 2048) + 1500 = 26,340 bytes, plus about 5 * 600 bytes of connection objects
    /// (each field a 12-byte block on nanoFramework): under a third of an ESP32's 70–110 KB heap.
    /// </summary>
    public static class TcpBudget
    {
        /// <summary>Connections and listeners: FTP control + data (or its listener), one TCP socket or listener, SMTP/POP3, one spare for a slot in TIME-WAIT.</summary>
        public const int Slots = 5;

        /// <summary>Per slot: two full 1460-byte segments, so one can be in flight while the next waits for its ACK (the data pump refills as ACKs come).</summary>
        public const int SendBufferBytes = 2920;

        /// <summary>Per slot: the receive window we offer. One full segment plus room to keep reading while the app empties it; a GPRS link (≈ 5 KB/s) does not need more than its round trip × rate ≈ 2–5 KB.</summary>
        public const int ReceiveBufferBytes = 2048;

        /// <summary>The one segment buffer shared by all slots: a 1500-byte datagram (IP header room included).</summary>
        public const int SegmentBufferBytes = 1500;

        /// <summary>Sum of the above for <see cref="Slots"/> slots.</summary>
        public const int Total = Slots * (SendBufferBytes + ReceiveBufferBytes) + SegmentBufferBytes;
    }
}
