namespace EdSoftNano.Ppp
{
    /// <summary>The ten states of the RFC 1661 option negotiation automaton (section 4.2), numbered as there.</summary>
    public enum PppState
    {
        /// <summary>Lower layer down, no Open.</summary>
        Initial = 0,
        /// <summary>Open, waiting for the lower layer (This-Layer-Started was signalled).</summary>
        Starting = 1,
        /// <summary>Lower layer up, no Open: Configure-Requests are answered with Terminate-Ack.</summary>
        Closed = 2,
        /// <summary>Open, but negotiation ended (This-Layer-Finished); waits for a peer's Configure-Request.</summary>
        Stopped = 3,
        /// <summary>Terminate-Request sent after a Close, waiting for Terminate-Ack.</summary>
        Closing = 4,
        /// <summary>Terminating, the automaton will end in Stopped.</summary>
        Stopping = 5,
        /// <summary>Configure-Request sent, nothing acknowledged yet.</summary>
        ReqSent = 6,
        /// <summary>Our Configure-Request was acknowledged, the peer's is not yet.</summary>
        AckRcvd = 7,
        /// <summary>We acknowledged the peer's Configure-Request, ours is not yet.</summary>
        AckSent = 8,
        /// <summary>Both acknowledged: This-Layer-Up was signalled.</summary>
        Opened = 9,
    }
}
