using EdSoftNano.At;
using EdSoftNano.DataMode;
using EdSoftNano.Ports;

namespace EdSoftNano.Services.Tcp
{
    /// <summary>
    /// The data connection of one TCP socket: a <see cref="SocketConnection"/> that also tells a
    /// peer's FIN that cut the host's data short (host bytes still waiting to leave) from an
    /// orderly end. The first is the spec 9.2 error 37966 "TCP session closed by peer (FIN received
    /// from peer)"; the second is the quiet ETX, Ok_Info_SocketClosed, OK of spec 5.2 / 5.4.
    /// </summary>
    public sealed class TcpDataConnection : IDataConnection
    {
        private readonly SocketConnection _socket = new SocketConnection();
        private readonly DataPump _pump;
        private int _error;

        /// <param name="pump">The pump this connection runs in, asked whether host bytes are still held.</param>
        public TcpDataConnection(DataPump pump)
        {
            _pump = pump;
        }

        /// <inheritdoc />
        public int Error => _error != ErrorCodes.None ? _error : _socket.Error;

        /// <summary>Carries the connected TCP socket <paramref name="socket"/>.</summary>
        public void Attach(INetStack stack, int socket)
        {
            _socket.Attach(stack, socket);
            _error = ErrorCodes.None;
        }

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count)
        {
            int n = _socket.Receive(buffer, offset, count);
            if (n < 0 && _socket.Error == ErrorCodes.None && _pump.PendingToNetwork > 0)
            {
                // The peer left before the host's last bytes went out: they are lost, say so.
                _error = ErrorCodes.ClosedByPeer;
            }

            return n;
        }

        /// <inheritdoc />
        public int Send(byte[] buffer, int offset, int count) => _socket.Send(buffer, offset, count);

        /// <inheritdoc />
        public void Close() => _socket.Close();
    }
}
