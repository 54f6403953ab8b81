using EdSoftNano.At;
using EdSoftNano.DataMode;
using EdSoftNano.Parameters;
using EdSoftNano.Ports;

namespace EdSoftNano.Services.Ftp
{
    /// <summary>
    /// AT#FTPGET and AT#FTPPUT (spec 4.2, 4.3, A.7): log in to FTPSERV:FTPPORT with FTPUN / FTPPW,
    /// TYPE FTPTYPE, CWD to the path, PASV, then RETR or STOR over the data connection in data
    /// mode (DLE/ETX coded both ways), 226, QUIT. One transfer at a time; the pump's buffers carry
    /// the file, so nothing is allocated per transfer or per byte.
    /// </summary>
    public sealed class FtpService : IService
    {
        /// <summary>How long the control or data connection may take to open (the OS would wait ~2 min).</summary>
        public const int ConnectTimeoutMs = 30000;

        /// <summary>How long a reply may take; no reply in time is 37964 "No response from server".</summary>
        public const int ReplyTimeoutMs = 30000;

        /// <summary>How long a download may stall with no byte from the server before it fails (37964).</summary>
        public const int DataIdleTimeoutMs = 60000;

        /// <summary>Bound on a name lookup, beside the resolver's own timeouts.</summary>
        public const int LookupTimeoutMs = 30000;

        private readonly ServiceContext _context;
        private readonly HostLookup _lookup = new HostLookup();
        private readonly FtpControl _control = new FtpControl();
        private readonly SocketConnection _data = new SocketConnection();
        private INetStack _net;
        private FtpStep _step;
        private bool _put;
        private long _deadlineMs;
        private int _dataSocket;
        private long _lastDataBytes;

        public FtpService(ServiceContext context)
        {
            _context = context;
        }

        /// <summary>Where the transfer stands (tests).</summary>
        public FtpStep Step => _step;

        public bool Busy => _step != FtpStep.Idle;

        public bool Settled => _step == FtpStep.Idle;

        public bool Active => _step != FtpStep.Idle;

        public string StateName => "IDLE";

        public bool Owns(ActionCommand command) => command == ActionCommand.FtpGet || command == ActionCommand.FtpPut;

        public bool MayRunBeside(ActionCommand command, IService other) => false;

        public bool IsRunning(ServiceTag service, int socketId) => service == ServiceTag.Ftp && _step != FtpStep.Idle;

        public int Start(ActionCommand command, int socketId, long nowMs)
        {
            if (_step != FtpStep.Idle)
            {
                return ErrorCodes.AnotherApplicationRunning;
            }

            _put = command == ActionCommand.FtpPut;
            ParameterStore p = _context.Parameters;
            string name = p.Get(_put ? ParameterTable.FtpPutFileName : ParameterTable.FtpGetFileName);
            if (p.Get(ParameterTable.FtpServ).Length == 0 || name.Length == 0)
            {
                // No server or no file name: nothing to connect to (9.2: bad parameter configuration).
                return ErrorCodes.BadParameterConfiguration;
            }

            _net = _context.Net;
            if (_net == null)
            {
                return ErrorCodes.PhysicalLayerNotActive;
            }

            if (!_lookup.Start(_context, p.Get(ParameterTable.FtpServ), nowMs))
            {
                return ErrorCodes.InternalResourceUnavailable;
            }

            _step = FtpStep.Resolving;
            _deadlineMs = nowMs + LookupTimeoutMs;
            return ErrorCodes.None;
        }

        public int Feed(byte[] buffer, int offset, int count, long nowMs)
        {
            if (_step != FtpStep.Data)
            {
                // Before the banner the host's bytes wait; they are the file's first bytes for FTPPUT.
                return 0;
            }

            if (!_put)
            {
                // A download has nothing to send upstream: what the host types is dropped.
                return count;
            }

            return _context.DataMode.Feed(buffer, offset, count, nowMs);
        }

        public void Poll(long nowMs)
        {
            // A few steps per turn: a fast server's replies chain without waiting for the next turn.
            for (int i = 0; i < 4 && _step != FtpStep.Idle; i++)
            {
                FtpStep before = _step;
                Advance(nowMs);
                if (_step == before)
                {
                    return;
                }
            }
        }

        public void OnNetworkLost(int code, long nowMs)
        {
            if (_step != FtpStep.Idle)
            {
                Fail(code);
            }
        }

