using EdSoftNano.Ip;
using EdSoftNano.Modem;
using EdSoftNano.Ports;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;

namespace EdSoftNano.Session
{
    /// <summary>
    /// The bearer of a GSM data call or a GPRS session: PPP over the modem's data call
    /// (<see cref="DataCallLink"/> → <see cref="PppLink"/>), client or server as the session asks,
    /// and the managed IP stack over it (<see cref="IBearerIpStack"/>). Every buffer is allocated
    /// here, once, with the sizes of <see cref="PppBudget"/>; one instance serves every call.
    /// </summary>
    public sealed class PppBearer : IBearer
    {
        /// <summary>
        /// The address a client Naks a peer's request for 0.0.0.0 with (slirp's convention for its
        /// own side; ISPs and GGSNs state their address and never ask for one).
        /// </summary>
        public const uint PeerAddressHint = 0x0A000202; // 10.0.2.2

        private readonly DataCallLink _call;
        private readonly PppLink _ppp;
        private readonly PppAuthenticator _auth;
        private IBearerIpStack _ip;
        private bool _started;
        private bool _ipUp;

        public PppBearer(uint seed)
        {
            _call = new DataCallLink(new byte[PppBudget.ReceiveRing]);
            _ppp = new PppLink(_call, new byte[PppBudget.Frame], new byte[PppBudget.ControlPacket], new byte[PppBudget.ControlPacket],
                new byte[PppBudget.IpcpPacket], new byte[PppBudget.IpcpPacket], new byte[PppBudget.IoBlock], new byte[PppBudget.IoBlock], seed);
            _auth = new PppAuthenticator(_ppp, new byte[AuthCodec.TxBufferLength], seed ^ 0x5A5A5A5A);
            _ppp.SetAuthenticator(new PppAuthenticatorHook(_auth));
        }

        /// <summary>The PPP session (tests and diagnostics read its counters and options).</summary>
        public PppLink Link => _ppp;

        /// <summary>What IP datagrams travel over: the stack is built on it, then <see cref="AttachIpStack"/>.</summary>
        public IIpLink IpLink => _ppp;

        /// <summary>The managed IP stack that runs over this bearer (null: PPP only, no sockets).</summary>
        public void AttachIpStack(IBearerIpStack stack)
        {
            _ip = stack;
            _ppp.SetIpInput(stack == null ? null : stack.Input);
        }

        public BearerState State
        {
            get
            {
                switch (_ppp.State)
                {
                    case PppLinkState.Starting: return BearerState.Starting;
                    case PppLinkState.Up: return BearerState.Up;
                    case PppLinkState.Stopping: return BearerState.Stopping;
                    case PppLinkState.Failed: return BearerState.Failed;
                    default: return BearerState.Down;
                }
            }
        }

        public int FailureCode => _ppp.FailureCode;

        public uint LocalAddress => _ppp.LocalAddress;

        public uint PeerAddress => _ppp.PeerAddress;

        public uint PrimaryDns => _ppp.Dns1;

        public uint SecondaryDns => _ppp.Dns2;

        public long LastActivityMs => _ppp.LastActivityMs;

        public bool CallEnded => _call.CarrierLost;

        public INetStack Stack => _ip == null ? null : _ip.Stack;

        public void Start(BearerRequest request, ModemChannel modem, long nowMs)
        {
            _call.Attach(modem, nowMs);
            if (request.Server)
            {
                // 2.1.16/17: the server checks the caller's login when PPPSERVUN is set (CHAP: the
                // password never crosses the air in clear; see docs/spec-decisions.md).
                bool check = request.User.Length > 0;
                _auth.SetServerCredentials(request.User, request.Password);
                _ppp.ConfigureServer(request.ServerLocalAddress, request.ServerPeerAddress, request.ServerDns1, request.ServerDns2,
                    check ? PppProtocol.Chap : 0);
            }
            else
            {
                _auth.SetClientCredentials(request.User, request.Password);
                _ppp.ConfigureClient(PeerAddressHint);
            }

            _started = true;
            _ipUp = false;
            _ppp.Start(nowMs);
        }

        public void Stop(long nowMs)
        {
            _call.SetTime(nowMs);
            TakeIpDown();
            _ppp.Stop(nowMs);
            if (_ppp.State != PppLinkState.Stopping)
            {
                Finish();
            }
        }

        public void Poll(long nowMs)
        {
            if (!_started)
            {
                return;
            }

            _call.SetTime(nowMs);
            _ppp.Poll(nowMs);
            if (_ppp.State == PppLinkState.Up)
            {
                if (!_ipUp && _ip != null)
                {
                    _ipUp = true;
                    _ip.LinkUp(_ppp.LocalAddress, _ppp.PeerAddress, nowMs);
                }

                if (_ip != null)
                {
                    _ip.Poll(nowMs);
                }
            }
            else
            {
                TakeIpDown();
                if (_ppp.State == PppLinkState.Down || _ppp.State == PppLinkState.Failed)
                {
                    Finish();
                }
            }
        }

        /// <summary>When <see cref="Poll"/> must run next for a timer (the main loop may sleep until then or until a byte comes).</summary>
        public long NextDeadlineMs
        {
            get
            {
                long next = _ppp.NextDeadlineMs;
                if (_ipUp)
                {
                    long t = _ip.NextDeadlineMs;
                    if (t < next) { next = t; }
                }

                return next;
            }
        }

        private void TakeIpDown()
        {
            if (_ipUp)
            {
                _ipUp = false;
                _ip.LinkDown();
            }
        }

        private void Finish()
        {
            _started = false;
            _call.Detach();
        }
    }
}
