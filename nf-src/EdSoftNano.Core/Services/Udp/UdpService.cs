using EdSoftNano.App;
using EdSoftNano.At;
using EdSoftNano.DataMode;
using EdSoftNano.Parameters;
using EdSoftNano.Ports;

namespace EdSoftNano.Services.Udp
{
    /// <summary>
    /// #OUDP, #LUDPSTART and #LUDPSTOP (spec 6.2-6.4). #OUDP resolves UDPSERV and opens a session
    /// with UDPSERV:UDPPORT at once (Ok_Info_WaitingForData). #LUDPSTART answers OK, listens on
    /// UDPPORT in the background (#LUDPSTOP cancels it) and locks onto the first sender that passes
    /// the UDPSERV filter (255.255.255.255: anyone): Ok_Info_WaitingForData, then that datagram.
    /// Data mode always uses DLE coding; UDPTXDELAY batches host bytes into one datagram; the host's
    /// ETX closes: ETX, Ok_Info_SocketClosed, OK.
    /// </summary>
    public sealed class UdpService : IService
    {
        /// <summary>Our cap on a DNS lookup of UDPSERV, should the resolver never answer.</summary>
        public const int LookupDeadlineMs = 60000;

        /// <summary>UDPSERV of a listener without an address filter (spec 6.1.2).</summary>
        public const string AnyPeerText = "255.255.255.255";

        private const uint AnyPeer = 0xFFFFFFFF;

        // The start of the first datagram, read to learn its sender; a stranger's is read in such pieces and dropped.
        private const int PeekSize = 32;

        // Datagram pieces one poll of the listener reads at most (strangers' datagrams included).
        private const int ReadsPerPoll = 64;

        private enum Step
        {
            Idle,
            Resolving,
            Listening,
            Data,
        }

        private readonly ServiceContext _context;
        private readonly HostLookup _lookup = new HostLookup();
        private readonly UdpSessionConnection _connection = new UdpSessionConnection();
        private readonly byte[] _first = new byte[PeekSize];
        private Step _step;
        private bool _forListener;
        private INetStack _net;
        private int _port;
        private uint _filter;
        private int _socket;
        private long _deadlineMs;

        public UdpService(ServiceContext context)
        {
            _context = context;
        }

        public bool Active => _step != Step.Idle;

        public bool Busy => _step == Step.Resolving || _step == Step.Data;

        public bool Settled => _step == Step.Idle || _step == Step.Listening;

        public string StateName => "IDLE";

        public bool Owns(ActionCommand command)
            => command == ActionCommand.Oudp || command == ActionCommand.LudpStart || command == ActionCommand.LudpStop;

        /// <summary>Stopping a listener never conflicts with anything.</summary>
        public bool MayRunBeside(ActionCommand command, IService other) => command == ActionCommand.LudpStop;

        public bool IsRunning(ServiceTag service, int socketId) => service == ServiceTag.Udp && _step != Step.Idle;

        public int Start(ActionCommand command, int socketId, long nowMs)
        {
            if (command == ActionCommand.LudpStop)
            {
                // Once the first datagram came, data mode holds the host link: only its ETX stops it.
                if (_step == Step.Listening)
                {
                    CloseAll();
                    _step = Step.Idle;
                }

                _context.Writer.Result(ResultCode.Ok);
                _context.Writer.Flush();
                return ErrorCodes.None;
            }

            if (_step != Step.Idle)
            {
                return ErrorCodes.AnotherApplicationRunning;
            }

            ParameterStore parameters = _context.Parameters;
            _port = parameters.GetInt(ParameterTable.UdpPort);
            if (_port <= 0)
            {
                // UDPPORT's default 0 is illegal as a port (6.1.1).
                return ErrorCodes.BadParameterConfiguration;
            }

            string server = parameters.Get(ParameterTable.UdpServ);
            if (server.Length == 0)
            {
                // UDPSERV has no default (6.1.2): no address could be found for it.
                return ErrorCodes.DnsFailed;
            }

            _net = _context.Net;
            _forListener = command == ActionCommand.LudpStart;
            if (_forListener && server == AnyPeerText)
            {
                _filter = AnyPeer;
                StartListener();
                return ErrorCodes.None;
            }

            if (!_lookup.Start(_context, server, nowMs))
            {
                return ErrorCodes.InternalResourceUnavailable;
            }

            _deadlineMs = nowMs + LookupDeadlineMs;
            _step = Step.Resolving;
            return ErrorCodes.None;
        }

