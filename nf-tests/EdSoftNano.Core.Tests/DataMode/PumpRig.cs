using EdSoftNano.App;
using EdSoftNano.DataMode;
using EdSoftNano.Ports;
using EdSoftNano.Simulation;

namespace EdSoftNano.Tests.DataMode
{
    /// <summary>A pump with the budget's buffers between a host link and a loopback connection, on virtual time.</summary>
    public sealed class PumpRig
    {
        public PumpRig(IByteLink host = null, LoopbackConnection connection = null)
        {
            Host = host ?? new ScriptedHostLink();
            Connection = connection ?? new LoopbackConnection();
            Pump = new DataPump(Host, new byte[Budget.HostToNetworkRing], new byte[Budget.NetworkToHostRing], new byte[Budget.DataScratch]);
        }

        public IByteLink Host { get; }

        public ScriptedHostLink Scripted => (ScriptedHostLink)Host;

        public LoopbackConnection Connection { get; }

        public DataPump Pump { get; }

        public long Now { get; set; }

        public PumpRig Start(DataPumpSettings settings)
        {
            Pump.Start(Connection, settings, Now);
            return this;
        }

        /// <summary>One host read as the main loop takes it: FeedHost, then the Poll of the same turn.</summary>
        public int Feed(byte[] bytes)
        {
            int used = Pump.FeedHost(bytes, 0, bytes.Length, Now);
            Pump.Poll(Now);
            return used;
        }

        /// <summary>One main-loop turn: a new connection time slice, a poll, 1 ms.</summary>
        public void Turn()
        {
            Connection.Tick();
            Pump.Poll(Now);
            Now++;
        }
    }
}
