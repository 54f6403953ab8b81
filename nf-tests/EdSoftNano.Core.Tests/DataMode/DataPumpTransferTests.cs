using System;
using EdSoftNano.DataMode;
using EdSoftNano.Simulation;
using Xunit;

namespace EdSoftNano.Tests.DataMode
{
    /// <summary>
    /// Acceptance of issue 3: 10 MB with random ETX/DLE bytes through a loopback connection, both
    /// directions checked on the fly (host → network at the connection, network → host at the
    /// host UART), with a slow consumer on either side, on virtual time. No byte lost or duplicated.
    /// </summary>
    public class DataPumpTransferTests
    {
        private const int TenMegabytes = 10 * 1024 * 1024;

        private static readonly Lazy<byte[]> Payload = new Lazy<byte[]>(() => DleReference.Payload(TenMegabytes, 3, 20240611));
        private static readonly Lazy<byte[]> HostInput = new Lazy<byte[]>(() => DleReference.Escape(Payload.Value));

        public enum Slow { Network, Host, NetworkProducer }

        [Theory]
        [InlineData(Slow.Network)]
        [InlineData(Slow.Host)]
        [InlineData(Slow.NetworkProducer)]
        public void Transfer_TenMegabytesWithSlowSide_ArrivesByteExactBothWays(Slow slow)
        {
            byte[] payload = Payload.Value;
            byte[] input = HostInput.Value;
            var atNetwork = new PayloadChecker(payload, escaped: false);
            var atHost = new PayloadChecker(payload, escaped: true);
            var host = new SinkHostLink(atHost.Take);
            var connection = new LoopbackConnection(capacity: 16384) { OnSend = atNetwork.Take };
            var rig = new PumpRig(host, connection).Start(DataPumpSettings.Tcp(true, 20));
            switch (slow)
            {
                case Slow.Network:
                    connection.SendPerTick = 1000;
                    break;
                case Slow.Host:
                    rig.Pump.HostBytesPerPoll = 1200;
                    break;
                case Slow.NetworkProducer:
                    connection.ReceivePerTick = 900;
                    break;
            }

            var random = new Random((int)slow);
            int fed = 0;
            bool pushedBack = false;
            long turns = 0;
            while (!atHost.Complete && turns < 2_000_000)
            {
                if (fed < input.Length)
                {
                    int offer = Math.Min(random.Next(1, 4097), input.Length - fed);
                    int used = rig.Pump.FeedHost(input, fed, offer, rig.Now);
                    pushedBack |= used < offer;
                    fed += used;
                }

                rig.Turn();
                turns++;
            }

            Assert.True(atNetwork.Complete && atNetwork.Clean, "at the connection: " + atNetwork);
            Assert.True(atHost.Complete && atHost.Clean, "at the host: " + atHost);
            Assert.True(pushedBack, "the slow side never pushed back on the host");
            Assert.Equal(payload.Length, rig.Pump.BytesToNetwork);
            Assert.Equal(payload.Length, rig.Pump.BytesToHost);

            // The host ends the data: a bare ETX after 10 MB of escaped ones.
            Assert.Equal(1, rig.Pump.FeedHost(new byte[] { DleCodes.Etx, 0x41 }, 0, 2, rig.Now));
            Assert.Equal(DataPumpState.HostEnded, rig.Pump.State);
        }
    }
}
