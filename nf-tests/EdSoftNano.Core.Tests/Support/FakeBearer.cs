using System.Collections.Generic;
using EdSoftNano.Modem;
using EdSoftNano.Ports;
using EdSoftNano.Session;

namespace EdSoftNano.Tests.Support
{
    /// <summary>A bearer whose outcome the test scripts: up after a delay with given addresses, or a failure.</summary>
    public sealed class FakeBearer : IBearer
    {
        private long _upAt;

        public uint Local { get; set; } = 0xD5C0C804; // 213.192.200.4 (spec 2.2.3)
        public uint Peer { get; set; } = 0x01000305;  // 1.0.3.5 (spec 2.3)
        public int UpAfterMs { get; set; }
        public int FailWith { get; set; }
        public bool NeverUp { get; set; }

        public List<BearerRequest> Requests { get; } = new List<BearerRequest>();
        public int Stops { get; private set; }

        public BearerState State { get; private set; }
        public int FailureCode => FailWith;
        public uint LocalAddress => Local;
        public uint PeerAddress => Peer;
        public uint PrimaryDns { get; set; }
        public uint SecondaryDns { get; set; }
        public long LastActivityMs { get; set; }
        public bool CallEnded { get; set; }

        /// <summary>The link under the bearer goes down on its own (a dead PPP peer); CallEnded as given.</summary>
        public void Lose(bool callEnded) { State = BearerState.Down; CallEnded = callEnded; }

        /// <summary>What the session hands the services once connected: null, or e.g. a HostNetStack.</summary>
        public INetStack Stack { get; set; }

        public void Start(BearerRequest request, ModemChannel modem, long nowMs)
        {
            Requests.Add(new BearerRequest
            {
                Gprs = request.Gprs, Server = request.Server, User = request.User, Password = request.Password,
                ServerLocalAddress = request.ServerLocalAddress, ServerPeerAddress = request.ServerPeerAddress,
                ServerDns1 = request.ServerDns1, ServerDns2 = request.ServerDns2,
            });
            State = BearerState.Starting;
            CallEnded = false;
            _upAt = nowMs + UpAfterMs;
            LastActivityMs = nowMs;
        }

        public void Stop(long nowMs)
        {
            Stops++;
            State = BearerState.Down;
        }

        public void Poll(long nowMs)
        {
            if (State == BearerState.Starting && nowMs >= _upAt && !NeverUp)
            {
                State = FailWith != 0 ? BearerState.Failed : BearerState.Up;
            }
        }
    }
}
