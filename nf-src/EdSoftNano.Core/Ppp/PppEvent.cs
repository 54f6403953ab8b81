namespace EdSoftNano.Ppp
{
    /// <summary>The events of the RFC 1661 automaton (section 4.3).</summary>
    public enum PppEvent
    {
        /// <summary>Lower layer is up.</summary>
        Up,
        /// <summary>Lower layer is down.</summary>
        Down,
        /// <summary>Administrative Open.</summary>
        Open,
        /// <summary>Administrative Close.</summary>
        Close,
        /// <summary>Restart timer expired with the counter above zero (TO+).</summary>
        TimeoutRetry,
        /// <summary>Restart timer expired with the counter exhausted (TO-).</summary>
        TimeoutGiveUp,
        /// <summary>Receive-Configure-Request, acceptable (RCR+).</summary>
        ConfigureRequestGood,
        /// <summary>Receive-Configure-Request, answered by Nak or Reject (RCR-).</summary>
        ConfigureRequestBad,
        /// <summary>Receive-Configure-Ack (RCA).</summary>
        ConfigureAck,
        /// <summary>Receive-Configure-Nak or Reject (RCN).</summary>
        ConfigureNak,
        /// <summary>Receive-Terminate-Request (RTR).</summary>
        TerminateRequest,
        /// <summary>Receive-Terminate-Ack (RTA).</summary>
        TerminateAck,
        /// <summary>Receive-Unknown-Code (RUC).</summary>
        UnknownCode,
        /// <summary>Receive-Code-Reject or Protocol-Reject, permitted (RXJ+).</summary>
        RejectPermitted,
        /// <summary>Receive-Code-Reject or Protocol-Reject, catastrophic (RXJ-).</summary>
        RejectCatastrophic,
        /// <summary>Receive-Echo-Request, Echo-Reply or Discard-Request (RXR).</summary>
        EchoOrDiscard,
    }
}
