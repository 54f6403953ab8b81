namespace EdSoftNano.Ppp.Auth
{
    /// <summary>Where one authentication exchange (PAP or CHAP, either role) stands.</summary>
    public enum AuthResult
    {
        /// <summary>Not started (or stopped).</summary>
        Idle = 0,

        /// <summary>Started, no verdict yet.</summary>
        Pending = 1,

        /// <summary>Authenticated: the peer acknowledged us (client) or we accepted the peer (server).</summary>
        Succeeded = 2,

        /// <summary>A verdict against: the peer refused our credentials (Nak / Failure) or we refused its.</summary>
        Rejected = 3,

        /// <summary>No verdict within the restart timer and its count: the peer never answered.</summary>
        TimedOut = 4,
    }
}
