using EdSoftNano.At;
using EdSoftNano.Modem;
using EdSoftNano.Parameters;
using EdSoftNano.Ports;

namespace EdSoftNano.Session
{
    /// <summary>
    /// The session state machine of spec 2.2 and 8.2: #CONNECTIONSTART (GSM data call with redial,
    /// or GPRS session), #ACCEPT and the automatic answer/callback modes, #CONNECTIONSTOP,
    /// #DISPLAYIP, PHYTIMEOUT, and the losses (carrier, GPRS registration, SIM). It never blocks
    /// the interpreter: its lines (DIALING, CONNECT, the IP address, Ok_Info_Ppp …) come as they
    /// happen, so the host can ask #VSTATE or send #CONNECTIONSTOP meanwhile.
    /// </summary>
    public sealed class ConnectionSession : IActionHandler, IModemEvents, IHostEtxListener
    {
        /// <summary>Rings further apart than this belong to different calls.</summary>
        public const int RingGapMs = 8000;

        /// <summary>How long to wait after the deciding RING for its +CLIP line.</summary>
        public const int CallerIdWaitMs = 1000;

        /// <summary>How long a bearer may take to stop before the call is hung up anyway.</summary>
        public const int BearerStopMs = 3000;

        private enum Step
        {
            None, SimCheck, RegistrationCheck, DefineContext, Dial, RedialWait, Answer, BearerStarting, Online,
            StopBearer, Escape, HangUp, CallbackHangUp, CallbackWait,
        }

        private readonly ModemChannel _modem;
        private readonly ParameterStore _params;
        private readonly ResponseWriter _out;
        private readonly IBearer _bearer;
        private readonly BearerRequest _request = new BearerRequest();
        private readonly int[] _fields = new int[4];

        private SessionState _state;
        private Step _step;
        private bool _waiting;
        private long _timer;
        private bool _gprs;
        private bool _incoming;
        private bool _acceptedByHost;
        private string _number = string.Empty;
        private int _redials;
        private bool _replyOkWhenIdle;
        private bool _bearerStarted;
        private int _lastRegistration = -1;

        private int _rings;
        private long _lastRingMs;
        private bool _callIsData;
        private string _callerId;
        private bool _decisionPending;
        private long _decideAt;
        private bool _callbackDynamic;

        public ConnectionSession(ModemChannel modem, ParameterStore parameters, ResponseWriter writer, IBearer bearer)
        {
            _modem = modem;
            _params = parameters;
            _out = writer;
            _bearer = bearer;
            modem.Events = this;
        }

        /// <summary>The services (TCP, FTP …) that run over a connected session; null until they exist.</summary>
        public IActionHandler Services;

        public SessionState State => _state;

        /// <summary>True once CONNECTED: an IP link exists.</summary>
        public bool Connected => _state == SessionState.Connected;

        /// <summary>The bearer's sockets, DNS and ping while CONNECTED (what the services use), else null.</summary>
        public INetStack NetStack => Connected ? _bearer.Stack : null;

        /// <summary>The DNS server the bearer learnt (IPCP), primary or secondary; 0 when none or not connected.</summary>
        public uint BearerDns(bool primary) => !Connected ? 0 : primary ? _bearer.PrimaryDns : _bearer.SecondaryDns;

        public bool Busy => Services != null && Services.Busy;

        public bool Settled => !_waiting && !_decisionPending && (_step == Step.None || _step == Step.Online)
            && (Services == null || Services.Settled);

        public string StateName
        {
            get
            {
                switch (_state)
                {
                    case SessionState.Checking: return "CHECKING";
                    case SessionState.Dialing: return "DIALING";
                    case SessionState.Authenticating: return "AUTHENTICATING";
                    case SessionState.Connected: return "CONNECTED";
                    case SessionState.Disconnecting: return "DISCONNECTING";
                    default:
                        // "#NO SERVICE: no radio connection made" once the modem said it is not registered.
                        return _lastRegistration >= 0 && _lastRegistration != 1 && _lastRegistration != 5 ? null : "IDLE";
                }
            }
        }

        public bool IsRunning(ServiceTag service, int socketId)
        {
            if (service == ServiceTag.Session)
            {
                return _state != SessionState.Idle || _step == Step.CallbackWait || _step == Step.CallbackHangUp;
            }

            return Services != null && Services.IsRunning(service, socketId);
        }

