using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using EdSoftNano.Modem;
using EdSoftNano.Ports;
using EdSoftNano.Session;

namespace EdSoftNano.Simulation
{
    /// <summary>
    /// The bearer of the virtual device until the managed PPP stack exists: once the simulated
    /// modem's data call is up, the "network" is this machine's own. It reports the host's IPv4
    /// address and gateway, and carries nothing over the modem link: its <see cref="Stack"/> is
    /// the host's own sockets.
    /// </summary>
    public sealed class HostNetworkBearer : IBearer
    {
        private readonly HostNetStack _stack = new HostNetStack();

        public BearerState State { get; private set; }

        public int FailureCode => 0;

        /// <summary>Never: this bearer carries nothing over the modem's data call.</summary>
        public bool CallEnded => false;

        public uint LocalAddress { get; private set; }

        public uint PeerAddress { get; private set; }

        public uint PrimaryDns { get; private set; }

        public uint SecondaryDns => 0;

        public long LastActivityMs { get; private set; }

        public INetStack Stack => _stack;

        /// <summary>The last request the session made (tests read the role and credentials).</summary>
        public BearerRequest LastRequest { get; private set; }

        public void Start(BearerRequest request, ModemChannel modem, long nowMs)
        {
            LastRequest = request;
            (IPAddress local, IPAddress gateway, IPAddress dns) = Discover();
            LocalAddress = ToUint(local);
            PeerAddress = ToUint(gateway ?? local);
            PrimaryDns = dns == null ? 0 : ToUint(dns);
            LastActivityMs = nowMs;
            State = BearerState.Up;
        }

        public void Stop(long nowMs)
        {
            // The link is gone for whatever ran over it, as when PPP goes down.
            _stack.CloseAll();
            State = BearerState.Down;
        }

        public void Poll(long nowMs)
        {
        }

        /// <summary>Called by the host network services when they move data (PHYTIMEOUT).</summary>
        public void NoteActivity(long nowMs) => LastActivityMs = nowMs;

        private static (IPAddress, IPAddress, IPAddress) Discover()
        {
            foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                IPInterfaceProperties props = nic.GetIPProperties();
                UnicastIPAddressInformation v4 = props.UnicastAddresses.FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork);
                if (v4 != null)
                {
                    IPAddress gateway = props.GatewayAddresses.Select(g => g.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
                    IPAddress dns = props.DnsAddresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
                    return (v4.Address, gateway, dns);
                }
            }

            return (IPAddress.Loopback, IPAddress.Loopback, null);
        }

        private static uint ToUint(IPAddress address) => HostAddress.ToUint(address);
    }
}
