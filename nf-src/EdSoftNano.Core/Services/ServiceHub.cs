using EdSoftNano.At;
using EdSoftNano.Parameters;
using EdSoftNano.Session;

namespace EdSoftNano.Services
{
    /// <summary>
    /// The services over a connected session: routes each action command to the service that owns
    /// it, keeps to the spec's rule that one service at a time uses the TCP/IP resources (the two
    /// TCP sockets excepted), and tells running services when the network goes away.
    /// </summary>
    public sealed class ServiceHub : IActionHandler, IHostEtxListener, INetworkUser
    {
        private readonly ServiceContext _context;
        private readonly IService[] _services;
        private bool _hadNetwork;

        /// <param name="services">Every service, fixed at start-up.</param>
        public ServiceHub(ServiceContext context, IService[] services)
        {
            _context = context;
            _services = services;
        }

        public bool Busy
        {
            get
            {
                for (int i = 0; i < _services.Length; i++)
                {
                    if (_services[i].Busy)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public bool Settled
        {
            get
            {
                for (int i = 0; i < _services.Length; i++)
                {
                    if (!_services[i].Settled)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>Unused: the session names the state for #VSTATE.</summary>
        public string StateName => "IDLE";

        public int Start(ActionCommand command, int socketId, long nowMs)
        {
            IService owner = OwnerOf(command);
            if (owner == null)
            {
                return ErrorCodes.InternalResourceUnavailable;
            }

            if (_context.Net == null)
            {
                return ErrorCodes.PhysicalLayerNotActive;
            }

            for (int i = 0; i < _services.Length; i++)
            {
                IService other = _services[i];
                if (other != owner && IsActive(other) && !owner.MayRunBeside(command, other))
                {
                    // 9.2: 37122 "Another internal application is already running".
                    return ErrorCodes.AnotherApplicationRunning;
                }
            }

            return owner.Start(command, socketId, nowMs);
        }

        public int Feed(byte[] buffer, int offset, int count, long nowMs)
        {
            for (int i = 0; i < _services.Length; i++)
            {
                if (_services[i].Busy)
                {
                    return _services[i].Feed(buffer, offset, count, nowMs);
                }
            }

            return 0;
        }

        public bool OnNetworkLost(int code, long nowMs)
        {
            bool reported = false;
            for (int i = 0; i < _services.Length; i++)
            {
                if (IsActive(_services[i]))
                {
                    _services[i].OnNetworkLost(code, nowMs);
                    reported = true;
                }
            }

            return reported;
        }

        public bool OnHostEtx(long nowMs)
        {
            for (int i = 0; i < _services.Length; i++)
            {
                if (_services[i] is IHostEtxListener listener && listener.OnHostEtx(nowMs))
                {
                    return true;
                }
            }

            return false;
        }

        public void Poll(long nowMs)
        {
            bool haveNetwork = _context.Net != null;
            if (_hadNetwork && !haveNetwork)
            {
                for (int i = 0; i < _services.Length; i++)
                {
                    if (IsActive(_services[i]))
                    {
                        _services[i].OnNetworkLost(ErrorCodes.PhysicalLayerNotActive, nowMs);
                    }
                }
            }

            _hadNetwork = haveNetwork;
            for (int i = 0; i < _services.Length; i++)
            {
                _services[i].Poll(nowMs);
            }
        }

        public bool IsRunning(ServiceTag service, int socketId)
        {
            for (int i = 0; i < _services.Length; i++)
            {
                if (_services[i].IsRunning(service, socketId))
                {
                    return true;
                }
            }

            return false;
        }

        private IService OwnerOf(ActionCommand command)
        {
            for (int i = 0; i < _services.Length; i++)
            {
                if (_services[i].Owns(command))
                {
                    return _services[i];
                }
            }

            return null;
        }

        private static bool IsActive(IService service) => service.Active || service.Busy;
    }
}
