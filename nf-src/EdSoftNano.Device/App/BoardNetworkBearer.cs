using System.Net.NetworkInformation;
using EdSoftNano.At;
using EdSoftNano.Device.Ports;
using EdSoftNano.Modem;
using EdSoftNano.Ports;
using EdSoftNano.Session;

namespace EdSoftNano.Device.App
{
    /// <summary>
    /// The bearer of a board with its own IP network (ESP32: Wi-Fi, STM32F769I-DISCO: Ethernet) until
    /// the managed PPP stack exists: once the modem's data call is up, the "network" is the board's
    /// own. It reports the interface's IPv4 address, gateway and DNS servers (nanoFramework's
    /// NetworkInterface, whose addresses are dotted-quad strings) and carries nothing over the
    /// modem link: its <see cref="Stack"/> is the board's sockets (<see cref="NanoNetStack"/>).
    /// The interface is brought up by nanoFramework itself from the device's configuration block
    /// (Wi-Fi SSID and password, DHCP or a static address: docs/run-on-a-board.md); this class only
    /// reads it.
    /// </summary>
    public sealed class BoardNetworkBearer : IBearer
    {
        private readonly NanoNetStack _stack;
        private int _seenTransfers;

        public BoardNetworkBearer(NanoNetStack stack)
        {
            _stack = stack;
        }

        public BearerState State { get; private set; }

        public int FailureCode { get; private set; }

        /// <summary>Never: this bearer carries nothing over the modem's data call.</summary>
        public bool CallEnded { get { return false; } }

        public uint LocalAddress { get; private set; }

        public uint PeerAddress { get; private set; }

        public uint PrimaryDns { get; private set; }

        public uint SecondaryDns { get; private set; }

        public long LastActivityMs { get; private set; }

        public INetStack Stack => _stack;

        /// <summary>The sockets themselves (tests read the handle count and the counters).</summary>
        public NanoNetStack NetStack => _stack;

        /// <summary>"Wi-Fi" or "Ethernet": the interface <see cref="Start"/> found last, or null.</summary>
        public string InterfaceName { get; private set; }

        /// <summary>
        /// Up with the interface's addresses, or Failed (the PPP negotiation code of the role the
        /// session asked for) when no interface has an IPv4 address: Wi-Fi not configured or not
        /// joined, no Ethernet link, no DHCP lease yet.
        /// </summary>
        public void Start(BearerRequest request, ModemChannel modem, long nowMs)
        {
            LastActivityMs = nowMs;
            _seenTransfers = _stack.Transfers;
            if (!Discover())
            {
                FailureCode = request != null && request.Server ? ErrorCodes.PppServerNegotiationFailed : ErrorCodes.PppClientNegotiationFailed;
                State = BearerState.Failed;
                return;
            }

            FailureCode = 0;
            _stack.InterfaceAddress = LocalAddress;
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
            int transfers = _stack.Transfers;
            if (transfers != _seenTransfers)
            {
                _seenTransfers = transfers;
                LastActivityMs = nowMs;
            }
        }

        // The first station or Ethernet interface with an IPv4 address (the soft AP is not a way out).
        private bool Discover()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                NetworkInterface nic = interfaces[i];
                NetworkInterfaceType type = nic.NetworkInterfaceType;
                if (type != NetworkInterfaceType.Wireless80211 && type != NetworkInterfaceType.Ethernet)
                {
                    continue;
                }

                uint local = Parse(nic.IPv4Address);
                if (local == 0)
                {
                    // "0.0.0.0": not joined or no lease yet.
                    continue;
                }

                LocalAddress = local;
                uint gateway = Parse(nic.IPv4GatewayAddress);
                PeerAddress = gateway != 0 ? gateway : local;
                string[] dns = nic.IPv4DnsAddresses;
                PrimaryDns = dns != null && dns.Length > 0 ? Parse(dns[0]) : 0;
                SecondaryDns = dns != null && dns.Length > 1 ? Parse(dns[1]) : 0;
                InterfaceName = type == NetworkInterfaceType.Ethernet ? "Ethernet" : "Wi-Fi";
                return true;
            }

            return false;
        }

        private static uint Parse(string text) => text == null ? 0 : IPv4Text.Parse(text);
    }
}
