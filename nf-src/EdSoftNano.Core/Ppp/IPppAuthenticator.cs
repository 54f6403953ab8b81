namespace EdSoftNano.Ppp
{
    /// <summary>
    /// The authentication phase as <see cref="PppLink"/> drives it (RFC 1661 3.5): started once LCP is
    /// opened, fed every PAP/CHAP packet, polled by its deadline. Implemented by
    /// <see cref="PppAuthenticatorHook"/> over Auth.PppAuthenticator; tests may fake it.
    /// </summary>
    public interface IPppAuthenticator
    {
        /// <summary>Starts the phase: <paramref name="peerAuth"/> the protocol the peer requires of us (Lcp.PeerAuth), <paramref name="localAuth"/> the one we required of it (Lcp.LocalAuth); each 0, PAP or CHAP.</summary>
        void Start(long nowMs, int peerAuth, int localAuth);

        /// <summary>Stops it (link down or terminated).</summary>
        void Stop();

        /// <summary>Handles one PAP or CHAP packet; false when no running role takes it (the link then sends Protocol-Reject).</summary>
        bool Receive(long nowMs, int protocol, byte[] packet, int offset, int count);

        /// <summary>Runs the timers.</summary>
        void Poll(long nowMs);

        /// <summary>When <see cref="Poll"/> must next run, or long.MaxValue.</summary>
        long NextDeadlineMs { get; }

        /// <summary>Every running role succeeded (or none was negotiated).</summary>
        bool Succeeded { get; }

        /// <summary>A role failed: credentials refused, or no answer.</summary>
        bool Failed { get; }

        /// <summary>The failure was silence (no verdict in time), not a refusal: a PPP timeout (38980/38981).</summary>
        bool TimedOut { get; }
    }
}
