using EdSoftNano.At;
using EdSoftNano.Ports;

namespace EdSoftNano.Services
{
    /// <summary>
    /// Turns a server parameter (a host name or a dotted IPv4 address) into an address through the
    /// session's stack: DNSSERV1, then DNSSERV2 (or the bearer's servers when both are 0.0.0.0).
    /// One lookup at a time per owner; reused, nothing allocated per lookup.
    /// </summary>
    public sealed class HostLookup
    {
        private INetStack _net;
        private int _query = -1;

        /// <summary>True while an answer is awaited.</summary>
        public bool Pending => _query > 0;

        /// <summary>Starts resolving <paramref name="host"/>; false (nothing started) when the stack has no free query: 36872.</summary>
        public bool Start(ServiceContext context, string host, long nowMs)
        {
            Cancel();
            _net = context.Net;
            if (_net == null)
            {
                return false;
            }

            _query = _net.ResolveStart(host, context.Dns1, context.Dns2, nowMs);
            return _query > 0;
        }

        /// <summary>
        /// Pending, Done with <paramref name="address"/>, or Failed: the service then reports
        /// <see cref="ErrorCodes.DnsFailed"/> (9.2: 38027).
        /// </summary>
        public NetQueryResult Poll(long nowMs, out uint address)
        {
            address = 0;
            if (_query <= 0 || _net == null)
            {
                return NetQueryResult.Failed;
            }

            NetQueryResult result = _net.ResolveResult(_query, nowMs, out address);
            if (result != NetQueryResult.Pending)
            {
                _query = -1;
            }

            return result;
        }

        /// <summary>Abandons the lookup in progress (idempotent).</summary>
        public void Cancel()
        {
            if (_query > 0 && _net != null)
            {
                _net.ResolveCancel(_query);
            }

            _query = -1;
        }
    }
}
