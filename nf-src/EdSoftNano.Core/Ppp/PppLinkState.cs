namespace EdSoftNano.Ppp
{
    /// <summary>Where a <see cref="PppLink"/> stands.</summary>
    public enum PppLinkState
    {
        /// <summary>Not started.</summary>
        Idle = 0,
        /// <summary>Negotiating: LCP, authentication, IPCP.</summary>
        Starting = 1,
        /// <summary>IPCP opened: addresses known, IPv4 flows.</summary>
        Up = 2,
        /// <summary>Terminating after <see cref="PppLink.Stop"/>.</summary>
        Stopping = 3,
        /// <summary>Ended after Up or by our Stop: <see cref="PppLink.End"/> says why (Stopped, PeerTerminated, LinkEnded, LinkDead).</summary>
        Down = 4,
        /// <summary>Negotiation failed; <see cref="PppLink.FailureCode"/> holds the 9.2 code.</summary>
        Failed = 5,
    }
}
