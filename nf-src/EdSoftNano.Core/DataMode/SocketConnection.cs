using EdSoftNano.At;
using EdSoftNano.Ports;

namespace EdSoftNano.DataMode
{
    /// <summary>
    /// The <see cref="IDataConnection"/> of one <see cref="INetStack"/> socket, for the pump: a TCP
    /// connection, a connected UDP socket, or a UDP socket talking to one peer it learnt (the first
    /// sender in #LUDPSTART). One instance is reused for every session (<see cref="Attach"/>);
    /// nothing is allocated per call.
    /// </summary>
    public sealed class SocketConnection : IDataConnection
    {
        private INetStack _stack;
        private int _socket;
        private bool _toPeer;
        private uint _peerAddress;
        private int _peerPort;
        private int _error;

        /// <summary>The socket handle in use, 0 when detached or closed.</summary>
        public int Socket => _socket;

        /// <inheritdoc />
        public int Error => _error;

        /// <summary>Carries the connected socket <paramref name="socket"/> (TCP, or UDP from UdpConnect).</summary>
        public void Attach(INetStack stack, int socket)
        {
            _stack = stack;
            _socket = socket;
            _toPeer = false;
            _error = ErrorCodes.None;
        }

        /// <summary>
        /// Carries an unconnected UDP socket as a session with one peer: sends go to it, and
        /// datagrams from anyone else are read and dropped.
        /// </summary>
        public void AttachToPeer(INetStack stack, int socket, uint address, int port)
        {
            Attach(stack, socket);
            _toPeer = true;
            _peerAddress = address;
            _peerPort = port;
        }

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count)
        {
            if (_socket == 0)
            {
                return Ended();
            }

            if (!_toPeer)
            {
                int n = _stack.Receive(_socket, buffer, offset, count);
                return n < 0 ? Ended() : n;
            }

            while (true)
            {
                int n = _stack.ReceiveFrom(_socket, buffer, offset, count, out uint address, out int port);
                if (n < 0)
                {
                    return Ended();
                }

                if (n == 0 || (address == _peerAddress && port == _peerPort))
                {
                    return n;
                }

                // A stranger's datagram: the caller's free space served as scratch; read on.
            }
        }

        /// <inheritdoc />
        public int Send(byte[] buffer, int offset, int count)
        {
            if (_socket == 0)
            {
                return Ended();
            }

            int n = _toPeer
                ? _stack.SendTo(_socket, buffer, offset, count, _peerAddress, _peerPort)
                : _stack.Send(_socket, buffer, offset, count);
            return n < 0 ? Ended() : n;
        }

        /// <inheritdoc />
        public void Close()
        {
            if (_socket != 0)
            {
                _stack.Close(_socket);
                _socket = 0;
            }
        }

        // A -1 for the pump, with the stack's reason: 0 for an orderly end by the peer.
        private int Ended()
        {
            if (_socket != 0 && _error == ErrorCodes.None)
            {
                _error = _stack.Error(_socket);
            }

            return -1;
        }
    }
}
