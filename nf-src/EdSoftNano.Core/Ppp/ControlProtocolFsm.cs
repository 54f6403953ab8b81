namespace EdSoftNano.Ppp
{
    /// <summary>
    /// The RFC 1661 option negotiation automaton (section 4), shared by every control protocol: the
    /// ten states, the transition table, the restart timer and counters, the packet header
    /// (code, identifier, length) and the codes 1-7. The option logic lives behind
    /// <see cref="IControlProtocol"/>. Time is passed in: every call takes nowMs (any monotonic
    /// millisecond clock), <see cref="Poll"/> fires the restart timer, <see cref="NextDeadlineMs"/>
    /// says when it next needs to run. No allocation after construction.
    /// </summary>
    public sealed class ControlProtocolFsm
    {
        /// <summary>Configure-Requests sent before giving up (RFC 1661 4.6).</summary>
        public const int DefaultMaxConfigure = 10;

        /// <summary>Terminate-Requests sent before giving up.</summary>
        public const int DefaultMaxTerminate = 2;

        /// <summary>Configure-Naks sent without an Ack before Naks turn into Rejects.</summary>
        public const int DefaultMaxFailure = 5;

        /// <summary>Restart timer period.</summary>
        public const int DefaultRestartMs = 3000;

        private readonly int _protocol;
        private readonly IControlProtocol _options;
        private readonly IPppPacketOutput _output;
        private readonly byte[] _tx;
        private readonly byte[] _reply;
        private PppState _state = PppState.Initial;
        private int _restartMs = DefaultRestartMs;
        private int _maxConfigure = DefaultMaxConfigure;
        private int _maxTerminate = DefaultMaxTerminate;
        private int _maxFailure = DefaultMaxFailure;
        private int _counter;
        private bool _timerRunning;
        private long _deadline;
        private long _now;
        private int _requestId;
        private int _configureId = -1;
        private int _naksSent;
        private int _peerId;
        private int _replyCode;
        private int _replyLength;
        private int _lastActions;
        private byte[] _rejectSource;
        private int _rejectOffset;
        private int _rejectCount;

        /// <summary>
        /// Creates the automaton of <paramref name="protocol"/> (e.g. 0xC021 for LCP). It builds our
        /// packets in <paramref name="txBuffer"/> and its answers to the peer in
        /// <paramref name="replyBuffer"/>; both at least the peer's MRU for Code-Reject and Nak/Reject to be complete
        /// (shorter ones are truncated as RFC 1661 allows).
        /// </summary>
        public ControlProtocolFsm(int protocol, IControlProtocol options, IPppPacketOutput output, byte[] txBuffer, byte[] replyBuffer)
        {
            _protocol = protocol;
            _options = options;
            _output = output;
            _tx = txBuffer;
            _reply = replyBuffer;
        }

        /// <summary>The current state.</summary>
        public PppState State => _state;

        /// <summary>The protocol number of the packets.</summary>
        public int Protocol => _protocol;

        /// <summary>The actions (<see cref="PppActions"/> bits) the last event caused.</summary>
        public int LastActions => _lastActions;

        /// <summary>The restart counter.</summary>
        public int RestartCounter => _counter;

        /// <summary>True while the restart timer runs.</summary>
        public bool TimerRunning => _timerRunning;

        /// <summary>When <see cref="Poll"/> must next run, or long.MaxValue when the timer is stopped.</summary>
        public long NextDeadlineMs => _timerRunning ? _deadline : long.MaxValue;

        /// <summary>The identifier of our last Configure-Request (-1 before the first).</summary>
        public int ConfigureId => _configureId;

        /// <summary>The time of the last event, as passed in.</summary>
        public long NowMs => _now;

        /// <summary>The identifier to use for an extra packet (e.g. an Echo-Request); advances it.</summary>
        public int NextId()
        {
            _requestId = (_requestId + 1) & 0xFF;
            return _requestId;
        }

        /// <summary>Sets the restart period and the counters (RFC 1661 4.6).</summary>
        public void Configure(int restartMs, int maxConfigure, int maxTerminate, int maxFailure)
        {
            _restartMs = restartMs;
            _maxConfigure = maxConfigure;
            _maxTerminate = maxTerminate;
            _maxFailure = maxFailure;
        }

        /// <summary>The lower layer is up.</summary>
        public void Up(long nowMs) { _now = nowMs; Apply(PppEvent.Up); }

        /// <summary>The lower layer is down.</summary>
        public void Down(long nowMs) { _now = nowMs; Apply(PppEvent.Down); }

        /// <summary>Administrative Open.</summary>
        public void Open(long nowMs) { _now = nowMs; Apply(PppEvent.Open); }

        /// <summary>Administrative Close.</summary>
        public void Close(long nowMs) { _now = nowMs; Apply(PppEvent.Close); }

        /// <summary>Runs the restart timer: TO+ or TO- when it expired.</summary>
        public void Poll(long nowMs)
        {
            _now = nowMs;
            if (_timerRunning && nowMs - _deadline >= 0)
            {
                _timerRunning = false;
                Apply(_counter > 0 ? PppEvent.TimeoutRetry : PppEvent.TimeoutGiveUp);
            }
        }

        /// <summary>
        /// Handles one received packet of this protocol, packet[offset, offset + count) (the frame's
        /// information field). Malformed and out-of-sequence packets are silently discarded.
        /// </summary>
        public void Receive(long nowMs, byte[] packet, int offset, int count)
        {
            _now = nowMs;
            _lastActions = 0;
            if (count < ControlCode.HeaderLength || _state == PppState.Initial || _state == PppState.Starting)
            {
                return;
            }

            int code = packet[offset];
            int id = packet[offset + 1];
            int length = (packet[offset + 2] << 8) | packet[offset + 3];
            if (length < ControlCode.HeaderLength || length > count)
            {
                return;
            }

            int data = offset + ControlCode.HeaderLength;
            int dataLength = length - ControlCode.HeaderLength;
            bool negotiating = _state >= PppState.ReqSent;
            switch (code)
            {
                case ControlCode.ConfigureRequest:
                    _peerId = id;
                    if (_state == PppState.Closed || _state == PppState.Closing || _state == PppState.Stopping)
                    {
                        Apply(PppEvent.ConfigureRequestGood);   // answered by Terminate-Ack or ignored
                        return;
                    }

                    int replyLength;
                    int reply = _options.JudgeRequest(packet, data, dataLength, _reply, ControlCode.HeaderLength,
                        _reply.Length - ControlCode.HeaderLength, _naksSent >= _maxFailure, out replyLength);
                    _replyCode = reply;
                    _replyLength = replyLength;
                    Apply(reply == ControlCode.ConfigureAck ? PppEvent.ConfigureRequestGood : PppEvent.ConfigureRequestBad);
                    return;
                case ControlCode.ConfigureAck:
                    if (negotiating && (id != _configureId || !_options.AckReceived(packet, data, dataLength)))
                    {
                        return;
                    }

                    _peerId = id;
                    Apply(PppEvent.ConfigureAck);
                    return;
                case ControlCode.ConfigureNak:
                case ControlCode.ConfigureReject:
                    if (negotiating && (id != _configureId || !_options.NakReceived(packet, data, dataLength, code == ControlCode.ConfigureReject)))
                    {
                        return;
                    }

                    _peerId = id;
                    Apply(PppEvent.ConfigureNak);
                    return;
                case ControlCode.TerminateRequest:
                    _peerId = id;
                    Apply(PppEvent.TerminateRequest);
                    return;
                case ControlCode.TerminateAck:
                    Apply(PppEvent.TerminateAck);
                    return;
                case ControlCode.CodeReject:
                    int rejected = dataLength > 0 ? packet[data] : 0;
                    Apply(rejected >= ControlCode.ConfigureRequest && rejected <= ControlCode.CodeReject
                        ? PppEvent.RejectCatastrophic : PppEvent.RejectPermitted);
                    return;
                default:
                    if (!_options.OtherCode(code, id, packet, offset, length))
                    {
                        _peerId = id;
                        _rejectSource = packet;
                        _rejectOffset = offset;
                        _rejectCount = length;
                        Apply(PppEvent.UnknownCode);
                        _rejectSource = null;
                    }

                    return;
            }
        }

        /// <summary>
        /// Applies one event of the RFC 1661 4.1 transition table and performs its actions. The public
        /// methods above are the normal way in; this one drives the table directly (tests, and the
        /// protocol logic for RXJ from a Protocol-Reject). An event marked illegal ('-') is ignored.
        /// </summary>
        public void Apply(PppEvent e)
        {
            _lastActions = 0;
            PppState s = _state;
            switch (e)
            {
                case PppEvent.Up:
                    if (s == PppState.Initial) { Enter(PppState.Closed); }
                    else if (s == PppState.Starting) { Irc(true); Scr(); Enter(PppState.ReqSent); }
                    break;
                case PppEvent.Down:
                    switch (s)
                    {
                        case PppState.Closed: case PppState.Closing: Enter(PppState.Initial); break;
                        case PppState.Stopped: Tls(); Enter(PppState.Starting); break;
                        case PppState.Stopping: case PppState.ReqSent: case PppState.AckRcvd: case PppState.AckSent: Enter(PppState.Starting); break;
                        case PppState.Opened: Tld(); Enter(PppState.Starting); break;
                    }

                    break;
                case PppEvent.Open:
                    if (s == PppState.Initial) { Tls(); Enter(PppState.Starting); }
                    else if (s == PppState.Closed) { Irc(true); Scr(); Enter(PppState.ReqSent); }
                    else if (s == PppState.Closing) { Enter(PppState.Stopping); }
                    break;
                case PppEvent.Close:
                    switch (s)
                    {
                        case PppState.Starting: Tlf(); Enter(PppState.Initial); break;
                        case PppState.Stopped: Enter(PppState.Closed); break;
                        case PppState.Stopping: Enter(PppState.Closing); break;
                        case PppState.ReqSent: case PppState.AckRcvd: case PppState.AckSent: Irc(false); Str(); Enter(PppState.Closing); break;
                        case PppState.Opened: Tld(); Irc(false); Str(); Enter(PppState.Closing); break;
                    }

                    break;
                case PppEvent.TimeoutRetry:
                    switch (s)
                    {
                        case PppState.Closing: case PppState.Stopping: Str(); break;
                        case PppState.ReqSent: case PppState.AckRcvd: Scr(); Enter(PppState.ReqSent); break;
                        case PppState.AckSent: Scr(); break;
                    }

                    break;
                case PppEvent.TimeoutGiveUp:
                    switch (s)
                    {
                        case PppState.Closing: Tlf(); Enter(PppState.Closed); break;
                        case PppState.Stopping: case PppState.ReqSent: case PppState.AckRcvd: case PppState.AckSent: Tlf(); Enter(PppState.Stopped); break;
                    }

                    break;
                case PppEvent.ConfigureRequestGood:
                    switch (s)
                    {
                        case PppState.Closed: Sta(); break;
                        case PppState.Stopped: Irc(true); Scr(); Sca(); Enter(PppState.AckSent); break;
                        case PppState.ReqSent: case PppState.AckSent: Sca(); Enter(PppState.AckSent); break;
                        case PppState.AckRcvd: Sca(); Tlu(); Enter(PppState.Opened); break;
                        case PppState.Opened: Tld(); Scr(); Sca(); Enter(PppState.AckSent); break;
                    }

                    break;
                case PppEvent.ConfigureRequestBad:
                    switch (s)
                    {
                        case PppState.Closed: Sta(); break;
                        case PppState.Stopped: Irc(true); Scr(); Scn(); Enter(PppState.ReqSent); break;
                        case PppState.ReqSent: case PppState.AckSent: Scn(); Enter(PppState.ReqSent); break;
                        case PppState.AckRcvd: Scn(); break;
                        case PppState.Opened: Tld(); Scr(); Scn(); Enter(PppState.ReqSent); break;
                    }

                    break;
                case PppEvent.ConfigureAck:
                    switch (s)
                    {
                        case PppState.Closed: case PppState.Stopped: Sta(); break;
                        case PppState.ReqSent: Irc(true); Enter(PppState.AckRcvd); break;
                        case PppState.AckRcvd: Scr(); Enter(PppState.ReqSent); break;
                        case PppState.AckSent: Irc(true); Tlu(); Enter(PppState.Opened); break;
                        case PppState.Opened: Tld(); Scr(); Enter(PppState.ReqSent); break;
                    }

                    break;
                case PppEvent.ConfigureNak:
                    switch (s)
                    {
                        case PppState.Closed: case PppState.Stopped: Sta(); break;
                        case PppState.ReqSent: Irc(true); Scr(); break;
                        case PppState.AckRcvd: Scr(); Enter(PppState.ReqSent); break;
                        case PppState.AckSent: Irc(true); Scr(); break;
                        case PppState.Opened: Tld(); Scr(); Enter(PppState.ReqSent); break;
                    }

                    break;
                case PppEvent.TerminateRequest:
                    switch (s)
                    {
                        case PppState.Closed: case PppState.Stopped: case PppState.Closing: case PppState.Stopping: Sta(); break;
                        case PppState.ReqSent: case PppState.AckRcvd: case PppState.AckSent: Sta(); Enter(PppState.ReqSent); break;
                        case PppState.Opened: Tld(); Zrc(); Sta(); Enter(PppState.Stopping); break;
                    }

                    break;
                case PppEvent.TerminateAck:
                    switch (s)
                    {
                        case PppState.Closing: Tlf(); Enter(PppState.Closed); break;
                        case PppState.Stopping: Tlf(); Enter(PppState.Stopped); break;
                        case PppState.AckRcvd: Enter(PppState.ReqSent); break;
                        case PppState.Opened: Tld(); Scr(); Enter(PppState.ReqSent); break;
                    }

                    break;
                case PppEvent.UnknownCode:
                    if (s >= PppState.Closed) { Scj(); }
                    break;
                case PppEvent.RejectPermitted:
                    if (s == PppState.AckRcvd) { Enter(PppState.ReqSent); }
                    break;
                case PppEvent.RejectCatastrophic:
                    switch (s)
                    {
                        case PppState.Closed: case PppState.Closing: Tlf(); Enter(PppState.Closed); break;
                        case PppState.Stopped: case PppState.Stopping: case PppState.ReqSent: case PppState.AckRcvd: case PppState.AckSent: Tlf(); Enter(PppState.Stopped); break;
                        case PppState.Opened: Tld(); Irc(false); Str(); Enter(PppState.Stopping); break;
                    }

                    break;
                case PppEvent.EchoOrDiscard:
                    // Send-Echo-Reply in Opened is the protocol's business (LCP answers the Echo-Request
                    // in OtherCode); the automaton only records it.
                    if (s == PppState.Opened) { _lastActions |= PppActions.Ser; }
                    break;
            }
        }

        /// <summary>Sends a packet of <paramref name="code"/> with data[offset, offset + count) (e.g. Echo-Reply, Protocol-Reject), truncated to the transmit buffer.</summary>
        public void SendPacket(int code, int id, byte[] data, int offset, int count)
        {
            int room = _tx.Length - ControlCode.HeaderLength;
            int n = count < room ? count : room;
            if (n > 0)
            {
                System.Array.Copy(data, offset, _tx, ControlCode.HeaderLength, n);
            }

            Emit(_tx, code, id, n);
        }

        /// <summary>The transmit buffer, for a protocol that builds an extra packet's data in place at <see cref="ControlCode.HeaderLength"/> before <see cref="SendBuilt"/>.</summary>
        public byte[] TxBuffer => _tx;

        /// <summary>Sends the packet whose data the caller wrote into <see cref="TxBuffer"/> at offset 4.</summary>
        public void SendBuilt(int code, int id, int dataLength)
        {
            Emit(_tx, code, id, dataLength);
        }

        private void Emit(byte[] buf, int code, int id, int dataLength)
        {
            int length = ControlCode.HeaderLength + dataLength;
            buf[0] = (byte)code;
            buf[1] = (byte)id;
            buf[2] = (byte)(length >> 8);
            buf[3] = (byte)length;
            _output.Send(_protocol, buf, 0, length);
        }

        private void Enter(PppState s)
        {
            _state = s;
            if (s == PppState.Initial || s == PppState.Starting || s == PppState.Closed || s == PppState.Stopped || s == PppState.Opened)
            {
                _timerRunning = false;
            }
        }

        private void StartTimer()
        {
            _timerRunning = true;
            _deadline = _now + _restartMs;
        }

        private void Irc(bool configure)
        {
            _lastActions |= PppActions.Irc;
            _counter = configure ? _maxConfigure : _maxTerminate;
        }

        private void Zrc()
        {
            _lastActions |= PppActions.Zrc;
            _counter = 0;
            StartTimer();
        }

        private void Scr()
        {
            _lastActions |= PppActions.Scr;
            if (_state == PppState.Closed || _state == PppState.Stopped || _state == PppState.Starting || _state == PppState.Opened)
            {
                // A new negotiation: back to the options we want, and a fresh Nak budget.
                _options.ResetOptions();
                _naksSent = 0;
            }

            int n = _options.BuildRequest(_tx, ControlCode.HeaderLength, _tx.Length - ControlCode.HeaderLength);
            _counter--;
            _configureId = NextId();
            Emit(_tx, ControlCode.ConfigureRequest, _configureId, n);
            StartTimer();
        }

        private void Sca()
        {
            _lastActions |= PppActions.Sca;
            _naksSent = 0;
            Emit(_reply, ControlCode.ConfigureAck, _peerId, _replyCode == ControlCode.ConfigureAck ? _replyLength : 0);
        }

        private void Scn()
        {
            _lastActions |= PppActions.Scn;
            int code = _replyCode == ControlCode.ConfigureReject ? ControlCode.ConfigureReject : ControlCode.ConfigureNak;
            if (code == ControlCode.ConfigureNak)
            {
                _naksSent++;
            }

            Emit(_reply, code, _peerId, _replyLength);
        }

        private void Str()
        {
            _lastActions |= PppActions.Str;
            _counter--;
            Emit(_tx, ControlCode.TerminateRequest, NextId(), 0);
            StartTimer();
        }

        private void Sta()
        {
            _lastActions |= PppActions.Sta;
            Emit(_reply, ControlCode.TerminateAck, _peerId, 0);
        }

        private void Scj()
        {
            _lastActions |= PppActions.Scj;
            int n = 0;
            if (_rejectSource != null)
            {
                int room = _reply.Length - ControlCode.HeaderLength;
                n = _rejectCount < room ? _rejectCount : room;
                System.Array.Copy(_rejectSource, _rejectOffset, _reply, ControlCode.HeaderLength, n);
            }

            Emit(_reply, ControlCode.CodeReject, NextId(), n);
        }

        private void Tlu() { _lastActions |= PppActions.Tlu; _options.LayerUp(); }

        private void Tld() { _lastActions |= PppActions.Tld; _options.LayerDown(); }

        private void Tls() { _lastActions |= PppActions.Tls; _options.LayerStarted(); }

        private void Tlf() { _lastActions |= PppActions.Tlf; _options.LayerFinished(); }
    }
}
