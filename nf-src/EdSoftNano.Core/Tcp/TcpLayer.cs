using EdSoftNano.Ip;
using EdSoftNano.Ports;

namespace EdSoftNano.Tcp
{
    /// <summary>
    /// TCP (RFC 9293) for the managed IP stack: a fixed table of slots (connections and listeners),
    /// polled from the single-threaded main loop, every call returning at once. Sliding window with
    /// the receive window tied to unread data, RFC 6298 retransmission, RFC 5681/6582 congestion
    /// control with fast retransmit, zero-window probing, one out-of-order block per connection.
    /// No allocation after the constructor.
    /// <para>
    /// No Nagle delay: the data pump (DataMode/DataPump) already batches by TCPTXDELAY (a full
    /// frame at once, a partial one after the delay), so what <see cref="Send"/> takes goes out at
    /// once as far as the windows allow. The ACK for in-order data is owed until the next
    /// <see cref="Poll"/> (the same main-loop turn), so it can carry the window the application
    /// opened by reading; every second full segment, and anything out of order, is ACKed at once.
    /// </para>
    /// </summary>
    public sealed partial class TcpLayer : IIpTransport
    {
        /// <summary>Error code when the IP link went down under a connection: spec 9.2 37952 "TCP context cancelled", as the facade's UDP sockets (the session itself reports 35841, GPRS session lost).</summary>
        public const int ErrorLinkLost = 37952;

        /// <summary>Connect refused (RST answer to our SYN, or ICMP port unreachable).</summary>
        public const int ErrorRefused = 38016;

        /// <summary>No answer to our SYN.</summary>
        public const int ErrorNoAnswer = 37964;

        /// <summary>Connection reset by the peer.</summary>
        public const int ErrorReset = 37952;

        /// <summary>Data never acknowledged.</summary>
        public const int ErrorSendFailed = 38017;

        /// <summary>Listening port already in use.</summary>
        public const int ErrorPortInUse = 36872;

        private readonly IIpOutput _ip;
        private readonly TcpConnection[] _slots;
        private readonly byte[] _segment = new byte[TcpBudget.SegmentBufferBytes];
        private readonly uint _seed;
        private int _nextPort;

        /// <param name="ip">Where segments go (the IP layer writes its header in front of ours).</param>
        /// <param name="slots">Size of the slot table (<see cref="TcpBudget.Slots"/>).</param>
        /// <param name="sendBufferBytes">Send ring per slot (<see cref="TcpBudget.SendBufferBytes"/>).</param>
        /// <param name="receiveBufferBytes">Receive ring per slot, the largest window we offer (at most 65535).</param>
        /// <param name="seed">Secret for initial sequence numbers and the first ephemeral port (RFC 6528).</param>
        public TcpLayer(IIpOutput ip, int slots, int sendBufferBytes, int receiveBufferBytes, uint seed)
        {
            _ip = ip;
            _seed = seed;
            _slots = new TcpConnection[slots];
            for (int i = 0; i < slots; i++)
            {
                _slots[i] = new TcpConnection(sendBufferBytes, receiveBufferBytes > 65535 ? 65535 : receiveBufferBytes);
            }

            _nextPort = TcpConstants.EphemeralFirst + (int)(Mix(seed) % 16384);
        }

        /// <summary>Size of the slot table.</summary>
        public int Slots => _slots.Length;

        /// <summary>Segments dropped because their checksum or header was bad.</summary>
        public int BadSegments { get; private set; }

        /// <summary>Segments retransmitted (timeouts, fast retransmit), for tests and statistics.</summary>
        public int Retransmissions { get; private set; }

        /// <summary>Opens a connection (SYN now); the slot is Connecting, or -1 when the table is full.</summary>
        public int Connect(uint address, int port, long nowMs)
        {
            int slot = FreeSlot();
            if (slot < 0)
            {
                return -1;
            }

            TcpConnection c = _slots[slot];
            c.Reset();
            c.LocalPort = EphemeralPort();
            c.RemoteAddress = address;
            c.RemotePort = port;
            c.Iss = Isn(c, nowMs);
            c.SndUna = c.Iss;
            c.SndNxt = c.Iss + 1;
            c.SndMax = c.SndNxt;
            c.State = TcpState.SynSent;
            c.Mss = EffectiveMss(0);
            SendSyn(c, nowMs);
            c.RetransmitAt = nowMs + c.Timer.RtoMs;
            return slot;
        }

