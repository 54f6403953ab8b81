using EdSoftNano.Ip;
using EdSoftNano.Ports;

namespace EdSoftNano.Ppp
{
    /// <summary>
    /// One PPP session over the modem's data call (an <see cref="IByteLink"/>): reads bytes, decodes
    /// HDLC frames and routes them by protocol (LCP, IPCP, PAP/CHAP to the authenticator, IPv4 to the
    /// IP input, anything else Protocol-Rejected once LCP is opened); frames what the protocols send
    /// (<see cref="IPppPacketOutput"/>). Phases (RFC 1661 3): LCP, then authentication when negotiated,
    /// then IPCP; <see cref="State"/> becomes Up when IPCP opens. <see cref="Poll(long, int)"/> drives reading and
    /// every timer; time is passed in and nothing allocates after construction.
    /// Failures carry the 9.2 codes: 37120/37121 negotiation failed (client/server), 38980/38981 PPP
    /// timeout (the peer did not answer: restart counter exhausted, or the negotiation deadline passed).
    /// </summary>
    public sealed class PppLink : IPppPacketOutput, ILayerEvents, IIpLink
    {
        /// <summary>Default limit for the whole negotiation (LCP, auth, IPCP) before a PPP timeout.</summary>
        public const int DefaultNegotiationTimeoutMs = 60000;

        /// <summary>Default LCP Echo watchdog interval: silence this long → Echo-Request (pppd's lcp-echo-interval style).</summary>
        public const int DefaultEchoIntervalMs = 10000;

        /// <summary>Default number of unanswered Echo-Requests in a row after which the link is dead (lcp-echo-failure).</summary>
        public const int DefaultEchoMaxMisses = 3;

        /// <summary>Read/write block size of the convenience constructor.</summary>
        public const int DefaultIoBlock = 256;

        /// <summary>Control-protocol buffer size of the convenience constructor for IPCP (tx and reply each).</summary>
        public const int DefaultIpcpBuffer = 256;

        private const int PhaseDead = 0;
        private const int PhaseLcp = 1;
        private const int PhaseAuth = 2;
        private const int PhaseNetwork = 3;

        // Error codes of spec 9.2 (same values as At.ErrorCodes; Ppp may not reference the layer above).
        private const int ClientNegotiationFailed = 37120;
        private const int ServerNegotiationFailed = 37121;
        private const int ClientTimeout = 38980;
        private const int ServerTimeout = 38981;

        private readonly IByteLink _link;
        private readonly HdlcDecoder _decoder;
        private readonly HdlcEncoder _encoder = new HdlcEncoder();
        private readonly Lcp _lcp;
        private readonly IpcpProtocol _ipcp;
        private readonly byte[] _rx;
        private readonly byte[] _tx;
        private int _rxPos;
        private int _rxEnd;
        private IPppAuthenticator _auth;
        private IPppIpInput _ipInput;
        private bool _server;
        private int _requireAuth;
        private int _negotiationTimeoutMs = DefaultNegotiationTimeoutMs;
        private PppLinkState _state = PppLinkState.Idle;
        private int _phase = PhaseDead;
        private int _failureCode;
        private bool _givingUp;
        private bool _authStarted;
        private bool _wasUp;
        private bool _stopRequested;
        private bool _linkEnded;
        private bool _peerTerminated;
        private long _now;
        private long _negotiationDeadline;
        private long _lastActivityMs;
        private int _echoIntervalMs = DefaultEchoIntervalMs;
        private int _echoMaxMisses = DefaultEchoMaxMisses;
        private int _echoMisses;
        private long _nextEchoMs = long.MaxValue;
        private int _echoRequestsSent;
        private long _endMs;
        private PppLinkEnd _end = PppLinkEnd.None;
        private int _protocolRejects;
        private int _framesIn;
        private int _framesOut;

