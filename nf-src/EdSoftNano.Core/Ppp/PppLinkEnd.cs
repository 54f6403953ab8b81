namespace EdSoftNano.Ppp
{
    /// <summary>
    /// Why a <see cref="PppLink"/> ended (its first cause; None while it runs). The bearer maps it:
    /// LinkDead and LinkEnded after Up are the lost carrier (35841 in GPRS, NO CARRIER in GSM).
    /// </summary>
    public enum PppLinkEnd
    {
        /// <summary>Not ended.</summary>
        None = 0,
        /// <summary>We stopped it (<see cref="PppLink.Stop"/>) and LCP terminated.</summary>
        Stopped = 1,
        /// <summary>The peer sent LCP Terminate-Request after we were Up.</summary>
        PeerTerminated = 2,
        /// <summary>The byte link ended (Read returned -1: the data call is gone).</summary>
        LinkEnded = 3,
        /// <summary>The LCP Echo watchdog found the peer silent: the link is dead.</summary>
        LinkDead = 4,
        /// <summary>Negotiation failed or timed out; <see cref="PppLink.FailureCode"/> holds the 9.2 code.</summary>
        Failed = 5,
    }
}
