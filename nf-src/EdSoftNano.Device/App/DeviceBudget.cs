using EdSoftNano.App;

namespace EdSoftNano.Device.App
{
    /// <summary>
    /// The buffers the device bindings allocate at start-up, on top of the core's
    /// <see cref="Budget"/>. Nothing on the device allocates per byte or per packet after these.
    /// </summary>
    public static class DeviceBudget
    {
        /// <summary>Receive ring of the host UART (bytes the main loop has not taken yet).</summary>
        public const int HostRing = 1024;

        /// <summary>Receive ring of the modem UART (a data call delivers bursts).</summary>
        public const int ModemRing = 2048;

        /// <summary>One read from a SerialPort by a receive thread, per port.</summary>
        public const int ReceiveChunk = 256;

        /// <summary>Native receive buffer requested from each SerialPort (ReadBufferSize, set before Open).</summary>
        public const int NativeReadBuffer = 1024;

        /// <summary>Managed bytes the bindings allocate: both rings and both chunks.</summary>
        public const int Total = HostRing + ModemRing + 2 * ReceiveChunk;

        /// <summary>Handles of the board's socket table (NanoNetStack), on boards with an IP network.</summary>
        public const int NetSockets = 8;

        /// <summary>Largest UDP datagram the board's sockets receive whole: one Ethernet/Wi-Fi frame's payload.</summary>
        public const int NetDatagram = 1472;

        /// <summary>UDP sockets open at once (two DNS queries and the UDP service), each lent one datagram buffer.</summary>
        public const int NetDatagramBuffers = 3;

        /// <summary>The DNS resolver's message buffer (DnsMessage.MaxUdpLength).</summary>
        public const int NetDnsMessage = 512;

        /// <summary>Managed bytes of the socket bindings, allocated only on a board with an IP network.</summary>
        public const int Network = NetDatagramBuffers * NetDatagram + NetDnsMessage;

        /// <summary>Managed bytes the firmware allocates at start-up: the core's budget and the bindings' (without <see cref="Network"/>).</summary>
        public const int Firmware = Budget.Total + Total;
    }
}
