using System;
using System.Net.NetworkInformation;
using System.Threading.Tasks;
using EdSoftNano.Ports;

namespace EdSoftNano.Simulation
{
    /// <summary>
    /// The ping half of <see cref="HostNetStack"/>: each query is one System.Net.NetworkInformation.Ping
    /// echo running asynchronously, polled for completion. Its timeout and round-trip time are
    /// the operating system's real milliseconds (the host network does not run on virtual time).
    /// </summary>
    internal sealed class HostPinger
    {
        private readonly Ping[] _pings;
        private readonly Task<PingReply>[] _replies;

        public HostPinger(int slots)
        {
            _pings = new Ping[slots];
            _replies = new Task<PingReply>[slots];
        }

        public int Start(uint address, int timeoutMs)
        {
            for (int slot = 0; slot < _replies.Length; slot++)
            {
                if (_replies[slot] == null)
                {
                    _pings[slot] ??= new Ping();
                    _replies[slot] = _pings[slot].SendPingAsync(HostAddress.ToIPAddress(address), Math.Max(1, timeoutMs));
                    return slot + 1;
                }
            }

            return -1;
        }

        public NetQueryResult Result(int query, out int roundTripMs)
        {
            roundTripMs = 0;
            int slot = query - 1;
            if (slot < 0 || slot >= _replies.Length || _replies[slot] == null)
            {
                return NetQueryResult.Failed;
            }

            Task<PingReply> reply = _replies[slot];
            if (!reply.IsCompleted)
            {
                return NetQueryResult.Pending;
            }

            _replies[slot] = null;
            if (reply.IsCompletedSuccessfully && reply.Result.Status == IPStatus.Success)
            {
                roundTripMs = (int)reply.Result.RoundtripTime;
                return NetQueryResult.Done;
            }

            return NetQueryResult.Failed;
        }

        public void Cancel(int query)
        {
            int slot = query - 1;
            if (slot < 0 || slot >= _replies.Length || _replies[slot] == null)
            {
                return;
            }

            if (!_replies[slot].IsCompleted)
            {
                // A Ping runs one echo at a time: the slot gets a fresh one while this finishes.
                _pings[slot].SendAsyncCancel();
                _pings[slot] = null;
            }

            _replies[slot] = null;
        }

        public void CancelAll()
        {
            for (int i = 1; i <= _replies.Length; i++)
            {
                Cancel(i);
            }
        }
    }
}