        /// <summary>
        /// Creates the session over <paramref name="link"/> with caller-owned buffers (from the budget):
        /// <paramref name="frameBuffer"/> MRU + 6, LCP tx/reply (1500 each), IPCP tx/reply (a few hundred
        /// bytes each), and read/write blocks of any size. <paramref name="seed"/> seeds LCP's Magic-Number.
        /// </summary>
        public PppLink(IByteLink link, byte[] frameBuffer, byte[] lcpTx, byte[] lcpReply, byte[] ipcpTx, byte[] ipcpReply,
            byte[] readBlock, byte[] writeBlock, uint seed)
        {
            _link = link;
            _decoder = new HdlcDecoder(frameBuffer);
            _lcp = new Lcp(this, lcpTx, lcpReply, seed, this);
            _ipcp = new IpcpProtocol(this, ipcpTx, ipcpReply, this);
            _rx = readBlock;
            _tx = writeBlock;
        }

        /// <summary>Creates the session with buffers of the sizes the Ppp README lists, allocated here (once).</summary>
        public PppLink(IByteLink link, uint seed)
            : this(link, new byte[LcpOption.DefaultMru + 6], new byte[LcpOption.DefaultMru], new byte[LcpOption.DefaultMru],
                new byte[DefaultIpcpBuffer], new byte[DefaultIpcpBuffer], new byte[DefaultIoBlock], new byte[DefaultIoBlock], seed)
        {
        }

        /// <summary>Link Control Protocol (configure it before <see cref="Start"/>; read the negotiated options).</summary>
        public Lcp Lcp => _lcp;

        /// <summary>IP Control Protocol.</summary>
        public IpcpProtocol Ipcp => _ipcp;

        /// <summary>The frame decoder (its counters: good frames, FCS errors…).</summary>
        public HdlcDecoder Decoder => _decoder;

        /// <summary>The session state.</summary>
        public PppLinkState State => _state;

        /// <summary>The 9.2 code of the failure (37120, 37121, 38980, 38981), valid when Failed; else 0.</summary>
        public int FailureCode => _failureCode;

        /// <summary>True when we run as PPP server.</summary>
        public bool IsServer => _server;

        /// <summary>The byte link reported its end (the data call is gone).</summary>
        public bool LinkEnded => _linkEnded;

        /// <summary>The peer terminated LCP (Terminate-Request) after we were Up.</summary>
        public bool PeerTerminated => _peerTerminated;

        /// <summary>Why the link ended (first cause), None while it runs.</summary>
        public PppLinkEnd End => _end;

        /// <summary>Time the link ended (Down or Failed), valid when <see cref="End"/> is not None.</summary>
        public long EndMs => _endMs;

        /// <summary>The LCP Echo watchdog declared the link dead (State Down, End LinkDead).</summary>
        public bool LinkDead => _end == PppLinkEnd.LinkDead;

        /// <summary>Echo-Requests the watchdog sent.</summary>
        public int EchoRequestsSent => _echoRequestsSent;

        /// <summary>Echo-Requests sent in a row without any frame received since.</summary>
        public int EchoMisses => _echoMisses;

        /// <summary>Our address (host byte order), valid when Up.</summary>
        public uint LocalAddress => _ipcp.LocalAddress;

        /// <summary>The peer's address (host byte order), valid when Up.</summary>
        public uint PeerAddress => _ipcp.PeerAddress;

        /// <summary>Primary DNS server learnt (client) or handed out (server), 0 when none.</summary>
        public uint Dns1 => _ipcp.Dns1;

        /// <summary>Secondary DNS server, 0 when none.</summary>
        public uint Dns2 => _ipcp.Dns2;

        /// <summary>Time of the last frame received.</summary>
        public long LastActivityMs => _lastActivityMs;

        /// <summary>Frames we answered with LCP Protocol-Reject.</summary>
        public int ProtocolRejects => _protocolRejects;

        /// <summary>Good frames received.</summary>
        public int FramesIn => _framesIn;

        /// <summary>Frames sent.</summary>
        public int FramesOut => _framesOut;

        /// <summary>Sets the authentication phase (null: none; then a negotiated authentication fails the link).</summary>
        public void SetAuthenticator(IPppAuthenticator auth)
        {
            _auth = auth;
        }