        public int Feed(byte[] buffer, int offset, int count, long nowMs)
        {
            if (_step != Step.Data)
            {
                // Resolving: the host's bytes wait for the result.
                return 0;
            }

            int used = _context.DataMode.Feed(buffer, offset, count, nowMs);
            CheckData();
            return used;
        }

        public void Poll(long nowMs)
        {
            if (_context.Net == null)
            {
                // The hub calls OnNetworkLost, which ends the session.
                return;
            }

            switch (_step)
            {
                case Step.Resolving:
                    PollLookup(nowMs);
                    break;
                case Step.Listening:
                    PollListener(nowMs);
                    break;
                case Step.Data:
                    _context.DataMode.Poll(nowMs);
                    CheckData();
                    break;
            }
        }

        public void OnNetworkLost(int code, long nowMs)
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

            if (_forListener)
            {
                _filter = address;
                StartListener();
                return;
            }

            _socket = _net.UdpConnect(address, _port);
            if (!Opened())
            {
                return;
            }

            _connection.Attach(_net, _socket);
            EnterData(nowMs);
        }

        private void StartListener()
        {
            _socket = _net.UdpOpen(_port);
            if (!Opened())
            {
                return;
            }

            _step = Step.Listening;
            _context.Writer.Result(ResultCode.Ok);
            _context.Writer.Flush();
        }

        // After UdpOpen/UdpConnect: false (and the error reported) when the stack could not open it.
        private bool Opened()
        {
            if (_socket <= 0)
            {
                _socket = 0;
                End(ErrorCodes.InternalResourceUnavailable);
                return false;
            }

            if (_net.State(_socket) == SocketState.Failed)
            {
                // Port in use, address refused: the stack says 36872.
                int error = _net.Error(_socket);
                End(error == ErrorCodes.None ? ErrorCodes.InternalResourceUnavailable : error);
                return false;
            }

            return true;
        }

        private void PollListener(long nowMs)
        {
            if (_context.DataMode.Busy)
            {
                return;
            }

            for (int i = 0; i < ReadsPerPoll; i++)
            {
                uint address;
                int port;
                int n = _net.ReceiveFrom(_socket, _first, 0, _first.Length, out address, out port);
                if (n == 0)
                {
                    return;
                }

                if (n < 0)
                {
                    int error = _net.Error(_socket);
                    End(error == ErrorCodes.None ? ErrorCodes.InternalResourceUnavailable : error);
                    return;
                }

                if (_filter == AnyPeer || address == _filter)
                {
                    _connection.AttachToPeer(_net, _socket, address, port, _first, n);
                    EnterData(nowMs);
                    return;
                }

                // Not UDPSERV: dropped, piece by piece.
            }
        }

        private void EnterData(long nowMs)
        {
            // The connection owns the handle from here and closes it.
            _socket = 0;
            _step = Step.Data;
            int txDelay = _context.Parameters.GetInt(ParameterTable.UdpTxDelay);
            _context.DataMode.Start(_connection, DataPumpSettings.Udp(txDelay, Budget.DataFrame), ResultCode.WaitingForData, DataEndReplies.UdpSocket, nowMs);
        }

        private void CheckData()
        {
            if (!_context.DataMode.Busy)
            {
                _connection.Close();
                _step = Step.Idle;
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

            _connection.Close();
        }
    }
}
