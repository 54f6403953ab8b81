namespace EdSoftNano.Ppp.Auth
{
    /// <summary>
    /// The authentication phase of a PPP session (RFC 1661 3.5): owns the four roles (PAP and CHAP,
    /// client and server) over one shared transmit buffer and one MD5, starts the ones LCP
    /// negotiated, routes PAP/CHAP packets by code to the right role and combines their results.
    /// Both directions may run at once (each side authenticates the other).
    /// </summary>
    public sealed class PppAuthenticator
    {
        private readonly PapClient _papClient;
        private readonly PapServer _papServer;
        private readonly ChapClient _chapClient;
        private readonly ChapServer _chapServer;
        private IAuthProtocol _client;
        private IAuthProtocol _server;
        private bool _started;

        /// <summary>
        /// Creates the four roles, sending through <paramref name="output"/> and building packets in
        /// <paramref name="txBuffer"/> (at least <see cref="AuthCodec.TxBufferLength"/>); the CHAP
        /// challenge generator is seeded with <paramref name="seed"/>.
        /// </summary>
        public PppAuthenticator(IPppPacketOutput output, byte[] txBuffer, uint seed)
        {
            Md5 md5 = new Md5();
            _papClient = new PapClient(output, txBuffer);
            _papServer = new PapServer(output, txBuffer);
            _chapClient = new ChapClient(output, txBuffer, md5);
            _chapServer = new ChapServer(output, txBuffer, md5, seed);
        }

        /// <summary>PAP as client (to configure).</summary>
        public PapClient PapClient => _papClient;

        /// <summary>PAP as server (to configure).</summary>
        public PapServer PapServer => _papServer;

        /// <summary>CHAP as client (to configure).</summary>
        public ChapClient ChapClient => _chapClient;

        /// <summary>CHAP as server (to configure).</summary>
        public ChapServer ChapServer => _chapServer;

        /// <summary>The credentials we authenticate with: ISPUN/ISPPW (GSM) or APNUN/APNPW (GPRS).</summary>
        public void SetClientCredentials(string user, string password)
        {
            _papClient.SetCredentials(user, password);
            _chapClient.SetCredentials(user, password);
        }

        /// <summary>The credentials the peer must present: PPPSERVUN/PPPSERVPW.</summary>
        public void SetServerCredentials(string user, string password)
        {
            _papServer.SetCredentials(user, password);
            _chapServer.SetCredentials(user, password);
        }

        /// <summary>
        /// Starts the phase once LCP is opened. <paramref name="peerAuth"/>: the protocol the peer
        /// requires of us (Lcp.PeerAuth); <paramref name="localAuth"/>: the one we required of it
        /// (Lcp.LocalAuth); each 0, <see cref="PppProtocol.Pap"/> or <see cref="PppProtocol.Chap"/>
        /// (LCP accepts CHAP only with MD5). With both 0 the phase succeeds at once.
        /// </summary>
        public void Start(long nowMs, int peerAuth, int localAuth)
        {
            Stop();
            _started = true;
            _client = peerAuth == PppProtocol.Pap ? _papClient : peerAuth == PppProtocol.Chap ? (IAuthProtocol)_chapClient : null;
            _server = localAuth == PppProtocol.Pap ? _papServer : localAuth == PppProtocol.Chap ? (IAuthProtocol)_chapServer : null;
            if (_client != null)
            {
                _client.Start(nowMs);
            }

            if (_server != null)
            {
                _server.Start(nowMs);
            }
        }

        /// <summary>Stops every role (link down or terminated).</summary>
        public void Stop()
        {
            _started = false;
            _papClient.Stop();
            _papServer.Stop();
            _chapClient.Stop();
            _chapServer.Stop();
            _client = null;
            _server = null;
        }

        /// <summary>
        /// Routes one received PAP or CHAP packet to the running role it is meant for. Returns false
        /// when the protocol is not one of them or no role of it runs (the session may then send
        /// LCP Protocol-Reject or drop it).
        /// </summary>
        public bool Receive(long nowMs, int protocol, byte[] packet, int offset, int count)
        {
            if (count < 1 || (protocol != PppProtocol.Pap && protocol != PppProtocol.Chap))
            {
                return false;
            }

            int code = packet[offset];
            bool toServer = protocol == PppProtocol.Pap ? code == AuthCodec.PapRequest : code == AuthCodec.ChapResponse;
            IAuthProtocol role = toServer ? _server : _client;
            if (role == null || role.Protocol != protocol)
            {
                IAuthProtocol other = toServer ? _client : _server;
                return other != null && other.Protocol == protocol;   // ours, but a code for the other role: dropped
            }

            role.Receive(nowMs, packet, offset, count);
            return true;
        }

        /// <summary>Runs the roles' timers.</summary>
        public void Poll(long nowMs)
        {
            if (_client != null)
            {
                _client.Poll(nowMs);
            }

            if (_server != null)
            {
                _server.Poll(nowMs);
            }
        }

        /// <summary>When <see cref="Poll"/> must next run, or long.MaxValue.</summary>
        public long NextDeadlineMs
        {
            get
            {
                long a = _client != null ? _client.NextDeadlineMs : long.MaxValue;
                long b = _server != null ? _server.NextDeadlineMs : long.MaxValue;
                return a < b ? a : b;
            }
        }

        /// <summary>The role authenticating us, or null.</summary>
        public IAuthProtocol Client => _client;

        /// <summary>The role authenticating the peer, or null.</summary>
        public IAuthProtocol Server => _server;

        /// <summary>
        /// The combined state: Idle before <see cref="Start"/>; Rejected or TimedOut as soon as a running
        /// role failed (Rejected first); Succeeded when every running role succeeded; else Pending.
        /// </summary>
        public AuthResult Result
        {
            get
            {
                if (!_started)
                {
                    return AuthResult.Idle;
                }

                AuthResult c = _client != null ? _client.Result : AuthResult.Succeeded;
                AuthResult s = _server != null ? _server.Result : AuthResult.Succeeded;
                if (c == AuthResult.Rejected || s == AuthResult.Rejected)
                {
                    return AuthResult.Rejected;
                }

                if (c == AuthResult.TimedOut || s == AuthResult.TimedOut)
                {
                    return AuthResult.TimedOut;
                }

                return c == AuthResult.Succeeded && s == AuthResult.Succeeded ? AuthResult.Succeeded : AuthResult.Pending;
            }
        }

        /// <summary>True when the phase succeeded (the session may start IPCP).</summary>
        public bool Succeeded => Result == AuthResult.Succeeded;

        /// <summary>True when the phase failed (the session terminates LCP; 37120 as client, 37121 as server).</summary>
        public bool Failed
        {
            get
            {
                AuthResult r = Result;
                return r == AuthResult.Rejected || r == AuthResult.TimedOut;
            }
        }

        /// <summary>True when the failure was on our side being authenticated (client), false when the peer failed ours.</summary>
        public bool ClientFailed => _client != null && _client.Failed;
    }
}
