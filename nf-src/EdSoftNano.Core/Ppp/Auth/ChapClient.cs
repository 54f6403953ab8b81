namespace EdSoftNano.Ppp.Auth
{
    /// <summary>
    /// CHAP with MD5 (RFC 1994, algorithm 5) as the peer being authenticated: answers every
    /// Challenge with Response = MD5(Identifier || secret || Challenge-Value) and our Name
    /// (ISPUN/APNUN), and takes Success or Failure of the Identifier last answered. Challenges after
    /// Success (periodic re-authentication) are answered too; a Failure then ends in
    /// <see cref="AuthResult.Rejected"/>. The authenticator retransmits, so the client only waits: no
    /// verdict within the wait time gives <see cref="AuthResult.TimedOut"/>.
    /// </summary>
    public sealed class ChapClient : IAuthProtocol
    {
        private readonly IPppPacketOutput _output;
        private readonly byte[] _tx;
        private readonly Md5 _md5;
        private readonly byte[] _name = new byte[AuthCodec.MaxText];
        private readonly byte[] _secret = new byte[AuthCodec.MaxText];
        private int _nameLength;
        private int _secretLength;
        private int _waitMs = AuthCodec.DefaultRestartMs * AuthCodec.DefaultMaxTransmits;
        private AuthResult _result;
        private bool _timerRunning;
        private long _deadline;
        private int _responseId = -1;
        private int _responses;

        /// <summary>
        /// Creates the client; it builds its Responses in <paramref name="txBuffer"/> (at least
        /// <see cref="AuthCodec.TxBufferLength"/>, may be shared with the other roles) and hashes with
        /// <paramref name="md5"/> (may be shared; null: one of its own).
        /// </summary>
        public ChapClient(IPppPacketOutput output, byte[] txBuffer, Md5 md5)
        {
            _output = output;
            _tx = txBuffer;
            _md5 = md5 ?? new Md5();
        }

        /// <summary>Our Name and the shared secret (each at most 255 characters; copied, no allocation).</summary>
        public void SetCredentials(string name, string secret)
        {
            _nameLength = AuthCodec.CopyText(name, _name);
            _secretLength = AuthCodec.CopyText(secret, _secret);
        }

        /// <summary>Sets how long to wait for a verdict after <see cref="Start"/>.</summary>
        public void Configure(int waitMs)
        {
            _waitMs = waitMs;
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

        /// <summary>Responses sent since <see cref="Start"/>.</summary>
        public int ResponsesSent => _responses;

        /// <inheritdoc/>
        public void Start(long nowMs)
        {
            _result = AuthResult.Pending;
            _responseId = -1;
            _responses = 0;
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
            if (length < 0 || (_result != AuthResult.Pending && _result != AuthResult.Succeeded))
            {
                return;
            }

            int code = packet[offset];
            int id = packet[offset + 1];
            if (code == AuthCodec.ChapChallenge)
            {
                Answer(packet, offset, length, id);
                return;
            }

            if (id != _responseId)
            {
                return;
            }

            if (code == AuthCodec.ChapSuccess && _result == AuthResult.Pending)
            {
                _timerRunning = false;
                _result = AuthResult.Succeeded;
            }
            else if (code == AuthCodec.ChapFailure)
            {
                _timerRunning = false;
                _result = AuthResult.Rejected;
            }
        }

        /// <summary>
        /// Writes the CHAP-MD5 Response value of RFC 1994 4.1, MD5(id || secret || challenge), at
        /// digest[digestOffset, digestOffset + 16).
        /// </summary>
        public static void ComputeResponse(Md5 md5, int id, byte[] secret, int secretOffset, int secretLength,
            byte[] challenge, int challengeOffset, int challengeLength, byte[] digest, int digestOffset)
        {
            md5.Reset();
            md5.Update((byte)id);
            md5.Update(secret, secretOffset, secretLength);
            md5.Update(challenge, challengeOffset, challengeLength);
            md5.Final(digest, digestOffset);
        }

        // RFC 1994 4.1: Code, Identifier, Length, Value-Size, Value, Name.
        private void Answer(byte[] packet, int offset, int length, int id)
        {
            if (length < AuthCodec.HeaderLength + 1)
            {
                return;
            }

            int valueSize = packet[offset + AuthCodec.HeaderLength];
            if (valueSize == 0 || AuthCodec.HeaderLength + 1 + valueSize > length)
            {
                return;
            }

            byte[] tx = _tx;
            int o = AuthCodec.HeaderLength;
            tx[o++] = Md5.DigestLength;
            ComputeResponse(_md5, id, _secret, 0, _secretLength, packet, offset + AuthCodec.HeaderLength + 1, valueSize, tx, o);
            o += Md5.DigestLength;
            System.Array.Copy(_name, 0, tx, o, _nameLength);
            o += _nameLength;
            AuthCodec.WriteHeader(tx, 0, AuthCodec.ChapResponse, id, o);
            _responseId = id;
            _responses++;
            _output.Send(PppProtocol.Chap, tx, 0, o);
        }
    }
}