        /// <summary>Sets where received IPv4 datagrams go (null: dropped).</summary>
        public void SetIpInput(IPppIpInput input)
        {
            _ipInput = input;
        }

        /// <summary>Sets the limit of the whole negotiation, after which the link fails with the PPP timeout code.</summary>
        public void SetNegotiationTimeout(int ms)
        {
            _negotiationTimeoutMs = ms;
        }

        /// <summary>
        /// Sets the LCP Echo watchdog: while Up, after <paramref name="intervalMs"/> without a received frame
        /// an Echo-Request goes out, and every interval again; when <paramref name="maxMisses"/> of them are
        /// unanswered in a row the link is dead (State Down, <see cref="End"/> LinkDead). Any received frame
        /// resets it. <paramref name="intervalMs"/> 0 disables it.
        /// </summary>
        public void SetEchoWatchdog(int intervalMs, int maxMisses)
        {
            _echoIntervalMs = intervalMs;
            _echoMaxMisses = maxMisses < 1 ? 1 : maxMisses;
        }

        /// <summary>
        /// Client role: learn our address and DNS servers from the peer. <paramref name="peerHint"/>: the
        /// address we Nak a peer's 0.0.0.0 with (0: reject it).
        /// </summary>
        public void ConfigureClient(uint peerHint)
        {
            _server = false;
            _requireAuth = 0;
            _ipcp.ConfigureClient(peerHint);
        }

        /// <summary>
        /// Server role: PPPMYIP <paramref name="myAddress"/>, PPPPEERIP <paramref name="peerAddress"/>, DNS to
        /// hand out, and the authentication we require of the peer (0, PAP or CHAP).
        /// </summary>
        public void ConfigureServer(uint myAddress, uint peerAddress, uint dns1, uint dns2, int requireAuth)
        {
            _server = true;
            _requireAuth = requireAuth;
            _ipcp.ConfigureServer(myAddress, peerAddress, dns1, dns2);
        }

        /// <summary>Starts negotiating on the (connected) data call: LCP Open and Up.</summary>
        public void Start(long nowMs)
        {
            _now = nowMs;
            _state = PppLinkState.Starting;
            _phase = PhaseLcp;
            _failureCode = 0;
            _stopRequested = false;
            _linkEnded = false;
            _peerTerminated = false;
            _authStarted = false;
            _wasUp = false;
            _end = PppLinkEnd.None;
            _endMs = 0;
            _echoMisses = 0;
            _echoRequestsSent = 0;
            _nextEchoMs = long.MaxValue;
            _rxPos = 0;
            _rxEnd = 0;
            _negotiationDeadline = nowMs + _negotiationTimeoutMs;
            _lastActivityMs = nowMs;
            _decoder.Reset();
            _decoder.Configure(HdlcCodes.DefaultAccm, LcpOption.DefaultMru);
            _encoder.ResetOptions();
            _lcp.Configure(LcpOption.DefaultMru, 0, _requireAuth, true, true);
            _lcp.Fsm.Open(nowMs);
            _lcp.Fsm.Up(nowMs);
        }

        /// <summary>Terminates cleanly: LCP Terminate-Request; <see cref="State"/> becomes Down when it finished.</summary>
        public void Stop(long nowMs)
        {
            _now = nowMs;
            if (_state == PppLinkState.Starting || _state == PppLinkState.Up)
            {
                _stopRequested = true;
                _state = PppLinkState.Stopping;
                _lcp.Fsm.Close(nowMs);
            }
        }

        /// <summary>Sends one IPv4 datagram (only when Up); false otherwise.</summary>
        public bool SendIp(byte[] packet, int offset, int count)
        {
            if (_state != PppLinkState.Up)
            {
                return false;
            }

            Send(PppProtocol.Ipv4, packet, offset, count);
            return true;
        }

        /// <inheritdoc />
        public int Mtu => _lcp.PeerMru;

        /// <inheritdoc />
        public bool SendDatagram(byte[] datagram, int offset, int count)
        {
            return SendIp(datagram, offset, count);
        }

