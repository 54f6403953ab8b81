using EdSoftNano.Ports;
using EdSoftNano.Session;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>The bearer of --ppp-peer and of a real modem: the core's PPP over the modem's data call.</summary>
    internal static class NetworkOverPpp
    {
        public static IBearer CreateBearer(IClock clock)
        {
            var bearer = new PppBearer((uint)System.Environment.TickCount64 ^ (uint)System.Environment.ProcessId);
            return bearer;
        }
    }
}
