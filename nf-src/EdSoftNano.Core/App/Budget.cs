namespace EdSoftNano.App
{
    /// <summary>
    /// Every buffer the firmware allocates, with its size. All are allocated once, by
    /// <see cref="Firmware"/> at start-up, and handed to their users through constructors.
    /// </summary>
    public static class Budget
    {
        /// <summary>One read from the host UART.</summary>
        public const int HostRead = 256;

        /// <summary>Responses and echo on their way to the host UART.</summary>
        public const int HostWrite = 512;

        /// <summary>Input limit of a command line after "AT" (longer → #CME ERROR: 34881).</summary>
        public const int CommandLine = 255;

        /// <summary>Multi-line entries: 10 addresses of 120 characters and their separators (BODYi needs 120).</summary>
        public const int TextEntry = 10 * 121;

        /// <summary>One read from or write to the modem UART.</summary>
        public const int ModemIo = 256;

        /// <summary>One line from the modem (longer lines are passed on as text, not interpreted).</summary>
        public const int ModemLine = 128;

        /// <summary>One flash bank and the store's work buffer: the largest image (six full address lists) is 11,760 bytes.</summary>
        public const int FlashBank = 12288;

        /// <summary>Host → network data mode ring: two full frames (2 × 1460) and slack, so the host keeps streaming while one waits for the connection.</summary>
        public const int HostToNetworkRing = 3072;

        /// <summary>Network → host data mode ring: over a segment; while it is full the socket is not read and the peer's window closes.</summary>
        public const int NetworkToHostRing = 2048;

        /// <summary>Largest frame handed to a connection: the TCP MSS on a 1500-byte MTU, and the UDP datagram cap (not a buffer).</summary>
        public const int DataFrame = 1460;

        /// <summary>Data pump work buffer: escaped output for the host UART, or a frame that wraps the ring end made contiguous.</summary>
        public const int DataScratch = DataFrame;

        /// <summary>Sum of the buffers above, in bytes.</summary>
        public const int Total = HostRead + HostWrite + CommandLine + TextEntry + ModemIo + ModemLine + FlashBank
            + HostToNetworkRing + NetworkToHostRing + DataScratch;
    }
}