        public int Start(ActionCommand command, int socketId, long nowMs)
        {
            switch (command)
            {
                case ActionCommand.ConnectionStart:
                    return StartConnection(false, null, nowMs);
                case ActionCommand.ConnectionStop:
                    Stop(nowMs);
                    return ErrorCodes.None;
                case ActionCommand.Accept:
                    return Accept(nowMs);
                case ActionCommand.DisplayIp:
                    return DisplayIp();
                default:
                    if (!Connected)
                    {
                        return ErrorCodes.PhysicalLayerNotActive;
                    }

                    return Services == null ? ErrorCodes.InternalResourceUnavailable : Services.Start(command, socketId, nowMs);
            }
        }

        public int Feed(byte[] buffer, int offset, int count, long nowMs)
            => Services == null ? 0 : Services.Feed(buffer, offset, count, nowMs);

        /// <summary>A host ETX between commands belongs to the services (a TCP listener's abort).</summary>
        public bool OnHostEtx(long nowMs) => Services is IHostEtxListener listener && listener.OnHostEtx(nowMs);

        public void Poll(long nowMs)
        {
            if (_bearer != null && _bearerStarted)
            {
                _bearer.Poll(nowMs);
            }

            if (Services != null)
            {
                Services.Poll(nowMs);
            }

            if (_decisionPending && nowMs - _decideAt >= 0)
            {
                Decide(nowMs);
            }

            if (_waiting)
            {
                if (_modem.Busy)
                {
                    return;
                }

                _waiting = false;
                OnModemResult(nowMs);
                return;
            }

            OnTick(nowMs);
        }

        // ---- commands ----

        private int StartConnection(bool dynamicCallback, string number, long nowMs)
        {
            if (_state != SessionState.Idle)
            {
                return ErrorCodes.ModemAlreadyRunning;
            }

            if (_bearer == null)
            {
                // No network layer exists on this device to run over a data call.
                return ErrorCodes.InternalResourceUnavailable;
            }

            if (_params.GetInt(ParameterTable.PppMode) == 9)
            {
                return ErrorCodes.BadParameterConfiguration;
            }

            _gprs = !dynamicCallback && _params.GetInt(ParameterTable.GprsMode) == 1;
            _incoming = false;
            _acceptedByHost = false;
            _redials = 0;
            _number = number ?? (_params.GetInt(ParameterTable.DialSelect) == 2
                ? _params.Get(ParameterTable.DialN2) : _params.Get(ParameterTable.DialN1));
            if (!_gprs && _number.Length == 0)
            {
                return ErrorCodes.BadParameterConfiguration;
            }

            _state = SessionState.Checking;
            Send(Step.SimCheck, "AT+CPIN?", ModemTimeouts.Command, nowMs);
            return ErrorCodes.None;
        }

        private int Accept(long nowMs)
        {
            if (_state != SessionState.Idle)
            {
                return ErrorCodes.ModemAlreadyRunning;
            }

            if (_bearer == null)
            {
                return ErrorCodes.InternalResourceUnavailable;
            }

            if (Ringing(nowMs) && !_callIsData)
            {
                return ErrorCodes.InvalidIncomingCallType;
            }

            // 2.2.1: OK at once ("beginning of the call setting process"), then the call's lines.
            _out.Result(ResultCode.Ok);
            _acceptedByHost = true;
            Answer(nowMs);
            return ErrorCodes.None;
        }

        private void Answer(long nowMs)
        {
            _gprs = false;
            _incoming = true;
            _state = SessionState.Checking;
            _rings = 0;
            _decisionPending = false;
            Send(Step.Answer, "ATA", ModemTimeouts.Network, nowMs);
        }

        private int DisplayIp()
        {
            if (!Connected)
            {
                return ErrorCodes.PhysicalLayerNotActive;
            }

            _out.Line(string.Concat("MY IP: ", IPv4Text.Format(_bearer.LocalAddress)));
            _out.Line(string.Concat(_gprs ? "Gateway IP: " : "PEER IP: ", IPv4Text.Format(_bearer.PeerAddress)));
            _out.Result(ResultCode.Ok);
            return ErrorCodes.None;
        }

