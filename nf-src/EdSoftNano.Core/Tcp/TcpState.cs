namespace EdSoftNano.Tcp
{
    /// <summary>The RFC 9293 3.3.2 connection states of one slot, plus Free (no connection) and Failed (aborted, waiting for Close).</summary>
    public enum TcpState
    {
        /// <summary>The slot holds nothing.</summary>
        Free,

        /// <summary>A listener waiting for SYNs.</summary>
        Listen,

        /// <summary>Our SYN is out, no answer yet.</summary>
        SynSent,

        /// <summary>A SYN was received and answered with SYN,ACK.</summary>
        SynReceived,

        /// <summary>Data flows both ways.</summary>
        Established,

        /// <summary>We closed; our FIN is queued or unacknowledged.</summary>
        FinWait1,

        /// <summary>Our FIN is acknowledged; the peer may still send.</summary>
        FinWait2,

        /// <summary>The peer closed; we may still send.</summary>
        CloseWait,

        /// <summary>Both closed at once; our FIN is not acknowledged yet.</summary>
        Closing,

        /// <summary>The peer closed first, then we did; waiting for the ACK of our FIN.</summary>
        LastAck,

        /// <summary>Both FINs done; waiting 2*MSL so that stray segments die out.</summary>
        TimeWait,

        /// <summary>The connection failed (reset, timeout, link down); the owner still has to Close it.</summary>
        Failed,
    }
}
