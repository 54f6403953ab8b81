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

        /// <summary>Managed bytes the firmware allocates at start-up: the core's budget and the bindings'.</summary>
        public const int Firmware = Budget.Total + Total;
    }
}
