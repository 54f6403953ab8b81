namespace EdSoftNano.Tcp
{
    /// <summary>
    /// The state of one slot of <see cref="TcpLayer"/>: the RFC 9293 transmission control block
    /// (3.3.1), its two rings and its timers. One object per slot, made once; the layer's logic
    /// works on these fields.
    /// </summary>
    public sealed class TcpConnection
    {
        /// <summary>Bytes from SND.UNA on: unacknowledged, then not yet sent.</summary>
        public readonly TcpRing SendRing;

        /// <summary>Bytes from the oldest unread one to RCV.NXT; out-of-order bytes are parked beyond them.</summary>
        public readonly TcpRing ReceiveRing;

        /// <summary>The RFC 6298 retransmission timeout.</summary>
        public readonly TcpRetransmitTimer Timer = new TcpRetransmitTimer();

        /// <summary>Where the connection stands.</summary>
        public TcpState State;

        /// <summary>Spec 9.2 code of the failure, 0 otherwise.</summary>
        public int Error;

        /// <summary>The owner called Close: the slot is invisible to it and is freed once TCP is done with it.</summary>
        public bool UserClosed;

        /// <summary>The listener slot of a passively opened connection Accept has not handed out yet; -1 when the owner has it.</summary>
        public int Parent;

        /// <summary>Opened by a listener (an RST in SYN-RECEIVED drops it instead of failing it, RFC 9293 3.10.7.4).</summary>
        public bool Passive;

        /// <summary>Our port.</summary>
        public int LocalPort;

        /// <summary>The peer's address (host byte order).</summary>
        public uint RemoteAddress;

        /// <summary>The peer's port.</summary>
        public int RemotePort;

        /// <summary>Our initial sequence number.</summary>
        public uint Iss;

        /// <summary>Oldest unacknowledged sequence number (the send ring's first byte once the SYN is acknowledged).</summary>
        public uint SndUna;

        /// <summary>Next sequence number to send (moved back to SND.UNA by a timeout).</summary>
        public uint SndNxt;

        /// <summary>Highest sequence number sent so far (an ACK up to it is acceptable).</summary>
        public uint SndMax;

        /// <summary>The peer's window.</summary>
        public int SndWnd;

        /// <summary>Largest window the peer ever offered (sender-side SWS avoidance).</summary>
        public int MaxSndWnd;

        /// <summary>Sequence number of the segment that last updated the window.</summary>
        public uint SndWl1;

        /// <summary>Acknowledgment number of the segment that last updated the window.</summary>
        public uint SndWl2;

        /// <summary>Largest segment we send: the peer's MSS (536 when absent), bounded by our MTU.</summary>
        public int Mss;

        /// <summary>No more data will be queued; FIN follows the bytes in the send ring.</summary>
        public bool FinQueued;

        /// <summary>Next sequence number expected from the peer.</summary>
        public uint RcvNxt;

        /// <summary>RCV.NXT + RCV.WND as last advertised: it never moves left (RFC 9293 3.8.6.2.2).</summary>
        public uint RcvEdge;

        /// <summary>The peer's FIN arrived in order.</summary>
        public bool FinReceived;

        /// <summary>Start of the one out-of-order block, as a distance from RCV.NXT.</summary>
        public int OooStart;

        /// <summary>Length of the out-of-order block; 0 when none.</summary>
        public int OooLength;

        /// <summary>An ACK is owed (sent at the next Poll or piggybacked on data).</summary>
        public bool AckPending;

        /// <summary>When the owed ACK became due.</summary>
        public long AckAt;

        /// <summary>Full-size segments received since our last ACK.</summary>
        public int UnackedSegments;

        /// <summary>Retransmission timer; long.MaxValue when off.</summary>
        public long RetransmitAt;

        /// <summary>Retransmissions of the oldest unacknowledged segment in a row.</summary>
        public int Retries;

        /// <summary>Persist (zero-window probe) timer; long.MaxValue when off.</summary>
        public long PersistAt;

        /// <summary>Current persist interval (doubles up to the maximum RTO).</summary>
        public int PersistIntervalMs;

        /// <summary>TIME-WAIT or FIN-WAIT-2 end; long.MaxValue when off.</summary>
        public long CloseAt;

        /// <summary>A segment is being timed for an RTT sample.</summary>
        public bool Timing;

        /// <summary>Sequence number the timed segment started at (an ACK beyond it ends the measurement).</summary>
        public uint TimedSeq;

        /// <summary>When the timed segment was sent.</summary>
        public long TimedAtMs;

        /// <summary>Congestion window in bytes (RFC 5681).</summary>
        public int Cwnd;

        /// <summary>Slow-start threshold.</summary>
        public int Ssthresh;

        /// <summary>Duplicate ACKs in a row.</summary>
        public int DupAcks;

        /// <summary>In NewReno fast recovery (RFC 6582).</summary>
        public bool Recovery;

        /// <summary>SND.MAX when fast recovery began: an ACK at or beyond it ends recovery.</summary>
        public uint Recover;

        /// <param name="sendBytes">Send ring size.</param>
        /// <param name="receiveBytes">Receive ring size (the largest window we offer).</param>
        public TcpConnection(int sendBytes, int receiveBytes)
        {
            SendRing = new TcpRing(sendBytes);
            ReceiveRing = new TcpRing(receiveBytes);
            Reset();
        }

        /// <summary>Sequence number of our FIN (valid once <see cref="FinQueued"/>).</summary>
        public uint FinSeq => SndUna + (uint)SendRing.Count;

        /// <summary>Back to a free slot.</summary>
        public void Reset()
        {
            SendRing.Clear();
            ReceiveRing.Clear();
            Timer.Reset();
            State = TcpState.Free;
            Error = 0;
            UserClosed = false;
            Parent = -1;
            Passive = false;
            LocalPort = 0;
            RemoteAddress = 0;
            RemotePort = 0;
            Iss = SndUna = SndNxt = SndMax = SndWl1 = SndWl2 = 0;
            SndWnd = MaxSndWnd = 0;
            Mss = TcpConstants.DefaultMss;
            FinQueued = false;
            RcvNxt = RcvEdge = 0;
            FinReceived = false;
            OooStart = OooLength = 0;
            AckPending = false;
            AckAt = 0;
            UnackedSegments = 0;
            RetransmitAt = long.MaxValue;
            Retries = 0;
            PersistAt = long.MaxValue;
            PersistIntervalMs = 0;
            CloseAt = long.MaxValue;
            Timing = false;
            TimedSeq = 0;
            TimedAtMs = 0;
            Cwnd = Ssthresh = 0;
            DupAcks = 0;
            Recovery = false;
            Recover = 0;
        }
    }
}
