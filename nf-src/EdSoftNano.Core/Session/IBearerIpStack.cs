using EdSoftNano.Ports;
using EdSoftNano.Ppp;

namespace EdSoftNano.Session
{
    /// <summary>The managed IP stack as <see cref="PppBearer"/> drives it over the PPP link.</summary>
    public interface IBearerIpStack
    {
        /// <summary>The sockets, DNS and ping the services use.</summary>
        INetStack Stack { get; }

        /// <summary>Where PPP delivers received IPv4 datagrams.</summary>
        IPppIpInput Input { get; }

        /// <summary>IPCP opened: our address and the peer's.</summary>
        void LinkUp(uint localAddress, uint peerAddress, long nowMs);

        /// <summary>The link is gone: every socket fails (the session has told the services why).</summary>
        void LinkDown();

        /// <summary>Timers (retransmission, reassembly, DNS, ping) and pending output.</summary>
        void Poll(long nowMs);

        long NextDeadlineMs { get; }
    }
}
