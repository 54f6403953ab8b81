using EdSoftNano.At;
using EdSoftNano.Ports;

namespace EdSoftNano.Services.Ftp
{
    /// <summary>
    /// The FTP control connection over one <see cref="INetStack"/> TCP socket: writes command
    /// lines ("USER name" CR LF) and reads replies through a <see cref="FtpReplyParser"/>. Both
    /// buffers are allocated once; a command is copied into its buffer, never built as a string.
    /// </summary>
    public sealed class FtpControl
    {
        /// <summary>The longest command line: "STOR " + a 120-character name + CR LF, with slack.</summary>
        public const int CommandCapacity = 136;

        /// <summary>One read of control bytes.</summary>
        public const int ReceiveCapacity = 256;

        private readonly byte[] _out = new byte[CommandCapacity];
        private readonly byte[] _in = new byte[ReceiveCapacity];
        private readonly FtpReplyParser _parser = new FtpReplyParser();
        private INetStack _net;
        private int _socket;
        private int _outOffset;
        private int _outCount;
        private int _inOffset;
        private int _inCount;
        private int _error;

        /// <summary>The spec 9.2 code once <see cref="PollReply"/> returned -1 (37966 when the server closed).</summary>
        public int Error => _error;

        /// <summary>Where the TCP connection stands (Connecting until the server accepts).</summary>
        public SocketState State => _socket > 0 ? _net.State(_socket) : SocketState.Free;

        /// <summary>The failure code of the socket (refused: 38016, no answer: 37964).</summary>
        public int SocketError => _socket > 0 ? _net.Error(_socket) : ErrorCodes.None;

        /// <summary>The last line of the reply <see cref="PollReply"/> returned (for 227).</summary>
        public byte[] ReplyLine => _parser.Line;

        /// <summary>Valid bytes of <see cref="ReplyLine"/>.</summary>
        public int ReplyLineLength => _parser.LineLength;

        /// <summary>Starts connecting to the server; false when the stack has no free socket.</summary>
        public bool Open(INetStack net, uint address, int port)
        {
            Close();
            _net = net;
            _parser.Reset();
            _outCount = 0;
            _inCount = 0;
            _error = ErrorCodes.None;
            _socket = net.TcpConnect(address, port);
            return _socket > 0;
        }

        /// <summary>The server's address as the control connection reached it.</summary>
        public bool GetServer(out uint address)
        {
            address = 0;
            return _socket > 0 && _net.GetRemote(_socket, out address, out int port);
        }

        /// <summary>
        /// Queues "<paramref name="verb"/> <paramref name="argument"/>" CR LF (argument may be null)
        /// and starts sending it; false when it does not fit the buffer.
        /// </summary>
        public bool Send(string verb, string argument)
        {
            int length = verb.Length + (argument == null ? 0 : argument.Length + 1) + 2;
            if (length > CommandCapacity || _socket <= 0)
            {
                return false;
            }

            int n = Copy(verb, 0);
            if (argument != null)
            {
                _out[n++] = (byte)' ';
                n = Copy(argument, n);
            }

            _out[n++] = (byte)'\r';
            _out[n++] = (byte)'\n';
            _outOffset = 0;
            _outCount = n;
            SendPending();
            return true;
        }

        /// <summary>
        /// Moves the command out and the replies in. Returns the code of the next complete reply,
        /// 0 while none is complete, -1 when the connection ended or failed (<see cref="Error"/>).
        /// </summary>
        public int PollReply()
        {
            if (_socket <= 0)
            {
                return Ended();
            }

            if (!SendPending())
            {
                return Ended();
            }

            while (true)
            {
                if (_inCount > 0)
                {
                    int used = _parser.Feed(_in, _inOffset, _inCount);
                    _inOffset += used;
                    _inCount -= used;
                    if (_parser.Code != 0)
                    {
                        return _parser.Code;
                    }
                }

                int n = _net.Receive(_socket, _in, 0, _in.Length);
                if (n == 0)
                {
                    return 0;
                }

                if (n < 0)
                {
                    return Ended();
                }

                _inOffset = 0;
                _inCount = n;
            }
        }

        /// <summary>Closes the connection (queued bytes, such as QUIT, still go out first); idempotent.</summary>
        public void Close()
        {
            if (_socket > 0)
            {
                _net.Close(_socket);
            }

            _socket = 0;
        }

        private bool SendPending()
        {
            while (_outCount > 0)
            {
                int n = _net.Send(_socket, _out, _outOffset, _outCount);
                if (n < 0)
                {
                    return false;
                }

                if (n == 0)
                {
                    return true;
                }

                _outOffset += n;
                _outCount -= n;
            }

            return true;
        }

        private int Ended()
        {
            if (_error == ErrorCodes.None)
            {
                int code = SocketError;
                _error = code == ErrorCodes.None ? ErrorCodes.ClosedByPeer : code;
            }

            return -1;
        }

        private int Copy(string text, int at)
        {
            for (int i = 0; i < text.Length; i++)
            {
                _out[at++] = (byte)text[i];
            }

            return at;
        }
    }
}
