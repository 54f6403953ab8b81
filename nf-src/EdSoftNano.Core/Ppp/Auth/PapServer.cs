namespace EdSoftNano.Ppp.Auth
{
    /// <summary>
    /// PAP as the authenticator (RFC 1334 2): checks the peer's Authenticate-Request against the
    /// expected Peer-ID and Password (PPPSERVUN/PPPSERVPW) and answers Authenticate-Ack or -Nak with
    /// the request's Identifier. The first request decides; a repeated request (our Ack was lost)
    /// gets the same answer again. Gives up when no request arrives within the wait time.
    /// </summary>
    public sealed class PapServer : IAuthProtocol
    {
        private static readonly byte[] _okMessage = { (byte)'L', (byte)'o', (byte)'g', (byte)'i', (byte)'n', (byte)' ', (byte)'o', (byte)'k' };
        private static readonly byte[] _badMessage = { (byte)'L', (byte)'o', (byte)'g', (byte)'i', (byte)'n', (byte)' ', (byte)'i', (byte)'n', (byte)'c', (byte)'o', (byte)'r', (byte)'r', (byte)'e', (byte)'c', (byte)'t' };

        private readonly IPppPacketOutput _output;
        private readonly byte[] _tx;
        private readonly byte[] _user = new byte[AuthCodec.MaxText];
        private readonly byte[] _password = new byte[AuthCodec.MaxText];
        private int _userLength;
        private int _passwordLength;
        private int _waitMs = AuthCodec.DefaultRestartMs * AuthCodec.DefaultMaxTransmits;
        private AuthResult _result;
        private bool _timerRunning;
        private long _deadline;
        private int _requests;

        /// <summary>Creates the server; it builds its answers in <paramref name="txBuffer"/> (at least 20 bytes, may be shared with the other roles).</summary>
        public PapServer(IPppPacketOutput output, byte[] txBuffer)
        {
            _output = output;
            _tx = txBuffer;
        }

        /// <summary>The Peer-ID and Password the peer must send (copied, no allocation).</summary>
        public void SetCredentials(string user, string password)
        {
            _userLength = AuthCodec.CopyText(user, _user);
            _passwordLength = AuthCodec.CopyText(password, _password);
        }

        /// <summary>Sets how long to wait for the peer's first request.</summary>
        public void Configure(int waitMs)
        {
            _waitMs = waitMs;
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

        /// <summary>Well-formed Authenticate-Requests received since <see cref="Start"/>.</summary>
        public int RequestsReceived => _requests;

        /// <inheritdoc/>
        public void Start(long nowMs)
        {
            _result = AuthResult.Pending;
            _requests = 0;
            _deadline = nowMs + _waitMs;
            _timerRunning = true;
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
            if (_timerRunning && nowMs - _deadline >= 0)
            {
                _timerRunning = false;
                _result = AuthResult.TimedOut;
            }
        }

        /// <inheritdoc/>
        public void Receive(long nowMs, byte[] packet, int offset, int count)
        {
            int length = AuthCodec.CheckedLength(packet, offset, count);
            if (length < 0 || packet[offset] != AuthCodec.PapRequest || _result == AuthResult.Idle || _result == AuthResult.TimedOut)
            {
                return;
            }

            // RFC 1334 2.2.1: Peer-ID Length, Peer-ID, Passwd-Length, Password, all inside Length.
            int end = offset + length;
            int p = offset + AuthCodec.HeaderLength;
            if (p >= end)
            {
                return;
            }

            int userLength = packet[p++];
            int user = p;
            p += userLength;
            if (p >= end)
            {
                return;
            }

            int passwordLength = packet[p++];
            int password = p;
            if (p + passwordLength > end)
            {
                return;
            }

            _requests++;
            if (_result == AuthResult.Pending)
            {
                bool userOk = AuthCodec.SameBytes(packet, user, userLength, _user, 0, _userLength);
                bool passwordOk = AuthCodec.SameBytes(packet, password, passwordLength, _password, 0, _passwordLength);
                _timerRunning = false;
                _result = userOk & passwordOk ? AuthResult.Succeeded : AuthResult.Rejected;
            }

            bool ack = _result == AuthResult.Succeeded;
            byte[] message = ack ? _okMessage : _badMessage;
            byte[] tx = _tx;
            int o = AuthCodec.HeaderLength;
            tx[o++] = (byte)message.Length;
            System.Array.Copy(message, 0, tx, o, message.Length);
            o += message.Length;
            AuthCodec.WriteHeader(tx, 0, ack ? AuthCodec.PapAck : AuthCodec.PapNak, packet[offset + 1], o);
            _output.Send(PppProtocol.Pap, tx, 0, o);
        }
    }
}