        private void Advance(long nowMs)
        {
            switch (_step)
            {
                case FtpStep.Resolving:
                    PollLookup(nowMs);
                    break;
                case FtpStep.Connecting:
                    PollConnect(nowMs);
                    break;
                case FtpStep.DataConnecting:
                    PollDataConnect(nowMs);
                    break;
                case FtpStep.Data:
                    PollData(nowMs);
                    break;
                default:
                    PollReply(nowMs);
                    break;
            }
        }

        private void PollLookup(long nowMs)
        {
            NetQueryResult result = _lookup.Poll(nowMs, out uint address);
            if (result == NetQueryResult.Pending)
            {
                if (nowMs - _deadlineMs >= 0)
                {
                    _lookup.Cancel();
                    Fail(ErrorCodes.DnsFailed);
                }

                return;
            }

            if (result == NetQueryResult.Failed)
            {
                Fail(ErrorCodes.DnsFailed);
                return;
            }

            if (!_control.Open(_net, address, _context.Parameters.GetInt(ParameterTable.FtpPort)))
            {
                Fail(ErrorCodes.InternalResourceUnavailable);
                return;
            }

            Expect(FtpStep.Connecting, nowMs + ConnectTimeoutMs);
        }

        private void PollConnect(long nowMs)
        {
            SocketState state = _control.State;
            if (state == SocketState.Open)
            {
                Expect(FtpStep.Greeting, nowMs + ReplyTimeoutMs);
            }
            else if (state != SocketState.Connecting)
            {
                Fail(OrDefault(_control.SocketError, ErrorCodes.OpenSessionFailed));
            }
            else if (nowMs - _deadlineMs >= 0)
            {
                Fail(ErrorCodes.NoResponseFromServer);
            }
        }

        private void PollDataConnect(long nowMs)
        {
            SocketState state = _net.State(_dataSocket);
            if (state == SocketState.Open)
            {
                string name = _context.Parameters.Get(_put ? ParameterTable.FtpPutFileName : ParameterTable.FtpGetFileName);
                Command(_put ? "STOR" : "RETR", name, FtpStep.Transfer, nowMs);
            }
            else if (state != SocketState.Connecting)
            {
                Fail(OrDefault(_net.Error(_dataSocket), ErrorCodes.OpenSessionFailed));
            }
            else if (nowMs - _deadlineMs >= 0)
            {
                Fail(ErrorCodes.NoResponseFromServer);
            }
        }

        private void PollReply(long nowMs)
        {
            int code = _control.PollReply();
            if (code == 0)
            {
                if (nowMs - _deadlineMs >= 0)
                {
                    Fail(ErrorCodes.NoResponseFromServer);
                }

                return;
            }

            if (code < 0)
            {
                Fail(_step == FtpStep.Completing ? TransferError() : _control.Error);
                return;
            }

            if (code < 200 && _step != FtpStep.Transfer)
            {
                // A preliminary reply (120 "ready in n minutes"): the real one follows.
                return;
            }

            OnReply(code, nowMs);
        }

        private void OnReply(int code, long nowMs)
        {
            ParameterStore p = _context.Parameters;
            switch (_step)
            {
                case FtpStep.Greeting:
                    Next(code == 220, "USER", p.Get(ParameterTable.FtpUn), FtpStep.User, ErrorCodes.OpenSessionFailed, nowMs);
                    break;
                case FtpStep.User:
                    if (code == 230)
                    {
                        // Logged in without a password.
                        SendType(nowMs);
                        return;
                    }

                    Next(code == 331, "PASS", p.Get(ParameterTable.FtpPw), FtpStep.Password, ErrorCodes.UsernameRejected, nowMs);
                    break;
                case FtpStep.Password:
                    if (code != 230 && code != 202)
                    {
                        Fail(ErrorCodes.PasswordRejected);
                        return;
                    }

                    SendType(nowMs);
                    break;
                case FtpStep.Type:
                    if (code != 200)
                    {
                        Fail(ErrorCodes.OpenSessionFailed);
                        return;
                    }

                    string path = Path();
                    if (path.Length == 0)
                    {
                        Command("PASV", null, FtpStep.Passive, nowMs);
                        return;
                    }

                    Command("CWD", path, FtpStep.ChangeDirectory, nowMs);
                    break;
                case FtpStep.ChangeDirectory:
                    Next(code >= 200 && code < 300, "PASV", null, FtpStep.Passive, ErrorCodes.ChangeDirectoryFailed, nowMs);
                    break;
                case FtpStep.Passive:
                    OpenData(code, nowMs);
                    break;
                case FtpStep.Transfer:
                    StartData(code, nowMs);
                    break;
                case FtpStep.Completing:
                    if (code != 226 && code != 250)
                    {
                        Fail(TransferError());
                        return;
                    }

                    _control.Send("QUIT", null);
                    CloseSockets();
                    _step = FtpStep.Idle;
                    _context.DataMode.Finish();
                    break;
            }
        }

