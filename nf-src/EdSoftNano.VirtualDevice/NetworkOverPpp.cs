using EdSoftNano.NetStack;
using EdSoftNano.Ports;
using EdSoftNano.Session;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>
    /// The bearer of --ppp-peer and of a real modem: the core's PPP over the modem's data call, with
    /// the core's managed IPv4 stack (ICMP, UDP, TCP) on it, exactly as on a board.
    /// </summary>
    internal static class NetworkOverPpp
    {
        public static IBearer CreateBearer(IClock clock)
        {
            uint seed = (uint)System.Environment.TickCount64 ^ (uint)System.Environment.ProcessId;
            var bearer = new PppBearer(seed);
            bearer.AttachIpStack(new ManagedNetStack(bearer.IpLink, seed * 2654435761u));
            return bearer;
        }
    }
}
