using EdSoftNano.At;
using EdSoftNano.DataMode;
using EdSoftNano.Parameters;
using EdSoftNano.Ports;
using EdSoftNano.Session;

namespace EdSoftNano.Services
{
    /// <summary>
    /// What every service shares: the parameters, the host writer, the one data-mode session (one
    /// host UART, one pump), and the network of the connected session.
    /// </summary>
    public sealed class ServiceContext
    {
        private readonly ConnectionSession _session;

        public ServiceContext(ParameterStore parameters, ResponseWriter writer, DataModeSession dataMode, ConnectionSession session)
        {
            Parameters = parameters;
            Writer = writer;
            DataMode = dataMode;
            _session = session;
        }

        public ParameterStore Parameters { get; }

        public ResponseWriter Writer { get; }

        public DataModeSession DataMode { get; }

        /// <summary>The sockets, DNS and ping of the connected session; null while none is up.</summary>
        public INetStack Net => _session == null ? null : _session.NetStack;

        /// <summary>DNSSERV1, or the bearer's first server when both parameters are 0.0.0.0 (issue: services).</summary>
        public uint Dns1
        {
            get
            {
                uint dns1 = IPv4Text.Parse(Parameters.Get(ParameterTable.DnsServ1));
                uint dns2 = IPv4Text.Parse(Parameters.Get(ParameterTable.DnsServ2));
                return dns1 == 0 && dns2 == 0 && _session != null ? _session.BearerDns(true) : dns1;
            }
        }

        /// <summary>DNSSERV2, or the bearer's second server when both parameters are 0.0.0.0.</summary>
        public uint Dns2
        {
            get
            {
                uint dns1 = IPv4Text.Parse(Parameters.Get(ParameterTable.DnsServ1));
                uint dns2 = IPv4Text.Parse(Parameters.Get(ParameterTable.DnsServ2));
                return dns1 == 0 && dns2 == 0 && _session != null ? _session.BearerDns(false) : dns2;
            }
        }
    }
}