        private void Stop(long nowMs)
        {
            _decisionPending = false;
            if (_state == SessionState.Idle && _step != Step.CallbackWait && _step != Step.CallbackHangUp)
            {
                _out.Result(ResultCode.Ok);
                return;
            }

            _replyOkWhenIdle = true;
            _state = SessionState.Disconnecting;
            if (!_waiting)
            {
                TearDown(nowMs);
            }
        }

        // ---- the machine ----

        private void Send(Step step, string command, int timeoutMs, long nowMs)
        {
            _step = step;
            _waiting = true;
            _modem.Send(command, timeoutMs, nowMs);
        }

        private void OnModemResult(long nowMs)
        {
            if (_state == SessionState.Disconnecting && _step != Step.Escape && _step != Step.HangUp && _step != Step.StopBearer)
            {
                // #CONNECTIONSTOP came while a command was out: that command's answer no longer matters.
                TearDown(nowMs);
                return;
            }

            ModemResult result = _modem.Result;
            switch (_step)
            {
                case Step.SimCheck:
                    if (result == ModemResult.Ok && _modem.Info == "+CPIN: READY")
                    {
                        Send(Step.RegistrationCheck, _gprs ? "AT+CGREG?" : "AT+CREG?", ModemTimeouts.Command, nowMs);
                    }
                    else
                    {
                        bool noSim = result == ModemResult.CmeError && (_modem.ResultLine == "+CME ERROR: 10" || _modem.ResultLine == "+CME ERROR: SIM not inserted");
                        Fail(noSim ? ErrorCodes.SimRemoved : ErrorCodes.NotAttached);
                    }

                    break;
                case Step.RegistrationCheck:
                    if (result == ModemResult.Ok && IsRegistered(_modem.Info))
                    {
                        AfterRegistration(nowMs);
                    }
                    else
                    {
                        Fail(ErrorCodes.NotAttached);
                    }

                    break;
                case Step.DefineContext:
                    if (result == ModemResult.Ok)
                    {
                        _state = SessionState.Dialing;
                        Send(Step.Dial, string.Concat("ATD*99***", _params.Get(ParameterTable.GprsCid), "#"), ModemTimeouts.Network, nowMs);
                    }
                    else
                    {
                        Fail(ErrorCodes.GprsConnectionAborted);
                    }

                    break;
                case Step.Dial:
                    OnDialResult(result, nowMs);
                    break;
                case Step.Answer:
                    if (result == ModemResult.Connect)
                    {
                        _out.ResultWithText(_modem.ResultLine, ConnectCode(_modem.ResultLine));
                        StartBearer(nowMs);
                    }
                    else
                    {
                        WriteCallFailure(result);
                        EndIdle();
                    }

                    break;
                case Step.CallbackHangUp:
                    _step = Step.CallbackWait;
                    _timer = nowMs + (long)_params.GetInt(ParameterTable.CallbackTimer) * 1000;
                    break;
                case Step.Escape:
                case Step.HangUp:
                case Step.StopBearer:
                    ContinueTearDown(nowMs);
                    break;
            }
        }

        private void AfterRegistration(long nowMs)
        {
            if (_gprs)
            {
                string apn = _params.Get(ParameterTable.ApnServ);
                Send(Step.DefineContext, string.Concat("AT+CGDCONT=", _params.Get(ParameterTable.GprsCid), ",\"IP\",\"", apn, "\""), ModemTimeouts.Command, nowMs);
                return;
            }

            Dial(nowMs);
        }

        private void Dial(long nowMs)
        {
            _state = SessionState.Dialing;
            _out.Line("DIALING");
            _out.Line(_number);
            Send(Step.Dial, string.Concat("ATD", _number), ModemTimeouts.Network, nowMs);
        }