        /// <summary>Listens on <paramref name="localPort"/> (0: an ephemeral port); the slot is Listening, or Failed with 36872 when the port is taken; -1 when the table is full.</summary>
        public int Listen(int localPort)
        {
            int slot = FreeSlot();
            if (slot < 0)
            {
                return -1;
            }

            TcpConnection c = _slots[slot];
            c.Reset();
            if (localPort == 0)
            {
                localPort = EphemeralPort();
            }

            c.LocalPort = localPort;
            if (FindListener(localPort) >= 0)
            {
                c.State = TcpState.Failed;
                c.Error = ErrorPortInUse;
                return slot;
            }

            c.State = TcpState.Listen;
            return slot;
        }

        /// <summary>The next connection the listener completed (Open): its slot; -2 when none is waiting; -1 when the slot is not a working listener.</summary>
        public int Accept(int listenerSlot)
        {
            if (!Owned(listenerSlot) || _slots[listenerSlot].State != TcpState.Listen)
            {
                return -1;
            }

            for (int i = 0; i < _slots.Length; i++)
            {
                TcpConnection c = _slots[i];
                if (c.Parent == listenerSlot && c.State != TcpState.Free && c.State != TcpState.SynReceived)
                {
                    c.Parent = -1;
                    return i;
                }
            }

            return -2;
        }

        /// <summary>Queues a prefix of the bytes and sends what the windows allow: the count taken, 0 when the ring is full or the connection is not open yet, -1 when it ended or failed.</summary>
        public int Send(int slot, byte[] buffer, int offset, int count, long nowMs)
        {
            if (!Owned(slot))
            {
                return -1;
            }

            TcpConnection c = _slots[slot];
            switch (c.State)
            {
                case TcpState.SynSent:
                case TcpState.SynReceived:
                    return 0;
                case TcpState.Established:
                case TcpState.CloseWait:
                    int n = c.SendRing.Write(buffer, offset, count);
                    if (n > 0)
                    {
                        Output(c, nowMs);
                    }

                    return n;
                default:
                    return -1;
            }
        }

        /// <summary>Reads received bytes: the count, 0 when none are there yet, -1 once the peer closed in order and all was read (Error 0) or the connection failed.</summary>
        public int Receive(int slot, byte[] buffer, int offset, int count, long nowMs)
        {
            if (!Owned(slot))
            {
                return -1;
            }

            TcpConnection c = _slots[slot];
            switch (c.State)
            {
                case TcpState.SynSent:
                case TcpState.SynReceived:
                    return 0;
                case TcpState.Listen:
                case TcpState.Failed:
                    return -1;
            }

            TcpRing ring = c.ReceiveRing;
            int n = count < ring.Count ? count : ring.Count;
            if (n > 0)
            {
                ring.CopyOut(0, buffer, offset, n);
                ring.Consume(n);
                // Receiver-side SWS avoidance: announce the opened window only once it grew by
                // min(half the buffer, one MSS) beyond what the peer knows.
                int known = (int)(c.RcvEdge - c.RcvNxt);
                if (!c.FinReceived && ring.Free - known >= WindowStep(c))
                {
                    SendAck(c);
                }

                return n;
            }

            return c.FinReceived ? -1 : 0;
        }

        /// <summary>The slot as its owner sees it (a slot closed by its owner, or not accepted yet, is Free).</summary>
        public SocketState State(int slot)
        {
            if (!Owned(slot))
            {
                return SocketState.Free;
            }

            TcpConnection c = _slots[slot];
            switch (c.State)
            {
                case TcpState.Listen:
                    return SocketState.Listening;
                case TcpState.SynSent:
                case TcpState.SynReceived:
                    return SocketState.Connecting;
                case TcpState.Failed:
                    return SocketState.Failed;
                case TcpState.CloseWait:
                    return c.ReceiveRing.Count == 0 ? SocketState.Ended : SocketState.Open;
                default:
                    return SocketState.Open;
            }
        }

        /// <summary>Spec 9.2 code of the slot's failure; 0 while it works, after an orderly end, or for a free slot.</summary>
        public int Error(int slot)
        {
            return Owned(slot) ? _slots[slot].Error : 0;
        }

