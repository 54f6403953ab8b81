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

        /// <summary>Work buffer of the parameter flash store: one bank.</summary>
        public const int FlashBank = 8192;

        /// <summary>Sum of the buffers above, in bytes.</summary>
        public const int Total = HostRead + HostWrite + CommandLine + TextEntry + ModemIo + FlashBank;
    }
}
