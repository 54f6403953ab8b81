using EdSoftNano.At;
using EdSoftNano.DataMode;
using EdSoftNano.Parameters;
using EdSoftNano.Ports;

namespace EdSoftNano.Services.Tcp
{
    /// <summary>
    /// One of the two TCP sockets of spec 5 (id 1 or 2) with its own DLEMODE, TCPSERV, TCPPORT and
    /// TCPTXDELAY: a client (#OTCP: resolve, connect, data mode) or a listener (#LTCPSTART: OK,
    /// wait in the background for an allowed peer, then Ok_Info_WaitingForData and data mode).
    /// Every wait has its own deadline; the host OS's two-minute connect timeout is never relied on.
    /// </summary>
    public sealed class TcpSocket
    {
        /// <summary>Our cap on a DNS lookup of TCPSERV, should the resolver never answer.</summary>
        public const int LookupDeadlineMs = 60000;

        /// <summary>A connect not answered within this is 37964 "No response from server".</summary>
        public const int ConnectDeadlineMs = 30000;

        /// <summary>After the host's ETX, the bytes before it must have left within this, else 38018.</summary>
        public const int CloseDeadlineMs = 30000;

        /// <summary>TCPSERV of a listener that takes any peer (spec A.8.1).</summary>
        public const string AnyPeerText = "255.255.255.255";

        private const uint AnyPeer = 0xFFFFFFFF;

        private enum Step
        {
            Idle,
            Resolving,
            Connecting,
            Listening,
            PeerWaiting,
            Data,
        }

        private readonly ServiceContext _context;
        private readonly int _id;
        private readonly HostLookup _lookup = new HostLookup();
        private readonly TcpDataConnection _connection;
        private Step _step;
        private bool _forListener;
        private INetStack _net;
        private int _port;
        private uint _filter;
        private int _socket;
        private int _listener;
        private long _deadlineMs;
        private bool _hostEndSeen;

        public TcpSocket(ServiceContext context, int id)
        {
            _context = context;
            _id = id;
            _connection = new TcpDataConnection(context.DataMode.Pump);
        }

        /// <summary>The socket id, 1 or 2.</summary>
        public int Id => _id;

        /// <summary>True when it holds nothing (no socket, no lookup).</summary>
        public bool Idle => _step == Step.Idle;

        /// <summary>True while a command of it owns the host link: resolving, connecting, data mode.</summary>
        public bool HoldsHostLink => _step == Step.Resolving || _step == Step.Connecting || _step == Step.Data;

        /// <summary>True in data mode: the host's bytes are this socket's.</summary>
        public bool InData => _step == Step.Data;

        /// <summary>Listening, no peer announced yet: the host may still abort with ETX or #LTCPSTOP.</summary>
        public bool WaitingForPeer => _step == Step.Listening || _step == Step.PeerWaiting;

        /// <summary>True when something it started is still on its way to a result (a bare listener may wait forever).</summary>
        public bool Settled => _step == Step.Idle || _step == Step.Listening;

        /// <summary>#OTCP=id: resolves TCPSERV, then connects to TCPPORT. Returns the error to report at once, or None.</summary>
        public int Open(long nowMs)
        {
            int error = ReadParameters();
            if (error != ErrorCodes.None)
            {
                return error;
            }

            _forListener = false;
            return StartLookup(_context.Parameters.Get(ParameterTable.TcpServ, _id), nowMs);
        }

        /// <summary>#LTCPSTART=id: resolves TCPSERV (the allowed peer) unless it is 255.255.255.255, then listens on TCPPORT.</summary>
        public int Listen(long nowMs)
        {
            int error = ReadParameters();
            if (error != ErrorCodes.None)
            {
                return error;
            }

            _forListener = true;
            string server = _context.Parameters.Get(ParameterTable.TcpServ, _id);
            if (server == AnyPeerText)
            {
                _filter = AnyPeer;
                StartListener();
                return ErrorCodes.None;
            }

            return StartLookup(server, nowMs);
        }

        /// <summary>#LTCPSTOP=id: closes the listener (and a peer not yet announced); nothing to stop is fine too.</summary>
        public void StopListening()
        {
            if (_step == Step.Listening || _step == Step.PeerWaiting)
            {
                CloseAll();
                _step = Step.Idle;
            }
        }

        /// <summary>Host bytes in data mode.</summary>
        public int Feed(byte[] buffer, int offset, int count, long nowMs)
        {
            if (_step != Step.Data)
            {
                return 0;
            }

            int used = _context.DataMode.Feed(buffer, offset, count, nowMs);
            CheckData(nowMs);
            return used;
        }

        /// <summary>Advances the lookup, the connect, the listener and data mode.</summary>
        /// <param name="hostLinkFree">True when no command runs and no data mode is on: a peer may be announced.</param>
        public void Poll(long nowMs, bool hostLinkFree)
        {
            switch (_step)
            {
                case Step.Resolving:
                    PollLookup(nowMs);
                    break;
                case Step.Connecting:
                    PollConnect(nowMs);
                    break;
                case Step.Listening:
                    PollListener();
                    break;
                case Step.PeerWaiting:
                    if (hostLinkFree)
                    {
                        EnterData(nowMs);
                    }

                    break;
                case Step.Data:
                    _context.DataMode.Poll(nowMs);
                    CheckData(nowMs);
                    break;
            }
        }