        private void OnDialResult(ModemResult result, long nowMs)
        {
            if (result == ModemResult.Connect)
            {
                if (!_gprs)
                {
                    _out.ResultWithText(_modem.ResultLine, ConnectCode(_modem.ResultLine));
                }

                StartBearer(nowMs);
                return;
            }

            if (_gprs)
            {
                // +CME ERROR: 533 is 27.007's "missing or unknown APN".
                Fail(_modem.ResultLine == "+CME ERROR: 533" ? ErrorCodes.GprsConnectionAborted : ErrorCodes.InvalidActivationEvent);
                return;
            }

            WriteCallFailure(result);
            if (_redials < _params.GetInt(ParameterTable.RedialCount))
            {
                _redials++;
                _step = Step.RedialWait;
                _timer = nowMs + (long)_params.GetInt(ParameterTable.RedialDelay) * 1000;
                return;
            }

            EndIdle();
        }

        private void StartBearer(long nowMs)
        {
            _state = SessionState.Authenticating;
            int mode = _params.GetInt(ParameterTable.PppMode);
            // 2.1.13: 1 standard, 2 reverse, 3 client only, 4 server only; GPRS is always the client.
            bool server = !_gprs && (mode == 4 || (mode == 1 && _incoming) || (mode == 2 && !_incoming));
            _request.Gprs = _gprs;
            _request.Server = server;
            _request.User = server ? _params.Get(ParameterTable.PppServUn) : _gprs ? _params.Get(ParameterTable.ApnUn) : _params.Get(ParameterTable.IspUn);
            _request.Password = server ? _params.Get(ParameterTable.PppServPw) : _gprs ? _params.Get(ParameterTable.ApnPw) : _params.Get(ParameterTable.IspPw);
            _request.ServerLocalAddress = IPv4Text.Parse(_params.Get(ParameterTable.PppMyIp));
            _request.ServerPeerAddress = IPv4Text.Parse(_params.Get(ParameterTable.PppPeerIp));
            _request.ServerDns1 = IPv4Text.Parse(_params.Get(ParameterTable.DnsServ1));
            _request.ServerDns2 = IPv4Text.Parse(_params.Get(ParameterTable.DnsServ2));
            _bearerStarted = true;
            _step = Step.BearerStarting;
            _bearer.Start(_request, _modem, nowMs);
        }

        private void OnTick(long nowMs)
        {
            switch (_step)
            {
                case Step.RedialWait:
                    if (nowMs - _timer >= 0)
                    {
                        Dial(nowMs);
                    }

                    break;
                case Step.CallbackWait:
                    if (nowMs - _timer >= 0)
                    {
                        _step = Step.None;
                        int error = StartConnection(_callbackDynamic, _callbackDynamic ? _callerId : null, nowMs);
                        if (error != ErrorCodes.None)
                        {
                            _out.Error(error);
                        }
                    }

                    break;
                case Step.BearerStarting:
                    if (_bearer.State == BearerState.Up)
                    {
                        _out.Line(IPv4Text.Format(_bearer.LocalAddress));
                        if (_gprs)
                        {
                            _out.Result(ResultCode.GprsActivation);
                        }
                        else if (_acceptedByHost || _incoming)
                        {
                            _out.ResultWithText("PPP OK", (int)ResultCode.Ppp);
                        }
                        else
                        {
                            _out.Result(ResultCode.Ppp);
                        }

                        _state = SessionState.Connected;
                        _step = Step.Online;
                    }
                    else if (_bearer.CallEnded)
                    {
                        // The modem's NO CARRIER came inside the PPP stream: the call dropped while negotiating.
                        _modem.GoOffline();
                        OnCarrierLost(nowMs);
                    }
                    else if (_bearer.State == BearerState.Failed || _bearer.State == BearerState.Down)
                    {
                        int code = _bearer.FailureCode;
                        if (code == 0)
                        {
                            code = _request.Server ? ErrorCodes.PppServerNegotiationFailed : ErrorCodes.PppClientNegotiationFailed;
                        }

                        if (!_gprs && (_acceptedByHost || _incoming))
                        {
                            // 2.2.1.2: an answered call reports "PPP ERROR" (ATV0: the 9.2 code).
                            _out.ResultWithText("PPP ERROR", code);
                        }
                        else
                        {
                            _out.Error(code);
                        }

                        TearDown(nowMs);
                    }

                    break;
                case Step.Online:
                    if (_bearer.State != BearerState.Up)
                    {
                        BearerLost(nowMs);
                        break;
                    }

                    CheckInactivity(nowMs);
                    break;
                case Step.StopBearer:
                    if (_bearer.State == BearerState.Down || _bearer.State == BearerState.Failed || nowMs - _timer >= 0)
                    {
                        _bearerStarted = false;
                        ContinueTearDown(nowMs);
                    }

                    break;
            }
        }