        /// <summary>Our address and port of the slot; false for a free slot.</summary>
        public bool GetLocal(int slot, out uint address, out int port)
        {
            if (!Owned(slot))
            {
                address = 0;
                port = 0;
                return false;
            }

            address = _ip.LocalAddress;
            port = _slots[slot].LocalPort;
            return true;
        }

        /// <summary>The peer of a connection; false for a free slot or a listener.</summary>
        public bool GetRemote(int slot, out uint address, out int port)
        {
            if (!Owned(slot) || _slots[slot].State == TcpState.Listen || _slots[slot].RemotePort == 0)
            {
                address = 0;
                port = 0;
                return false;
            }

            address = _slots[slot].RemoteAddress;
            port = _slots[slot].RemotePort;
            return true;
        }

        /// <summary>
        /// Closes the slot for its owner (idempotent). A connection still delivers its queued bytes,
        /// then FIN, and is freed once fully closed; unread and later received bytes are discarded.
        /// A listener drops (RST) the connections nobody accepted. Anything else is freed at once.
        /// </summary>
        public void Close(int slot, long nowMs)
        {
            if (!Owned(slot))
            {
                return;
            }

            TcpConnection c = _slots[slot];
            c.ReceiveRing.Clear();
            c.OooLength = 0;
            switch (c.State)
            {
                case TcpState.Listen:
                    for (int i = 0; i < _slots.Length; i++)
                    {
                        if (_slots[i].Parent == slot && _slots[i].State != TcpState.Free)
                        {
                            Abort(_slots[i]);
                        }
                    }

                    c.Reset();
                    return;
                case TcpState.SynReceived:
                    Abort(c);
                    return;
                case TcpState.Established:
                    c.UserClosed = true;
                    c.FinQueued = true;
                    c.State = TcpState.FinWait1;
                    Output(c, nowMs);
                    return;
                case TcpState.CloseWait:
                    c.UserClosed = true;
                    c.FinQueued = true;
                    c.State = TcpState.LastAck;
                    Output(c, nowMs);
                    return;
                default:
                    c.Reset();
                    return;
            }
        }

        /// <summary>The IP link is up (ip.LocalAddress is valid). Nothing to do: connections opened before simply retransmit.</summary>
        public void LinkUp(long nowMs)
        {
        }