        /// <summary>When <see cref="Poll(long, int)"/> must next run for a timer (reading needs it to run whenever bytes may be waiting).</summary>
        public long NextDeadlineMs
        {
            get
            {
                long next = _lcp.Fsm.NextDeadlineMs;
                long t = _ipcp.Fsm.NextDeadlineMs;
                if (t < next) { next = t; }
                if (_auth != null && _phase == PhaseAuth)
                {
                    t = _auth.NextDeadlineMs;
                    if (t < next) { next = t; }
                }

                if (_state == PppLinkState.Starting && _negotiationDeadline < next)
                {
                    next = _negotiationDeadline;
                }

                if (_state == PppLinkState.Up && _nextEchoMs < next)
                {
                    next = _nextEchoMs;
                }

                return next;
            }
        }

        /// <summary>
        /// Reads what the link has (without waiting, or up to <paramref name="waitMs"/> for the first
        /// block), handles every frame, then runs the timers.
        /// </summary>
        public void Poll(long nowMs, int waitMs)
        {
            _now = nowMs;
            if (_state == PppLinkState.Idle || _state == PppLinkState.Down || _state == PppLinkState.Failed)
            {
                return;
            }

            int wait = waitMs;
            for (int blocks = 0; blocks < 64 && !_linkEnded; blocks++)
            {
                if (_rxPos >= _rxEnd)
                {
                    int n = _link.Read(_rx, 0, _rx.Length, wait);
                    wait = 0;
                    if (n < 0)
                    {
                        LinkLost();
                        return;
                    }

                    if (n == 0)
                    {
                        break;
                    }

                    _rxPos = 0;
                    _rxEnd = n;
                }

                while (_rxPos < _rxEnd)
                {
                    _rxPos += _decoder.Decode(_rx, _rxPos, _rxEnd - _rxPos);
                    if (_decoder.FrameReady)
                    {
                        Dispatch(nowMs);
                        if (_state == PppLinkState.Down || _state == PppLinkState.Failed)
                        {
                            return;
                        }
                    }
                }
            }

            RunTimers(nowMs);
        }

        /// <summary>Poll without waiting.</summary>
        public void Poll(long nowMs)
        {
            Poll(nowMs, 0);
        }

        /// <inheritdoc />
        public void Send(int protocol, byte[] packet, int offset, int count)
        {
            bool defaults = protocol == PppProtocol.Lcp && count > 0
                && packet[offset] >= ControlCode.ConfigureRequest && packet[offset] <= ControlCode.CodeReject;
            _encoder.Begin(protocol, packet, offset, count, defaults);
            while (!_encoder.Done)
            {
                int n = _encoder.Encode(_tx, 0, _tx.Length);
                if (n > 0)
                {
                    _link.Write(_tx, 0, n);
                }
            }

            _framesOut++;
        }

        /// <inheritdoc />
        public void LayerUp(int protocol)
        {
            if (protocol == PppProtocol.Lcp)
            {
                // The negotiated options apply to every frame from now on (RFC 1661 4.4 This-Layer-Up).
                _encoder.Configure(_lcp.PeerAccm, _lcp.PeerAcfc, _lcp.PeerPfc);
                _decoder.Configure(_lcp.LocalAccm, _lcp.LocalMru);
                _phase = PhaseAuth;   // Advance starts auth or IPCP once LCP is in Opened
            }
            else if (protocol == PppProtocol.Ipcp && _state == PppLinkState.Starting)
            {
                _state = PppLinkState.Up;
                _echoMisses = 0;
                _nextEchoMs = _echoIntervalMs > 0 ? _now + _echoIntervalMs : long.MaxValue;
            }
        }

        /// <inheritdoc />
        public void LayerDown(int protocol)
        {
            if (protocol == PppProtocol.Lcp)
            {
                _encoder.ResetOptions();
                _decoder.Configure(HdlcCodes.DefaultAccm, LcpOption.DefaultMru);
                if (_auth != null) { _auth.Stop(); }
                _authStarted = false;
                _ipcp.Fsm.Down(_now);   // back to Starting: IPCP renegotiates when LCP is up again
                if (_phase > PhaseLcp) { _phase = PhaseLcp; }
                BackToStarting();
            }
            else if (protocol == PppProtocol.Ipcp)
            {
                BackToStarting();
            }
        }

