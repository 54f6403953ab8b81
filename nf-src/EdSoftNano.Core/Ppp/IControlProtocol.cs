namespace EdSoftNano.Ppp
{
    /// <summary>
    /// The option logic of one control protocol (LCP, IPCP) under <see cref="ControlProtocolFsm"/>:
    /// building our Configure-Request, judging the peer's, and the this-layer signals.
    /// </summary>
    public interface IControlProtocol
    {
        /// <summary>Negotiation starts afresh (Open / lower layer Up): back to the options we want to request.</summary>
        void ResetOptions();

        /// <summary>Writes the options of our next Configure-Request at buf[offset, offset + room); returns their length.</summary>
        int BuildRequest(byte[] buf, int offset, int room);

        /// <summary>
        /// Judges the peer's Configure-Request options req[offset, offset + count), writes the options of
        /// the answer at reply[replyOffset, replyOffset + room) and returns its code: Ack (options copied),
        /// Nak or Reject. <paramref name="rejectInsteadOfNak"/>: Max-Failure Naks were sent, reject instead.
        /// </summary>
        int JudgeRequest(byte[] req, int offset, int count, byte[] reply, int replyOffset, int room, bool rejectInsteadOfNak, out int replyLength);

        /// <summary>A Configure-Ack of our current request: false when its options are not exactly ours (the packet is discarded).</summary>
        bool AckReceived(byte[] buf, int offset, int count);

        /// <summary>A Configure-Nak (<paramref name="reject"/> false) or Configure-Reject of our current request: adjust what we request; false when invalid (discarded).</summary>
        bool NakReceived(byte[] buf, int offset, int count, bool reject);

        /// <summary>
        /// A code the automaton does not handle itself (LCP: Protocol-Reject, Echo, Discard). Returns
        /// false for a code unknown to the protocol (the automaton then sends Code-Reject).
        /// </summary>
        bool OtherCode(int code, int id, byte[] buf, int offset, int count);

        /// <summary>This-Layer-Up: negotiation done, the agreed options take effect.</summary>
        void LayerUp();

        /// <summary>This-Layer-Down: leaving Opened.</summary>
        void LayerDown();

        /// <summary>This-Layer-Started: the layer needs the lower layer up.</summary>
        void LayerStarted();

        /// <summary>This-Layer-Finished: the layer no longer needs the lower layer.</summary>
        void LayerFinished();
    }
}