        /// <summary>The IP link went down: every connection and listener fails with 37952 (closed ones are freed); no segment is sent.</summary>
        public void LinkDown()
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                TcpConnection c = _slots[i];
                if (c.State != TcpState.Free && c.State != TcpState.Failed)
                {
                    Fail(c, ErrorLinkLost);
                }
            }
        }

        /// <summary>Runs due timers (retransmission, persist, TIME-WAIT) and sends owed ACKs and pending data.</summary>
        public void Poll(long nowMs)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                TcpConnection c = _slots[i];
                if (c.State == TcpState.Free || c.State == TcpState.Listen || c.State == TcpState.Failed)
                {
                    continue;
                }

                if (nowMs - c.CloseAt >= 0)
                {
                    c.Reset();
                    continue;
                }

                if (nowMs - c.RetransmitAt >= 0)
                {
                    OnRetransmitTimeout(c, nowMs);
                    if (c.State == TcpState.Free || c.State == TcpState.Failed)
                    {
                        continue;
                    }
                }

                if (nowMs - c.PersistAt >= 0)
                {
                    OnPersistTimeout(c, nowMs);
                }

                Output(c, nowMs);
                if (c.AckPending)
                {
                    SendAck(c);
                }
            }
        }

        /// <summary>When <see cref="Poll"/> must run next; long.MaxValue when no timer runs.</summary>
        public long NextDeadlineMs
        {
            get
            {
                long next = long.MaxValue;
                for (int i = 0; i < _slots.Length; i++)
                {
                    TcpConnection c = _slots[i];
                    if (c.State == TcpState.Free || c.State == TcpState.Listen || c.State == TcpState.Failed)
                    {
                        continue;
                    }

                    next = Earlier(next, c.RetransmitAt);
                    next = Earlier(next, c.PersistAt);
                    next = Earlier(next, c.CloseAt);
                    if (c.AckPending)
                    {
                        next = Earlier(next, c.AckAt);
                    }
                }

                return next;
            }
        }

        /// <summary>The connection of a slot, for tests and statistics (null outside the table).</summary>
        public TcpConnection Connection(int slot)
        {
            return slot >= 0 && slot < _slots.Length ? _slots[slot] : null;
        }

        private static long Earlier(long a, long b) => b < a ? b : a;

        // The owner holds this slot: in use, not closed by it, not waiting in a listener's backlog.
        private bool Owned(int slot)
        {
            if (slot < 0 || slot >= _slots.Length)
            {
                return false;
            }

            TcpConnection c = _slots[slot];
            return c.State != TcpState.Free && !c.UserClosed && c.Parent < 0;
        }

        private int FreeSlot()
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].State == TcpState.Free)
                {
                    return i;
                }
            }

            return -1;
        }

        private int FindListener(int port)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].State == TcpState.Listen && _slots[i].LocalPort == port)
                {
                    return i;
                }
            }

            return -1;
        }

        // The connection a segment belongs to: every state that has a peer (a Failed one has none any more).
        private int FindConnection(uint remote, int remotePort, int localPort)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                TcpConnection c = _slots[i];
                if (c.State != TcpState.Free && c.State != TcpState.Listen && c.State != TcpState.Failed
                    && c.LocalPort == localPort && c.RemotePort == remotePort && c.RemoteAddress == remote)
                {
                    return i;
                }
            }

            return -1;
        }

        private int EphemeralPort()
        {
            for (int tries = 0; tries < 16384; tries++)
            {
                int port = _nextPort;
                _nextPort = port == 65535 ? TcpConstants.EphemeralFirst : port + 1;
                if (!PortInUse(port))
                {
                    return port;
                }
            }

            return _nextPort;
        }

        private bool PortInUse(int port)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].State != TcpState.Free && _slots[i].LocalPort == port)
                {
                    return true;
                }
            }

            return false;
        }

        // RFC 6528 in spirit: a 4 µs clock plus a keyed hash of the connection's identity, so that
        // sequence numbers of one 4-tuple grow with time and those of others cannot be guessed.
        private uint Isn(TcpConnection c, long nowMs)
        {
            uint h = Mix(_seed ^ c.RemoteAddress);
            h = Mix(h ^ (uint)((c.LocalPort << 16) | c.RemotePort));
            h = Mix(h ^ _ip.LocalAddress ^ 0x9E3779B9u);
            return h + (uint)(nowMs * 250);
        }

        // The 32-bit finaliser of MurmurHash3: every input bit flips about half the output bits.
        private static uint Mix(uint h)
        {
            h ^= h >> 16;
            h *= 0x85EBCA6Bu;
            h ^= h >> 13;
            h *= 0xC2B2AE35u;
            h ^= h >> 16;
            return h;
        }

        // Largest segment payload our side takes in (the MSS we announce).
        private int OwnMss()
        {
            int mtu = _ip.Mtu;
            if (mtu < 68)
            {
                mtu = 576;
            }

            if (mtu > TcpBudget.SegmentBufferBytes)
            {
                mtu = TcpBudget.SegmentBufferBytes;
            }

            return mtu - IpConstants.HeaderLength - TcpHeader.Length;
        }

        // The peer's MSS option (0: absent, so 536) bounded by what our MTU and buffer carry.
        private int EffectiveMss(int peerMss)
        {
            int mss = peerMss == 0 ? TcpConstants.DefaultMss : peerMss;
            int own = OwnMss();
            return mss < own ? mss : own;
        }

        private int WindowStep(TcpConnection c)
        {
            int half = c.ReceiveRing.Capacity / 2;
            int mss = OwnMss();
            return half < mss ? half : mss;
        }

        // The end of a connection its owner cannot see any more, or a failure it will see.
        private void Fail(TcpConnection c, int code)
        {
            if (c.UserClosed || c.Parent >= 0)
            {
                c.Reset();
                return;
            }

            int port = c.LocalPort;
            uint remote = c.RemoteAddress;
            int remotePort = c.RemotePort;
            c.Reset();
            c.LocalPort = port;
            c.RemoteAddress = remote;
            c.RemotePort = remotePort;
            c.State = TcpState.Failed;
            c.Error = code;
        }

        // Drops a connection with an RST to the peer (RFC 9293 3.10.5 ABORT).
        private void Abort(TcpConnection c)
        {
            if (c.State != TcpState.SynSent && c.State != TcpState.Free && c.State != TcpState.Failed && c.State != TcpState.Listen)
            {
                SendReset(c.RemoteAddress, c.LocalPort, c.RemotePort, c.SndMax, 0, TcpHeader.Rst);
            }

            c.Reset();
        }
    }
}
