namespace EdSoftNano.Ppp.Auth
{
    /// <summary>
    /// One side of one authentication protocol (PAP or CHAP, client or server) as the PPP session
    /// drives it: <see cref="Start"/> once LCP is opened, <see cref="Receive"/> each packet of
    /// <see cref="Protocol"/>, <see cref="Poll"/> by <see cref="NextDeadlineMs"/>, then read
    /// <see cref="Result"/>. Time is passed in; nothing allocates after construction.
    /// </summary>
    public interface IAuthProtocol
    {
        /// <summary>The PPP protocol number of the packets (0xC023 PAP, 0xC223 CHAP).</summary>
        int Protocol { get; }

        /// <summary>The state of the exchange.</summary>
        AuthResult Result { get; }

        /// <summary>True when <see cref="Result"/> is <see cref="AuthResult.Succeeded"/>.</summary>
        bool Succeeded { get; }

        /// <summary>True when <see cref="Result"/> is <see cref="AuthResult.Rejected"/> or <see cref="AuthResult.TimedOut"/>.</summary>
        bool Failed { get; }

        /// <summary>When <see cref="Poll"/> must next run, or long.MaxValue when no timer runs.</summary>
        long NextDeadlineMs { get; }

        /// <summary>Starts the exchange (LCP reached Opened with this protocol negotiated).</summary>
        void Start(long nowMs);

        /// <summary>Stops it (link down): back to <see cref="AuthResult.Idle"/>, timers off.</summary>
        void Stop();

        /// <summary>Handles one received packet packet[offset, offset + count) (the frame's information field); malformed or unexpected packets are silently discarded.</summary>
        void Receive(long nowMs, byte[] packet, int offset, int count);

        /// <summary>Runs the timer: retransmits or gives up when it expired.</summary>
        void Poll(long nowMs);
    }
}
