using EdSoftNano.Modem;
using EdSoftNano.Ports;

namespace EdSoftNano.Session
{
    /// <summary>
    /// The network layer the session starts once the modem's data call is up: the managed PPP and
    /// IP stack over that call, or (virtual device, boards with WiFi) the host's own network. The
    /// state machine of the session is the same for every bearer.
    /// </summary>
    public interface IBearer
    {
        /// <summary>Starts over the connected data call of <paramref name="modem"/>.</summary>
        void Start(BearerRequest request, ModemChannel modem, long nowMs);

        /// <summary>Terminates cleanly (LCP Terminate for PPP); <see cref="State"/> becomes Down.</summary>
        void Stop(long nowMs);

        void Poll(long nowMs);

        BearerState State { get; }

        /// <summary>The 9.2 code of a failure (37120, 37121, 38980, 38981), valid when Failed.</summary>
        int FailureCode { get; }

        /// <summary>Our address and the peer's (gateway's), host byte order; valid when Up.</summary>
        uint LocalAddress { get; }

        uint PeerAddress { get; }

        /// <summary>DNS servers the bearer learnt (IPCP, RFC 1877), 0 when none.</summary>
        uint PrimaryDns { get; }

        uint SecondaryDns { get; }

        /// <summary>Milliseconds of the last traffic the bearer carried (PHYTIMEOUT).</summary>
        long LastActivityMs { get; }

        /// <summary>
        /// The data call itself ended under the bearer (PPP saw the modem's NO CARRIER in the stream):
        /// the modem is back in command state and there is nothing to hang up.
        /// </summary>
        bool CallEnded { get; }

        /// <summary>The sockets, DNS and ping that run over this bearer; valid when Up.</summary>
        INetStack Stack { get; }
    }
}