        /// <inheritdoc />
        public void LayerStarted(int protocol)
        {
        }

        /// <inheritdoc />
        public void LayerFinished(int protocol)
        {
            if (protocol == PppProtocol.Lcp)
            {
                _phase = PhaseDead;
                if (_stopRequested || _wasUp)
                {
                    SetEnd(_stopRequested ? PppLinkEnd.Stopped : PppLinkEnd.PeerTerminated);
                    _peerTerminated = _end == PppLinkEnd.PeerTerminated;
                    _state = PppLinkState.Down;
                }
                else if (_state == PppLinkState.Starting)
                {
                    Fail(_givingUp ? TimeoutCode() : NegotiationCode());
                }
            }
            else if (protocol == PppProtocol.Ipcp && _state == PppLinkState.Starting)
            {
                // IPCP gave up (no answer) or was refused: the link has no use, end LCP.
                FailAndTerminate(_givingUp ? TimeoutCode() : NegotiationCode());
            }
        }

        private void Dispatch(long nowMs)
        {
            _framesIn++;
            _lastActivityMs = nowMs;
            _echoMisses = 0;   // any frame proves the peer alive
            if (_state == PppLinkState.Up && _echoIntervalMs > 0)
            {
                _nextEchoMs = nowMs + _echoIntervalMs;
            }

            int protocol = _decoder.Protocol;
            byte[] buf = _decoder.Buffer;
            int off = _decoder.InfoOffset;
            int len = _decoder.InfoLength;
            switch (protocol)
            {
                case PppProtocol.Lcp:
                    _lcp.Fsm.Receive(nowMs, buf, off, len);
                    if (_lcp.Fsm.State == PppState.Stopping && _wasUp && !_stopRequested)
                    {
                        // The peer terminated after Up (our Terminate-Ack is out): end now rather than
                        // sit in Stopping for a restart period; Down + Close finish LCP without sending.
                        SetEnd(PppLinkEnd.PeerTerminated);
                        _lcp.Fsm.Down(nowMs);
                        _lcp.Fsm.Close(nowMs);
                        _phase = PhaseDead;
                        return;
                    }

                    break;
                case PppProtocol.Ipcp:
                    // Before the network phase IPCP packets are silently discarded (RFC 1661 3.4/3.5).
                    if (_phase == PhaseNetwork)
                    {
                        _ipcp.Fsm.Receive(nowMs, buf, off, len);
                    }

                    break;
                case PppProtocol.Pap:
                case PppProtocol.Chap:
                    if (_auth == null || !_auth.Receive(nowMs, protocol, buf, off, len))
                    {
                        Reject(protocol, buf, off, len);
                    }

                    break;
                case PppProtocol.Ipv4:
                    if (_state == PppLinkState.Up && _ipInput != null)
                    {
                        _ipInput.Receive(nowMs, buf, off, len);
                    }

                    break;
                default:
                    Reject(protocol, buf, off, len);
                    break;
            }

            Advance(nowMs);
        }

        private void Reject(int protocol, byte[] buf, int off, int len)
        {
            if (_lcp.IsOpened)
            {
                _protocolRejects++;
                _lcp.SendProtocolReject(protocol, buf, off, len);
            }
        }

        private void RunTimers(long nowMs)
        {
            if (_state == PppLinkState.Starting && nowMs - _negotiationDeadline >= 0)
            {
                FailAndTerminate(TimeoutCode());
                return;
            }

            if (_state == PppLinkState.Up && nowMs - _nextEchoMs >= 0)
            {
                Watchdog(nowMs);
                if (_state == PppLinkState.Down)
                {
                    return;
                }
            }

            PollFsm(_lcp.Fsm, nowMs);
            if (_state == PppLinkState.Down || _state == PppLinkState.Failed)
            {
                return;
            }

            PollFsm(_ipcp.Fsm, nowMs);
            if (_auth != null && _phase == PhaseAuth)
            {
                _auth.Poll(nowMs);
            }

            Advance(nowMs);
        }

