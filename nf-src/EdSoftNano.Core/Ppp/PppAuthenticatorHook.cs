using EdSoftNano.Ppp.Auth;

namespace EdSoftNano.Ppp
{
    /// <summary><see cref="IPppAuthenticator"/> over the PAP/CHAP phase of Ppp/Auth (<see cref="PppAuthenticator"/>).</summary>
    public sealed class PppAuthenticatorHook : IPppAuthenticator
    {
        private readonly PppAuthenticator _auth;

        /// <summary>Wraps <paramref name="auth"/> (configured with its credentials by the caller).</summary>
        public PppAuthenticatorHook(PppAuthenticator auth)
        {
            _auth = auth;
        }

        /// <summary>The wrapped phase.</summary>
        public PppAuthenticator Authenticator => _auth;

        /// <inheritdoc />
        public void Start(long nowMs, int peerAuth, int localAuth) { _auth.Start(nowMs, peerAuth, localAuth); }

        /// <inheritdoc />
        public void Stop() { _auth.Stop(); }

        /// <inheritdoc />
        public bool Receive(long nowMs, int protocol, byte[] packet, int offset, int count)
        {
            return _auth.Receive(nowMs, protocol, packet, offset, count);
        }

        /// <inheritdoc />
        public void Poll(long nowMs) { _auth.Poll(nowMs); }

        /// <inheritdoc />
        public long NextDeadlineMs => _auth.NextDeadlineMs;

        /// <inheritdoc />
        public bool Succeeded => _auth.Succeeded;

        /// <inheritdoc />
        public bool Failed => _auth.Failed;

        /// <inheritdoc />
        public bool TimedOut => _auth.Result == AuthResult.TimedOut;
    }
}
