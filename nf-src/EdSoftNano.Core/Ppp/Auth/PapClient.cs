namespace EdSoftNano.Ppp.Auth
{
    /// <summary>
    /// PAP as the peer that authenticates itself (RFC 1334 2): sends Authenticate-Request with the
    /// Peer-ID and Password the caller chose (ISPUN/ISPPW for GSM, APNUN/APNPW for GPRS), with a new
    /// Identifier on each transmission, every restart period until an Ack or Nak of the current
    /// Identifier arrives or the count runs out.
    /// </summary>
    public sealed class PapClient : IAuthProtocol
    {
        private readonly IPppPacketOutput _output;
        private readonly byte[] _tx;
        private readonly byte[] _user = new byte[AuthCodec.MaxText];
        private readonly byte[] _password = new byte[AuthCodec.MaxText];
        private int _userLength;
        private int _passwordLength;
        private int _restartMs = AuthCodec.DefaultRestartMs;
        private int _maxRequests = AuthCodec.DefaultMaxTransmits;
        private AuthResult _result;
        private int _id;
        private int _sent;
        private bool _timerRunning;
        private long _deadline;

        /// <summary>Creates the client; it builds its packets in <paramref name="txBuffer"/> (at least <see cref="AuthCodec.TxBufferLength"/>, may be shared with the other roles).</summary>
        public PapClient(IPppPacketOutput output, byte[] txBuffer)
        {
            _output = output;
            _tx = txBuffer;
        }

        /// <summary>Peer-ID and Password to send (each at most 255 characters; copied, no allocation).</summary>
        public void SetCredentials(string user, string password)
        {
            _userLength = AuthCodec.CopyText(user, _user);
            _passwordLength = AuthCodec.CopyText(password, _password);
        }

        /// <summary>Sets the restart period and how many requests are sent before giving up.</summary>
        public void Configure(int restartMs, int maxRequests)
        {
            _restartMs = restartMs;
            _maxRequests = maxRequests < 1 ? 1 : maxRequests;
        }

        /// <inheritdoc/>
        public int Protocol => PppProtocol.Pap;

        /// <inheritdoc/>
        public AuthResult Result => _result;

        /// <inheritdoc/>
        public bool Succeeded => _result == AuthResult.Succeeded;

        /// <inheritdoc/>
        public bool Failed => _result == AuthResult.Rejected || _result == AuthResult.TimedOut;

        /// <inheritdoc/>
        public long NextDeadlineMs => _timerRunning ? _deadline : long.MaxValue;

        /// <summary>Authenticate-Requests sent since <see cref="Start"/>.</summary>
        public int RequestsSent => _sent;

        /// <summary>Identifier of the last Authenticate-Request.</summary>
        public int LastId => _id;

        /// <inheritdoc/>
        public void Start(long nowMs)
        {
            _result = AuthResult.Pending;
            _sent = 0;
            SendRequest(nowMs);
        }

        /// <inheritdoc/>
        public void Stop()
        {
            _result = AuthResult.Idle;
            _timerRunning = false;
        }

        /// <inheritdoc/>
        public void Poll(long nowMs)
        {
            if (!_timerRunning || nowMs - _deadline < 0)
            {
                return;
            }

            if (_sent >= _maxRequests)
            {
                _timerRunning = false;
                _result = AuthResult.TimedOut;
                return;
            }

            SendRequest(nowMs);
        }

        /// <inheritdoc/>
        public void Receive(long nowMs, byte[] packet, int offset, int count)
        {
            if (_result != AuthResult.Pending || AuthCodec.CheckedLength(packet, offset, count) < 0)
            {
                return;
            }

            int code = packet[offset];
            if (packet[offset + 1] != _id || (code != AuthCodec.PapAck && code != AuthCodec.PapNak))
            {
                return;
            }

            _timerRunning = false;
            _result = code == AuthCodec.PapAck ? AuthResult.Succeeded : AuthResult.Rejected;
        }

        // RFC 1334 2.2.1: Code, Identifier, Length, Peer-ID Length, Peer-ID, Passwd-Length, Password.
        private void SendRequest(long nowMs)
        {
            _id = (_id + 1) & 0xFF;
            byte[] tx = _tx;
            int o = AuthCodec.HeaderLength;
            tx[o++] = (byte)_userLength;
            System.Array.Copy(_user, 0, tx, o, _userLength);
            o += _userLength;
            tx[o++] = (byte)_passwordLength;
            System.Array.Copy(_password, 0, tx, o, _passwordLength);
            o += _passwordLength;
            AuthCodec.WriteHeader(tx, 0, AuthCodec.PapRequest, _id, o);
            _sent++;
            _deadline = nowMs + _restartMs;
            _timerRunning = true;
            _output.Send(PppProtocol.Pap, tx, 0, o);
        }
    }
}
