using EdSoftNano.At;
using EdSoftNano.Parameters;
using EdSoftNano.Ports;

namespace EdSoftNano.Services.Ping
{
    /// <summary>
    /// AT#PING (spec 7.2): resolves PINGREMOTE, then sends PINGNUM echo requests, one every
    /// PINGDELAY seconds, each answered within PINGDELAY or counted as lost. One line per request
    /// ("\"host\" is alive : time = N ms" or "No answer from \"host\""), then OK. The host link is
    /// held while it runs: typed bytes wait until the OK.
    /// </summary>
    public sealed class PingService : IService
    {
        /// <summary>Our own cap on a DNS lookup, should the resolver never answer.</summary>
        private const int LookupDeadlineMs = 60000;

        /// <summary>How long past PINGDELAY a stack may take to report a lost echo before we stop waiting.</summary>
        private const int ReplyGraceMs = 1000;

        private enum Step
        {
            Idle,
            Resolving,
            AwaitingReply,
            Pausing,
        }

        private readonly ServiceContext _context;
        private readonly HostLookup _lookup = new HostLookup();
        private Step _step;
        private INetStack _net;
        private string _remote;
        private uint _address;
        private int _query = -1;
        private int _requests;
        private int _sent;
        private int _delayMs;
        private long _deadlineMs;
        private long _nextSendMs;

        public PingService(ServiceContext context)
        {
            _context = context;
        }

        public bool Active => _step != Step.Idle;

        public bool Busy => _step != Step.Idle;

        public bool Settled => _step == Step.Idle;

        public string StateName => "IDLE";

        public bool Owns(ActionCommand command) => command == ActionCommand.Ping;

        public bool MayRunBeside(ActionCommand command, IService other) => false;

        public bool IsRunning(ServiceTag service, int socketId) => service == ServiceTag.Ping && _step != Step.Idle;

        public int Start(ActionCommand command, int socketId, long nowMs)
        {
            ParameterStore parameters = _context.Parameters;
            _remote = parameters.Get(ParameterTable.PingRemote);
            if (_remote.Length == 0)
            {
                // PINGREMOTE has no default (7.1.3): nothing to ping is a configuration fault.
                return ErrorCodes.BadParameterConfiguration;
            }

            _requests = parameters.GetInt(ParameterTable.PingNum);
            _delayMs = parameters.GetInt(ParameterTable.PingDelay) * 1000;
            _sent = 0;
            _net = _context.Net;
            if (!_lookup.Start(_context, _remote, nowMs))
            {
                return ErrorCodes.InternalResourceUnavailable;
            }

            _deadlineMs = nowMs + LookupDeadlineMs;
            _step = Step.Resolving;
            return ErrorCodes.None;
        }

        /// <summary>Host bytes typed during the ping are not taken: they are read as commands after the OK.</summary>
        public int Feed(byte[] buffer, int offset, int count, long nowMs) => 0;

        public void Poll(long nowMs)
        {
            if (_step == Step.Idle || _context.Net == null)
            {
                // Without a network the hub calls OnNetworkLost, which ends the ping.
                return;
            }

            switch (_step)
            {
                case Step.Resolving:
                    PollLookup(nowMs);
                    break;
                case Step.AwaitingReply:
                    PollReply(nowMs);
                    break;
                case Step.Pausing:
                    if (nowMs - _nextSendMs >= 0)
                    {
                        SendRequest(nowMs);
                    }

                    break;
            }
        }

        public void OnNetworkLost(int code, long nowMs)
        {
            if (_step != Step.Idle)
            {
                End(code);
            }
        }

        private void PollLookup(long nowMs)
        {
            uint address;
            NetQueryResult result = _lookup.Poll(nowMs, out address);
            if (result == NetQueryResult.Pending && nowMs - _deadlineMs < 0)
            {
                return;
            }

            if (result != NetQueryResult.Done)
            {
                End(ErrorCodes.DnsFailed);
                return;
            }

            _address = address;
            SendRequest(nowMs);
        }

        private void SendRequest(long nowMs)
        {
            _query = _net.PingStart(_address, _delayMs, nowMs);
            if (_query <= 0)
            {
                End(ErrorCodes.InternalResourceUnavailable);
                return;
            }

            _sent++;
            // PINGDELAY is both the reply window and the spacing of the requests (7.1.1).
            _nextSendMs = nowMs + _delayMs;
            _deadlineMs = _nextSendMs + ReplyGraceMs;
            _step = Step.AwaitingReply;
        }

        private void PollReply(long nowMs)
        {
            int roundTripMs;
            NetQueryResult result = _net.PingResult(_query, nowMs, out roundTripMs);
            if (result == NetQueryResult.Pending)
            {
                if (nowMs - _deadlineMs < 0)
                {
                    return;
                }

                _net.PingCancel(_query);
                result = NetQueryResult.Failed;
            }

            _query = -1;
            if (result == NetQueryResult.Done)
            {
                _context.Writer.Line("\"" + _remote + "\" is alive : time = " + roundTripMs.ToString() + " ms");
            }
            else
            {
                _context.Writer.Line("No answer from \"" + _remote + "\"");
            }

            if (_sent >= _requests)
            {
                _step = Step.Idle;
                _context.Writer.Result(ResultCode.Ok);
                return;
            }

            _step = Step.Pausing;
            if (nowMs - _nextSendMs >= 0)
            {
                SendRequest(nowMs);
            }
        }

        private void End(int code)
        {
            _lookup.Cancel();
            if (_query > 0 && _net != null)
            {
                _net.PingCancel(_query);
            }

            _query = -1;
            _step = Step.Idle;
            _context.Writer.Error(code);
        }
    }
}
