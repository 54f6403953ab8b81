using System.IO.Ports;
using EdSoftNano.Device.App;
using EdSoftNano.Device.Boards;

namespace EdSoftNano.Device.Ports
{
    /// <summary>Builds the <see cref="SerialByteLink"/> of a board UART: 8N1, RTS/CTS where both are wired.</summary>
    public static class SerialPorts
    {
        /// <summary>Read timeout of the port; the receive thread only asks for bytes that are already there.</summary>
        public const int ReadTimeoutMs = 200;

        /// <summary>
        /// A configured, unopened link on <paramref name="uart"/> with a receive ring of
        /// <paramref name="ringSize"/> bytes (allocated here, once, at start-up). On ESP32 map the
        /// pins before opening it.
        /// </summary>
        public static SerialByteLink Create(UartPins uart, int ringSize)
        {
            SerialPort port = new SerialPort(uart.PortName, uart.BaudRate, Parity.None, 8, StopBits.One);
            port.Handshake = uart.HasHardwareHandshake ? Handshake.RequestToSend : Handshake.None;
            port.ReadBufferSize = DeviceBudget.NativeReadBuffer;
            port.ReadTimeout = ReadTimeoutMs;
            return new SerialByteLink(port, new byte[ringSize], new byte[DeviceBudget.ReceiveChunk]);
        }
    }
}