        /// <summary>The network went away (or the service is told to stop): ends with <paramref name="code"/>.</summary>
        public void Abort(int code)
        {
            Step step = _step;
            if (step == Step.Idle)
            {
                return;
            }

            CloseAll();
            _step = Step.Idle;
            if (step == Step.Data)
            {
                _context.DataMode.Fail(code);
            }
            else
            {
                _context.Writer.Error(code);
            }
        }

        private int ReadParameters()
        {
            _port = _context.Parameters.GetInt(ParameterTable.TcpPort, _id);
            if (_port <= 0)
            {
                // TCPPORT's default 0 is no port to connect to or listen on.
                return ErrorCodes.BadParameterConfiguration;
            }

            _net = _context.Net;
            _hostEndSeen = false;
            return ErrorCodes.None;
        }

        private int StartLookup(string server, long nowMs)
        {
            if (server.Length == 0)
            {
                // TCPSERV has no default (5.1.3): no address could be found for it.
                return ErrorCodes.DnsFailed;
            }

            if (!_lookup.Start(_context, server, nowMs))
            {
                return ErrorCodes.InternalResourceUnavailable;
            }

            _deadlineMs = nowMs + LookupDeadlineMs;
            _step = Step.Resolving;
            return ErrorCodes.None;
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
                _lookup.Cancel();
                End(ErrorCodes.DnsFailed);
                return;
            }

            if (_forListener)
            {
                _filter = address;
                StartListener();
                return;
            }

            _socket = _net.TcpConnect(address, _port);
            if (_socket <= 0)
            {
                _socket = 0;
                End(ErrorCodes.InternalResourceUnavailable);
                return;
            }

            _deadlineMs = nowMs + ConnectDeadlineMs;
            _step = Step.Connecting;
            PollConnect(nowMs);
        }

        private void PollConnect(long nowMs)
        {
            SocketState state = _net.State(_socket);
            if (state == SocketState.Open || state == SocketState.Ended)
            {
                // Ended: the server closed at once; data mode shows it as ETX, Ok_Info_SocketClosed, OK.
                EnterData(nowMs);
                return;
            }

            if (state == SocketState.Connecting && nowMs - _deadlineMs < 0)
            {
                return;
            }

            int error = state == SocketState.Connecting ? ErrorCodes.NoResponseFromServer : _net.Error(_socket);
            End(error == ErrorCodes.None ? ErrorCodes.OpenSessionFailed : error);
        }

        private void StartListener()
        {
            _listener = _net.TcpListen(_port);
            if (_listener <= 0)
            {
                _listener = 0;
                End(ErrorCodes.InternalResourceUnavailable);
                return;
            }

            if (_net.State(_listener) == SocketState.Failed)
            {
                // Port in use, no permission: the stack says 36872.
                int error = _net.Error(_listener);
                End(error == ErrorCodes.None ? ErrorCodes.InternalResourceUnavailable : error);
                return;
            }

            _step = Step.Listening;
            _context.Writer.Result(ResultCode.Ok);
            _context.Writer.Flush();
        }

        private void PollListener()
        {
            int peer = _net.Accept(_listener);
            if (peer == 0)
            {
                return;
            }

            if (peer < 0)
            {
                int error = _net.Error(_listener);
                End(error == ErrorCodes.None ? ErrorCodes.InternalResourceUnavailable : error);
                return;
            }

            uint address;
            int port;
            if (_filter != AnyPeer && (!_net.GetRemote(peer, out address, out port) || address != _filter))
            {
                // Not TCPSERV: refused, the listener goes on waiting for the allowed peer.
                _net.Close(peer);
                return;
            }

            // One connection per socket id: later callers are refused by the stack.
            _net.Close(_listener);
            _listener = 0;
            _socket = peer;
            _step = Step.PeerWaiting;
        }

        private void EnterData(long nowMs)
        {
            ParameterStore parameters = _context.Parameters;
            bool dleMode = parameters.GetInt(ParameterTable.DleMode, _id) == 1;
            int txDelay = parameters.GetInt(ParameterTable.TcpTxDelay, _id);
            _connection.Attach(_net, _socket);

            // The connection owns the handle from here and closes it.
            _socket = 0;
            _hostEndSeen = false;
            _step = Step.Data;
            _context.DataMode.Start(_connection, DataPumpSettings.Tcp(dleMode, txDelay), ResultCode.WaitingForData, DataEndReplies.TcpSocket, nowMs);
        }

        private void CheckData(long nowMs)
        {
            DataModeSession session = _context.DataMode;
            if (!session.Busy)
            {
                // The session wrote the final result (OK, Ok_Info_SocketClosed, or the error).
                _connection.Close();
                _step = Step.Idle;
                return;
            }

            if (!session.Pump.HostEndSeen)
            {
                return;
            }

            if (!_hostEndSeen)
            {
                _hostEndSeen = true;
                _deadlineMs = nowMs + CloseDeadlineMs;
                return;
            }

            if (nowMs - _deadlineMs >= 0)
            {
                // The peer took nothing more since the host's ETX: the close cannot complete.
                _connection.Close();
                _step = Step.Idle;
                session.Fail(ErrorCodes.CloseSessionFailed);
            }
        }

        private void End(int code)
        {
            CloseAll();
            _step = Step.Idle;
            _context.Writer.Error(code);
            _context.Writer.Flush();
        }

        private void CloseAll()
        {
            _lookup.Cancel();
            if (_socket != 0)
            {
                _net.Close(_socket);
                _socket = 0;
            }

            if (_listener != 0)
            {
                _net.Close(_listener);
                _listener = 0;
            }

            _connection.Close();
        }
    }
}
