using EdSoftNano.At;
using EdSoftNano.Parameters;

namespace EdSoftNano.Services.Tcp
{
    /// <summary>
    /// #OTCP, #LTCPSTART and #LTCPSTOP (spec 5.2-5.4, A.8) over the two TCP sockets, ids 1 and 2,
    /// which may be open at once (spec 5): a listener waits in the background while the host works
    /// in command mode or in data mode on the other socket. There is one host link, so one socket at
    /// a time is in data mode; a peer that reaches a listener meanwhile is announced
    /// (Ok_Info_WaitingForData) once the host link is free.
    /// </summary>
    public sealed class TcpService : IService, IHostEtxListener
    {
        private readonly ServiceContext _context;
        private readonly TcpSocket[] _sockets;
        private int _lastListener;

        public TcpService(ServiceContext context)
        {
            _context = context;
            _sockets = new TcpSocket[] { new TcpSocket(context, 1), new TcpSocket(context, 2) };
        }

        public bool Active => !_sockets[0].Idle || !_sockets[1].Idle;

        public bool Busy => _sockets[0].HoldsHostLink || _sockets[1].HoldsHostLink;

        public bool Settled => _sockets[0].Settled && _sockets[1].Settled;

        public string StateName => "IDLE";

        public bool Owns(ActionCommand command)
            => command == ActionCommand.Otcp || command == ActionCommand.LtcpStart || command == ActionCommand.LtcpStop;

        /// <summary>Socket 1 beside socket 2 is this service's own affair; stopping a listener never conflicts.</summary>
        public bool MayRunBeside(ActionCommand command, IService other) => command == ActionCommand.LtcpStop;

        public bool IsRunning(ServiceTag service, int socketId)
        {
            if (service != ServiceTag.Tcp)
            {
                return false;
            }

            if (socketId == 1 || socketId == 2)
            {
                return !_sockets[socketId - 1].Idle;
            }

            return Active;
        }

        public int Start(ActionCommand command, int socketId, long nowMs)
        {
            if (socketId != 1 && socketId != 2)
            {
                return ErrorCodes.BadArgumentValue;
            }

            TcpSocket socket = _sockets[socketId - 1];
            if (command == ActionCommand.LtcpStop)
            {
                socket.StopListening();
                _context.Writer.Result(ResultCode.Ok);
                _context.Writer.Flush();
                return ErrorCodes.None;
            }

            if (!socket.Idle)
            {
                // This socket id is already listening or connected.
                return ErrorCodes.AnotherApplicationRunning;
            }

            if (command == ActionCommand.Otcp)
            {
                return socket.Open(nowMs);
            }

            int error = socket.Listen(nowMs);
            if (error == ErrorCodes.None)
            {
                _lastListener = socketId;
            }

            return error;
        }

        /// <summary>5.3: ETX before a peer connects aborts the listener (the last one started, else the other), then OK.</summary>
        public bool OnHostEtx(long nowMs)
        {
            int first = _lastListener == 2 ? 1 : 0;
            for (int n = 0; n < 2; n++)
            {
                TcpSocket socket = _sockets[(first + n) % 2];
                if (socket.WaitingForPeer)
                {
                    socket.StopListening();
                    _context.Writer.Result(ResultCode.Ok);
                    _context.Writer.Flush();
                    return true;
                }
            }

            return false;
        }

        public int Feed(byte[] buffer, int offset, int count, long nowMs)
        {
            for (int i = 0; i < _sockets.Length; i++)
            {
                if (_sockets[i].InData)
                {
                    return _sockets[i].Feed(buffer, offset, count, nowMs);
                }
            }

            // Resolving or connecting: the host's bytes wait for the result.
            return 0;
        }

        public void Poll(long nowMs)
        {
            if (_context.Net == null)
            {
                // The hub calls OnNetworkLost, which ends everything.
                return;
            }

            for (int i = 0; i < _sockets.Length; i++)
            {
                bool hostLinkFree = !Busy && !_context.DataMode.Busy;
                _sockets[i].Poll(nowMs, hostLinkFree);
            }
        }

        public void OnNetworkLost(int code, long nowMs)
        {
            _sockets[0].Abort(code);
            _sockets[1].Abort(code);
        }
    }
}
