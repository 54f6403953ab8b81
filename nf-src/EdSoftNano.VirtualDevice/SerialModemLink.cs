using System;
using System.IO.Ports;
using EdSoftNano.Ports;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>A real modem on a serial port (8N1, RTS/CTS), for --modem serial:DEVICE@BAUD.</summary>
    internal sealed class SerialModemLink : IByteLink, IDisposable
    {
        private readonly SerialPort _port;
        private readonly StreamLink _link;

        public SerialModemLink(string device, int baud)
        {
            _port = new SerialPort(device, baud, Parity.None, 8, StopBits.One) { Handshake = Handshake.RequestToSend };
            _port.Open();
            _link = new StreamLink(_port.BaseStream, _port.BaseStream);
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => _link.Read(buffer, offset, count, timeoutMs);

        public void Write(byte[] buffer, int offset, int count) => _link.Write(buffer, offset, count);

        public void Dispose() => _port.Dispose();
    }
}