        private void SendType(long nowMs)
        {
            string type = _context.Parameters.Get(ParameterTable.FtpType) == "A" ? "A" : "I";
            Command("TYPE", type, FtpStep.Type, nowMs);
        }

        private void OpenData(int code, long nowMs)
        {
            if (code != 227 || !PasvReply.TryParse(_control.ReplyLine, 0, _control.ReplyLineLength, out uint announced, out int port))
            {
                Fail(ErrorCodes.OpenSessionFailed);
                return;
            }

            // The data connection goes to the server the control connection reached, not to the
            // announced address: a server behind NAT announces its private one.
            if (!_control.GetServer(out uint address))
            {
                address = announced;
            }

            _dataSocket = _net.TcpConnect(address, port);
            if (_dataSocket <= 0)
            {
                _dataSocket = 0;
                Fail(ErrorCodes.InternalResourceUnavailable);
                return;
            }

            Expect(FtpStep.DataConnecting, nowMs + ConnectTimeoutMs);
        }

        private void StartData(int code, long nowMs)
        {
            if (code != 125 && code != 150)
            {
                Fail(TransferError());
                return;
            }

            _data.Attach(_net, _dataSocket);
            _dataSocket = 0;
            _lastDataBytes = 0;
            _step = FtpStep.Data;
            _deadlineMs = nowMs + DataIdleTimeoutMs;
            ResultCode banner = _put ? ResultCode.WaitingForData : ResultCode.DataBegin;
            _context.DataMode.Start(_data, DataPumpSettings.Ftp(), banner, DataEndReplies.ByService, nowMs);
        }

        private void PollData(long nowMs)
        {
            DataModeSession session = _context.DataMode;
            session.Poll(nowMs);
            if (session.State == DataModeState.Data)
            {
                if (!_put)
                {
                    // A download with no byte for a long time has lost its server.
                    long moved = session.Pump.BytesToHost;
                    if (moved != _lastDataBytes)
                    {
                        _lastDataBytes = moved;
                        _deadlineMs = nowMs + DataIdleTimeoutMs;
                    }
                    else if (nowMs - _deadlineMs >= 0)
                    {
                        Fail(ErrorCodes.NoResponseFromServer);
                    }
                }

                return;
            }

            DataPumpState outcome = session.Outcome;
            bool complete = _put ? outcome == DataPumpState.HostEnded : outcome == DataPumpState.RemoteClosed;
            if (!complete)
            {
                Fail(TransferError());
                return;
            }

            // Closing the data connection ends the file (STOR); the server then confirms with 226.
            _data.Close();
            Expect(FtpStep.Completing, nowMs + ReplyTimeoutMs);
        }

        private void Next(bool accepted, string verb, string argument, FtpStep next, int error, long nowMs)
        {
            if (!accepted)
            {
                Fail(error);
                return;
            }

            Command(verb, argument, next, nowMs);
        }

        private void Command(string verb, string argument, FtpStep next, long nowMs)
        {
            if (!_control.Send(verb, argument))
            {
                Fail(ErrorCodes.InternalResourceUnavailable);
                return;
            }

            Expect(next, nowMs + ReplyTimeoutMs);
        }

        private void Expect(FtpStep next, long deadlineMs)
        {
            _step = next;
            _deadlineMs = deadlineMs;
        }

        private string Path() => _context.Parameters.Get(_put ? ParameterTable.FtpPutPath : ParameterTable.FtpGetPath);

        // 9.2: a download that fails is 38024 "Data retrieve attempt failed", an upload 38017 "Data send attempt failed".
        private int TransferError() => _put ? ErrorCodes.DataSendFailed : ErrorCodes.DataRetrieveFailed;

        private static int OrDefault(int code, int fallback) => code == ErrorCodes.None ? fallback : code;

        // Ends the command with "#CME ERROR: code", after an ETX once data mode had started (spec 4.2, 4.3).
        private void Fail(int code)
        {
            bool inDataMode = _step == FtpStep.Data || _step == FtpStep.Completing;
            _lookup.Cancel();
            CloseSockets();
            _step = FtpStep.Idle;
            if (inDataMode)
            {
                _context.DataMode.Fail(code);
                return;
            }

            _context.Writer.Error(code);
            _context.Writer.Flush();
        }

        private void CloseSockets()
        {
            _data.Close();
            if (_dataSocket > 0)
            {
                _net.Close(_dataSocket);
                _dataSocket = 0;
            }

            _control.Close();
        }
    }
}