        // LCP Echo watchdog (issue 7): Echo-Request on silence; too many unanswered in a row → dead.
        private void Watchdog(long nowMs)
        {
            if (_echoMisses >= _echoMaxMisses)
            {
                SetEnd(PppLinkEnd.LinkDead);
                _lcp.Fsm.Down(nowMs);    // no Terminate: nobody is listening
                _lcp.Fsm.Close(nowMs);
                _phase = PhaseDead;
                _state = PppLinkState.Down;
                return;
            }

            _lcp.SendEchoRequest();
            _echoRequestsSent++;
            _echoMisses++;
            _nextEchoMs = nowMs + _echoIntervalMs;
        }

        private void SetEnd(PppLinkEnd end)
        {
            if (_end == PppLinkEnd.None)
            {
                _end = end;
                _endMs = _now;
            }
        }

        private void PollFsm(ControlProtocolFsm fsm, long nowMs)
        {
            // A give-up (TO-) that ends the layer is a timeout: the peer did not answer.
            _givingUp = fsm.TimerRunning && fsm.RestartCounter <= 0 && nowMs - fsm.NextDeadlineMs >= 0;
            fsm.Poll(nowMs);
            _givingUp = false;
        }

        /// <summary>Moves between phases once the protocol that finished one is settled.</summary>
        private void Advance(long nowMs)
        {
            if (_phase == PhaseAuth && _lcp.IsOpened)
            {
                int peerAuth = _lcp.PeerAuth;
                int localAuth = _lcp.LocalAuth;
                if (peerAuth == 0 && localAuth == 0)
                {
                    StartNetwork(nowMs);
                }
                else if (_auth == null)
                {
                    FailAndTerminate(NegotiationCode());   // authentication negotiated, nothing to run it
                }
                else
                {
                    if (!_authStarted)
                    {
                        _authStarted = true;
                        _auth.Start(nowMs, peerAuth, localAuth);
                    }

                    if (_auth.Succeeded)
                    {
                        StartNetwork(nowMs);
                    }
                    else if (_auth.Failed)
                    {
                        FailAndTerminate(_auth.TimedOut ? TimeoutCode() : NegotiationCode());
                    }
                }
            }
        }

        // Up → Starting when LCP or IPCP leaves Opened (renegotiation or termination by the peer).
        private void BackToStarting()
        {
            if (_state == PppLinkState.Up)
            {
                _wasUp = true;
                _state = PppLinkState.Starting;
                _negotiationDeadline = _now + _negotiationTimeoutMs;
            }
        }

        private void StartNetwork(long nowMs)
        {
            _phase = PhaseNetwork;
            _authStarted = false;
            _ipcp.Fsm.Open(nowMs);
            _ipcp.Fsm.Up(nowMs);
        }

        private void LinkLost()
        {
            _linkEnded = true;
            SetEnd(PppLinkEnd.LinkEnded);
            if (_state == PppLinkState.Starting && !_wasUp)
            {
                Fail(TimeoutCode());   // the peer went away before the link came up
            }

            _lcp.Fsm.Down(_now);
            _lcp.Fsm.Close(_now);
            _phase = PhaseDead;
            if (_state != PppLinkState.Failed)
            {
                _state = PppLinkState.Down;
            }
        }

        private void FailAndTerminate(int code)
        {
            Fail(code);
            if (_auth != null) { _auth.Stop(); }
            _phase = PhaseDead;
            _lcp.Fsm.Close(_now);   // Terminate-Request; the peer hears why we leave
        }

        private void Fail(int code)
        {
            if (_state != PppLinkState.Failed)
            {
                SetEnd(PppLinkEnd.Failed);
                _state = PppLinkState.Failed;
                _failureCode = code;
            }
        }

        private int NegotiationCode()
        {
            return _server ? ServerNegotiationFailed : ClientNegotiationFailed;
        }

        private int TimeoutCode()
        {
            return _server ? ServerTimeout : ClientTimeout;
        }
    }
}