        private void CheckInactivity(long nowMs)
        {
            long last = _modem.LastDataMs;
            if (_bearer.LastActivityMs - last > 0)
            {
                last = _bearer.LastActivityMs;
            }

            long limit = (long)_params.GetInt(ParameterTable.PhyTimeout) * 60000;
            if (nowMs - last >= limit)
            {
                // 2.1.6: "TIMEOUT: the inactivity timer is reached, the product ends the communication".
                TellServices(ErrorCodes.PhysicalLayerNotActive, nowMs);
                _out.Framed("TIMEOUT");
                TearDown(nowMs);
            }
        }

        /// <summary>
        /// The link under a connected session went away by itself (PPP's echo watchdog, the peer's
        /// Terminate, the modem's NO CARRIER in the stream): reported as the lost carrier, 35841 in
        /// GPRS, NO CARRIER in GSM; then the call is hung up unless the modem ended it already.
        /// </summary>
        private void BearerLost(long nowMs)
        {
            if (_bearer.CallEnded)
            {
                _modem.GoOffline();
                OnCarrierLost(nowMs);
                return;
            }

            ReportCarrierLost(nowMs);
            _bearer.Stop(nowMs);
            _bearerStarted = false;
            _state = SessionState.Disconnecting;
            ContinueTearDown(nowMs);
        }

        // The lost link as the host reads it: 35841 in GPRS (through a running service when there is
        // one); in GSM a service in data mode ends it first (ETX, 35867), then the call's NO CARRIER.
        private void ReportCarrierLost(long nowMs)
        {
            if (_gprs)
            {
                if (!TellServices(ErrorCodes.GprsSessionLost, nowMs))
                {
                    _out.Error(ErrorCodes.GprsSessionLost);
                }
            }
            else
            {
                TellServices(ErrorCodes.PhysicalLayerNotActive, nowMs);
                _out.Result(ResultCode.NoCarrier);
            }
        }

        /// <summary>Stops the bearer, leaves the data call (+++), hangs up, then goes idle.</summary>
        private void TearDown(long nowMs)
        {
            if (_state != SessionState.Disconnecting)
            {
                _state = SessionState.Disconnecting;
            }

            if (_bearerStarted)
            {
                _bearer.Stop(nowMs);
                _step = Step.StopBearer;
                _timer = nowMs + BearerStopMs;
                return;
            }

            ContinueTearDown(nowMs);
        }

        private void ContinueTearDown(long nowMs)
        {
            if (_step != Step.Escape && _step != Step.HangUp && _modem.Online)
            {
                // The UART carries the call: leave it with +++ before ATH can be heard.
                _step = Step.Escape;
                _waiting = true;
                _modem.Escape(nowMs);
                return;
            }

            if (_step != Step.HangUp)
            {
                Send(Step.HangUp, "ATH", ModemTimeouts.Command, nowMs);
                return;
            }

            _modem.GoOffline();
            EndIdle();
        }

        private void Fail(int code)
        {
            _out.Error(code);
            EndIdle();
        }

        private void EndIdle()
        {
            _state = SessionState.Idle;
            _step = Step.None;
            _bearerStarted = false;
            if (_replyOkWhenIdle)
            {
                _replyOkWhenIdle = false;
                _out.Result(ResultCode.Ok);
            }
        }

        private void WriteCallFailure(ModemResult result)
        {
            switch (result)
            {
                case ModemResult.Busy: _out.Result(ResultCode.Busy); break;
                case ModemResult.NoAnswer: _out.Result(ResultCode.NoAnswer); break;
                case ModemResult.Timeout: _out.Result(ResultCode.NoAnswer); break;
                case ModemResult.Error: _out.Result(ResultCode.Error); break;
                default: _out.Result(ResultCode.NoCarrier); break;
            }
        }

        private bool IsRegistered(string info)
        {
            int count = ModemLine.Fields(info, _fields);
            int status = count >= 2 ? _fields[1] : count == 1 ? _fields[0] : -1;
            return status == 1 || status == 5;
        }

