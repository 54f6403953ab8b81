namespace EdSoftNano.Ppp.Auth
{
    /// <summary>
    /// CHAP with MD5 (RFC 1994, algorithm 5) as the authenticator: sends a Challenge of 16
    /// pseudo-random octets (from the caller's seed mixed with the clock) with a new Identifier every
    /// restart period until a Response of the current Identifier arrives or the count runs out;
    /// checks Name and Value against PPPSERVUN and MD5(id || PPPSERVPW || challenge) and answers
    /// Success or Failure. Per RFC 1994 4.1, a repeated Response of the current Identifier after the
    /// verdict gets the same code again.
    /// </summary>
    public sealed class ChapServer : IAuthProtocol
    {
        /// <summary>Length of our Challenge value.</summary>
        public const int ChallengeLength = 16;

        private static readonly byte[] _okMessage = { (byte)'W', (byte)'e', (byte)'l', (byte)'c', (byte)'o', (byte)'m', (byte)'e' };
        private static readonly byte[] _badMessage = { (byte)'A', (byte)'c', (byte)'c', (byte)'e', (byte)'s', (byte)'s', (byte)' ', (byte)'d', (byte)'e', (byte)'n', (byte)'i', (byte)'e', (byte)'d' };

        private readonly IPppPacketOutput _output;
        private readonly byte[] _tx;
        private readonly Md5 _md5;
        private readonly byte[] _localName = new byte[AuthCodec.MaxText];
        private readonly byte[] _peerName = new byte[AuthCodec.MaxText];
        private readonly byte[] _secret = new byte[AuthCodec.MaxText];
        private readonly byte[] _challenge = new byte[ChallengeLength];
        private readonly byte[] _expected = new byte[Md5.DigestLength];
        private int _localNameLength;
        private int _peerNameLength;
        private int _secretLength;
        private int _restartMs = AuthCodec.DefaultRestartMs;
        private int _maxChallenges = AuthCodec.DefaultMaxTransmits;
        private uint _random;
        private AuthResult _result;
        private int _id;
        private int _sent;
        private bool _timerRunning;
        private long _deadline;
        private bool _judging;

        /// <summary>
        /// Creates the server; it builds its packets in <paramref name="txBuffer"/> (at least
        /// <see cref="AuthCodec.TxBufferLength"/>, may be shared), hashes with <paramref name="md5"/>
        /// (may be shared; null: one of its own) and seeds its challenge generator with
        /// <paramref name="seed"/> (should differ per boot and device, e.g. a tick count mixed with a serial number).
        /// </summary>
        public ChapServer(IPppPacketOutput output, byte[] txBuffer, Md5 md5, uint seed)
        {
            _output = output;
            _tx = txBuffer;
            _md5 = md5 ?? new Md5();
            _random = seed == 0 ? 0x2545F491 : seed;
            _localNameLength = AuthCodec.CopyText("EdSoftNano", _localName);
        }

        /// <summary>The Name the peer must send (empty: any) and the shared secret (copied, no allocation).</summary>
        public void SetCredentials(string peerName, string secret)
        {
            _peerNameLength = AuthCodec.CopyText(peerName, _peerName);
            _secretLength = AuthCodec.CopyText(secret, _secret);
        }

        /// <summary>The Name we put in our Challenges (default "EdSoftNano").</summary>
        public void SetLocalName(string name)
        {
            _localNameLength = AuthCodec.CopyText(name, _localName);
        }

        /// <summary>Sets the restart period and how many Challenges are sent before giving up.</summary>
        public void Configure(int restartMs, int maxChallenges)
        {
            _restartMs = restartMs;
            _maxChallenges = maxChallenges < 1 ? 1 : maxChallenges;
        }

        /// <inheritdoc/>
        public int Protocol => PppProtocol.Chap;

        /// <inheritdoc/>
        public AuthResult Result => _result;

        /// <inheritdoc/>
        public bool Succeeded => _result == AuthResult.Succeeded;

        /// <inheritdoc/>
        public bool Failed => _result == AuthResult.Rejected || _result == AuthResult.TimedOut;

        /// <inheritdoc/>
        public long NextDeadlineMs => _timerRunning ? _deadline : long.MaxValue;

        /// <summary>Challenges sent since <see cref="Start"/>.</summary>
        public int ChallengesSent => _sent;

        /// <summary>Identifier of the current Challenge.</summary>
        public int ChallengeId => _id;

        /// <summary>Copies the current Challenge value (16 bytes) to dst[offset].</summary>
        public void CopyChallenge(byte[] dst, int offset)
        {
            System.Array.Copy(_challenge, 0, dst, offset, ChallengeLength);
        }

        /// <inheritdoc/>
        public void Start(long nowMs)
        {
            _result = AuthResult.Pending;
            _sent = 0;
            SendChallenge(nowMs);
        }

        /// <summary>
        /// Challenges again after <see cref="AuthResult.Succeeded"/> (RFC 1994 2: at any time during the
        /// network phase). The result stays Succeeded until the answer: a wrong Response gives Rejected,
        /// none within the count TimedOut. Ignored in any other state.
        /// </summary>
        public void Rechallenge(long nowMs)
        {
            if (_result == AuthResult.Succeeded)
            {
                _sent = 0;
                SendChallenge(nowMs);
            }
        }

        /// <inheritdoc/>
        public void Stop()
        {
            _result = AuthResult.Idle;
            _timerRunning = false;
            _judging = false;
        }

        /// <inheritdoc/>
        public void Poll(long nowMs)
        {
            if (!_timerRunning || nowMs - _deadline < 0)
            {
                return;
            }

            if (_sent >= _maxChallenges)
            {
                _timerRunning = false;
                _judging = false;
                _result = AuthResult.TimedOut;
                return;
            }

            SendChallenge(nowMs);
        }

        /// <inheritdoc/>
        public void Receive(long nowMs, byte[] packet, int offset, int count)
        {
            int length = AuthCodec.CheckedLength(packet, offset, count);
            if (length < AuthCodec.HeaderLength + 1 || packet[offset] != AuthCodec.ChapResponse
                || packet[offset + 1] != _id || _result == AuthResult.Idle || _result == AuthResult.TimedOut)
            {
                return;
            }

            int valueSize = packet[offset + AuthCodec.HeaderLength];
            int value = offset + AuthCodec.HeaderLength + 1;
            int name = value + valueSize;
            int nameLength = offset + length - name;
            if (nameLength < 0)
            {
                return;
            }

            if (_judging)
            {
                _judging = false;
                bool valueOk = AuthCodec.SameBytes(packet, value, valueSize, _expected, 0, Md5.DigestLength);
                bool nameOk = _peerNameLength == 0 || AuthCodec.SameBytes(packet, name, nameLength, _peerName, 0, _peerNameLength);
                _timerRunning = false;
                _result = valueOk & nameOk ? AuthResult.Succeeded : AuthResult.Rejected;
            }

            // RFC 1994 4.2: Code, Identifier, Length, Message.
            bool ok = _result == AuthResult.Succeeded;
            byte[] message = ok ? _okMessage : _badMessage;
            byte[] tx = _tx;
            System.Array.Copy(message, 0, tx, AuthCodec.HeaderLength, message.Length);
            int o = AuthCodec.HeaderLength + message.Length;
            AuthCodec.WriteHeader(tx, 0, ok ? AuthCodec.ChapSuccess : AuthCodec.ChapFailure, _id, o);
            _output.Send(PppProtocol.Chap, tx, 0, o);
        }

        // RFC 1994 4.1: a new Identifier and a new value for every Challenge sent.
        private void SendChallenge(long nowMs)
        {
            _id = (_id + 1) & 0xFF;
            uint r = _random ^ (uint)nowMs ^ ((uint)(nowMs >> 32) * 0x9E3779B9);
            if (r == 0)
            {
                r = 0x2545F491;
            }

            for (int i = 0; i < ChallengeLength; i += 4)
            {
                r ^= r << 13;
                r ^= r >> 17;
                r ^= r << 5;
                _challenge[i] = (byte)r;
                _challenge[i + 1] = (byte)(r >> 8);
                _challenge[i + 2] = (byte)(r >> 16);
                _challenge[i + 3] = (byte)(r >> 24);
            }

            _random = r;
            ChapClient.ComputeResponse(_md5, _id, _secret, 0, _secretLength, _challenge, 0, ChallengeLength, _expected, 0);

            byte[] tx = _tx;
            int o = AuthCodec.HeaderLength;
            tx[o++] = ChallengeLength;
            System.Array.Copy(_challenge, 0, tx, o, ChallengeLength);
            o += ChallengeLength;
            System.Array.Copy(_localName, 0, tx, o, _localNameLength);
            o += _localNameLength;
            AuthCodec.WriteHeader(tx, 0, AuthCodec.ChapChallenge, _id, o);
            _sent++;
            _judging = true;
            _deadline = nowMs + _restartMs;
            _timerRunning = true;
            _output.Send(PppProtocol.Chap, tx, 0, o);
        }
    }
}
