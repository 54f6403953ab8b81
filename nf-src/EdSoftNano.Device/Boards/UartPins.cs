namespace EdSoftNano.Device.Boards
{
    /// <summary>
    /// One UART as a board wires it: the nanoFramework port name, the baud rate and the pins.
    /// On ESP32 the app maps the pins itself (Configuration.SetPinFunction); on STM32 the target's
    /// firmware fixes them and the pin numbers here only document the wiring.
    /// </summary>
    public sealed class UartPins
    {
        /// <summary>A line that is not wired.</summary>
        public const int None = -1;

        /// <summary>Port name for <c>System.IO.Ports.SerialPort</c> ("COM2").</summary>
        public readonly string PortName;

        public readonly int BaudRate;

        /// <summary>Pin numbers as the target counts them (ESP32: GPIO number; STM32: port * 16 + pin).</summary>
        public readonly int TxPin;

        public readonly int RxPin;

        /// <summary>Our RTS output, asserted while we can take more bytes (wired to the peer's CTS), or <see cref="None"/>.</summary>
        public readonly int RtsPin;

        /// <summary>Our CTS input: we send only while the peer asserts it (wired to the peer's RTS), or <see cref="None"/>.</summary>
        public readonly int CtsPin;

        /// <summary>True when the app maps the pins (ESP32); false when the firmware fixes them (STM32).</summary>
        public readonly bool MappedByApp;

        public UartPins(string portName, int baudRate, int txPin, int rxPin, int rtsPin, int ctsPin, bool mappedByApp)
        {
            PortName = portName;
            BaudRate = baudRate;
            TxPin = txPin;
            RxPin = rxPin;
            RtsPin = rtsPin;
            CtsPin = ctsPin;
            MappedByApp = mappedByApp;
        }

        /// <summary>True when both RTS and CTS are wired, so the port runs with hardware flow control.</summary>
        public bool HasHardwareHandshake => RtsPin != None && CtsPin != None;
    }
}