        private static int ConnectCode(string line)
        {
            switch (line)
            {
                case "CONNECT 300": return 10;
                case "CONNECT 1200": return 11;
                case "CONNECT 1200/75": return 12;
                case "CONNECT 2400": return 13;
                case "CONNECT 4800": return 14;
                case "CONNECT 9600": return 15;
                case "CONNECT 14400": return 16;
                default: return (int)ResultCode.Connect;
            }
        }

        // ---- modem events ----

        public void OnRing(bool isData, long nowMs)
        {
            _out.Result(ResultCode.Ring);
            if (_state != SessionState.Idle || _step == Step.CallbackWait || _step == Step.CallbackHangUp)
            {
                return;
            }

            if (!Ringing(nowMs))
            {
                _rings = 0;
                _callerId = null;
            }

            _rings++;
            _lastRingMs = nowMs;
            _callIsData = isData;
            int mode = _params.GetInt(ParameterTable.AnswerMode);
            int ringCount = _params.GetInt(ParameterTable.RingCount);
            if (mode != 0 && ringCount > 0 && _rings == ringCount)
            {
                _decisionPending = true;
                _decideAt = nowMs + CallerIdWaitMs;
                if (_callerId != null)
                {
                    Decide(nowMs);
                }
            }
        }

        public void OnCallerId(string number, long nowMs)
        {
            _callerId = number;
            if (_decisionPending)
            {
                Decide(nowMs);
            }
        }

        public void OnRegistration(bool gprs, int status, long nowMs)
        {
            bool registered = status == 1 || status == 5;
            if (gprs)
            {
                if (!registered && _gprs && (_state == SessionState.Connected || _state == SessionState.Authenticating))
                {
                    // 9.2: 35841 "GPRS session lost" — through a running service when there is one.
                    if (!TellServices(ErrorCodes.GprsSessionLost, nowMs))
                    {
                        _out.Error(ErrorCodes.GprsSessionLost);
                    }

                    TearDown(nowMs);
                }

                return;
            }

            _lastRegistration = status;
        }

        public void OnCarrierLost(long nowMs)
        {
            if (_state != SessionState.Connected && _state != SessionState.Authenticating)
            {
                return;
            }

            ReportCarrierLost(nowMs);
            if (_bearerStarted)
            {
                _bearer.Stop(nowMs);
                _bearerStarted = false;
            }

            EndIdle();
        }

        public void OnSimRemoved(long nowMs)
        {
            if (!TellServices(ErrorCodes.SimRemoved, nowMs))
            {
                _out.Error(ErrorCodes.SimRemoved);
            }

            if (_state != SessionState.Idle && _state != SessionState.Disconnecting)
            {
                _state = SessionState.Disconnecting;
                if (!_waiting)
                {
                    TearDown(nowMs);
                }
            }
        }

        private bool TellServices(int code, long nowMs)
            => _state == SessionState.Connected && Services is INetworkUser user && user.OnNetworkLost(code, nowMs);

        private bool Ringing(long nowMs) => _rings > 0 && nowMs - _lastRingMs < RingGapMs;

        private void Decide(long nowMs)
        {
            _decisionPending = false;
            if (_state != SessionState.Idle)
            {
                return;
            }

            int mode = _params.GetInt(ParameterTable.AnswerMode);
            if (!_callIsData)
            {
                _out.Error(ErrorCodes.InvalidIncomingCallType);
                return;
            }

            bool haveNumber = _callerId != null && _callerId.Length > 0;
            if (mode == 3 && !haveNumber)
            {
                _out.Error(ErrorCodes.CallerIdNotProvided);
                return;
            }

            string screen = _params.Get(ParameterTable.CallScreenNum);
            bool allowed = screen == "*" || (screen != "0" && haveNumber && screen == _callerId);
            if (!allowed)
            {
                return;
            }

            if (mode == 1)
            {
                Answer(nowMs);
                return;
            }

            // 2 and 3: reject the call, wait CALLBACKTIMER after the ringing, then call back.
            _callbackDynamic = mode == 3;
            _rings = 0;
            Send(Step.CallbackHangUp, "ATH", ModemTimeouts.Command, nowMs);
        }
    }
}
