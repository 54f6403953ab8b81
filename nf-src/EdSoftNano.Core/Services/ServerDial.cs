using EdSoftNano.At;
using EdSoftNano.Ports;

namespace EdSoftNano.Services
{
    /// <summary>
    /// Reaches a server the way every client service does: resolve its name (DNS, 38027), open a
    /// TCP connection (refused → the stack's code, 38016), each step under its own deadline
    /// (no answer → 37964). Reused for every command; nothing allocated per dial.
    /// </summary>
    public sealed class ServerDial
    {
        public const int LookupTimeoutMs = 60000;
        public const int ConnectTimeoutMs = 30000;

        private enum Phase { Idle, Resolving, Connecting, Open, Failed }

        private readonly HostLookup _lookup = new HostLookup();
        private INetStack _net;
        private Phase _phase;
        private int _port;
        private int _socket = -1;
        private int _error;
        private long _deadlineMs;

        /// <summary>True once connected: take the socket with <see cref="TakeSocket"/>.</summary>
        public bool Open => _phase == Phase.Open;

        /// <summary>True when the dial failed; <see cref="Error"/> says why (spec 9.2).</summary>
        public bool Failed => _phase == Phase.Failed;

        public int Error => _error;

        /// <summary>Starts resolving <paramref name="host"/>; false when the stack has no query free (36872).</summary>
        public bool Start(ServiceContext context, string host, int port, long nowMs)
        {
            Close();
            _net = context.Net;
            _port = port;
            if (!_lookup.Start(context, host, nowMs))
            {
                return false;
            }

            _deadlineMs = nowMs + LookupTimeoutMs;
            _phase = Phase.Resolving;
            return true;
        }

        /// <summary>Advances the dial; true once it has ended, Open or Failed.</summary>
        public bool Poll(long nowMs)
        {
            if (_phase == Phase.Resolving)
            {
                PollLookup(nowMs);
            }
            else if (_phase == Phase.Connecting)
            {
                PollConnect(nowMs);
            }

            return _phase == Phase.Open || _phase == Phase.Failed;
        }

        /// <summary>Hands the connected socket over to the service, which closes it; the dial is idle again.</summary>
        public int TakeSocket()
        {
            int socket = _socket;
            _socket = -1;
            _phase = Phase.Idle;
            return socket;
        }

        /// <summary>Abandons the dial: cancels the lookup, closes a socket not yet taken (idempotent).</summary>
        public void Close()
        {
            _lookup.Cancel();
            if (_socket > 0 && _net != null)
            {
                _net.Close(_socket);
            }

            _socket = -1;
            _phase = Phase.Idle;
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
                Fail(ErrorCodes.DnsFailed);
                return;
            }

            _socket = _net.TcpConnect(address, _port);
            if (_socket <= 0)
            {
                _socket = -1;
                Fail(ErrorCodes.InternalResourceUnavailable);
                return;
            }

            _deadlineMs = nowMs + ConnectTimeoutMs;
            _phase = Phase.Connecting;
        }

        private void PollConnect(long nowMs)
        {
            SocketState state = _net.State(_socket);
            if (state == SocketState.Open)
            {
                _phase = Phase.Open;
            }
            else if (state != SocketState.Connecting)
            {
                int code = _net.Error(_socket);
                Fail(code != 0 ? code : ErrorCodes.OpenSessionFailed);
            }
            else if (nowMs - _deadlineMs >= 0)
            {
                Fail(ErrorCodes.NoResponseFromServer);
            }
        }

        private void Fail(int code)
        {
            Close();
            _error = code;
            _phase = Phase.Failed;
        }
    }
}
