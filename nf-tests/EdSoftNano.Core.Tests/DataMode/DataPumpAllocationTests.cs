using System;
using EdSoftNano.DataMode;
using EdSoftNano.Simulation;
using Xunit;

namespace EdSoftNano.Tests.DataMode
{
    /// <summary>
    /// Acceptance of issue 3: once warmed up, moving 10 MB through the pump (both directions,
    /// escaping, ring wrap, back-pressure, frames made contiguous) allocates nothing.
    /// </summary>
    public class DataPumpAllocationTests
    {
        [Fact]
        public void Transfer_TenMegabytesAfterWarmUp_AllocatesZeroBytesPerKilobyte()
        {
            byte[] payload = DleReference.Payload(1024 * 1024, 2, 99);
            byte[] input = DleReference.Escape(payload);
            var atHost = new PayloadChecker(payload, escaped: true);
            var host = new SinkHostLink(atHost.Take);
            var connection = new LoopbackConnection(capacity: 8192) { SendPerTick = 1300 };
            var rig = new PumpRig(host, connection).Start(DataPumpSettings.Tcp(true, 20));
            rig.Pump.HostBytesPerPoll = 1500;
            int[] offers = new int[997];
            var random = new Random(5);
            for (int i = 0; i < offers.Length; i++)
            {
                offers[i] = random.Next(1, 3000);
            }

            Run(rig, input, atHost, offers);
            Assert.True(atHost.Complete && atHost.Clean, atHost.ToString());

            long before = GC.GetAllocatedBytesForCurrentThread();
            long moved = 0;
            for (int round = 0; round < 10; round++)
            {
                atHost.Reset();
                moved += Run(rig, input, atHost, offers);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(atHost.Complete && atHost.Clean, atHost.ToString());
            Assert.Equal(10L * payload.Length, moved);
            Assert.Equal(0, allocated * 1024 / moved);
            Assert.Equal(0, allocated);
        }

        // One pass of the payload, the loop a main loop would run; returns payload bytes moved to the host.
        private static long Run(PumpRig rig, byte[] input, PayloadChecker atHost, int[] offers)
        {
            long start = rig.Pump.BytesToHost;
            int fed = 0;
            int turn = 0;
            while (!atHost.Complete)
            {
                if (fed < input.Length)
                {
                    int offer = Math.Min(offers[turn % offers.Length], input.Length - fed);
                    fed += rig.Pump.FeedHost(input, fed, offer, rig.Now);
                }

                rig.Turn();
                turn++;
            }

            return rig.Pump.BytesToHost - start;
        }
    }
}
