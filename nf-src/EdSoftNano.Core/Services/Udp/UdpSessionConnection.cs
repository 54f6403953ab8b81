using EdSoftNano.DataMode;
using EdSoftNano.Ports;

namespace EdSoftNano.Services.Udp
{
    /// <summary>
    /// The data connection of a UDP session: a connected socket (#OUDP), or a listening socket
    /// locked onto its first allowed sender (#LUDPSTART). The listener had to read the start of
    /// that first datagram to learn who sent it; those bytes are handed to the pump first, the rest
    /// of the datagram follows from the stack (it is never cut, spec of INetStack.ReceiveFrom).
    /// </summary>
    public sealed class UdpSessionConnection : IDataConnection
    {
        private readonly SocketConnection _socket = new SocketConnection();
        private byte[] _held;
        private int _heldOffset;
        private int _heldCount;

        /// <inheritdoc />
        public int Error => _socket.Error;

        /// <summary>Carries a connected UDP socket (#OUDP).</summary>
        public void Attach(INetStack stack, int socket)
        {
            _socket.Attach(stack, socket);
            _heldCount = 0;
        }

        /// <summary>
        /// Carries a listening socket as a session with <paramref name="address"/>:<paramref name="port"/>,
        /// whose first <paramref name="count"/> bytes are already in <paramref name="held"/>.
        /// </summary>
        public void AttachToPeer(INetStack stack, int socket, uint address, int port, byte[] held, int count)
        {
            _socket.AttachToPeer(stack, socket, address, port);
            _held = held;
            _heldOffset = 0;
            _heldCount = count;
        }

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count)
        {
            if (_heldCount == 0)
            {
                return _socket.Receive(buffer, offset, count);
            }

            int n = count < _heldCount ? count : _heldCount;
            System.Array.Copy(_held, _heldOffset, buffer, offset, n);
            _heldOffset += n;
            _heldCount -= n;
            return n;
        }

        /// <inheritdoc />
        public int Send(byte[] buffer, int offset, int count) => _socket.Send(buffer, offset, count);

        /// <inheritdoc />
        public void Close()
        {
            _heldCount = 0;
            _socket.Close();
        }
    }
}
