using System;
using EdSoftNano.App;
using EdSoftNano.DataMode;
using EdSoftNano.Simulation;
using Xunit;

namespace EdSoftNano.Tests.DataMode
{
    /// <summary>
    /// TCPTXDELAY / UDPTXDELAY (spec 5.1.4, 6.1.3) on virtual time: a frame not entirely filled
    /// leaves after the delay and not before, a full frame at once, 0 = as soon as a byte is there.
    /// </summary>
    public class TxDelayTests
    {
        private static PumpRig Rig(int delayMs, int frameSize = Budget.DataFrame)
            => new PumpRig(connection: new LoopbackConnection { Discard = true, RecordFrames = true })
                .Start(new DataPumpSettings(true, true, delayMs, frameSize));

        [Fact]
        public void Poll_PartialFrame_LeavesAfterTheDelayNotBefore()
        {
            var rig = Rig(100);
            rig.Feed(new byte[10]);
            Assert.Equal(100, rig.Pump.NextDeadlineMs);
            for (long t = 0; t < 100; t++)
            {
                rig.Now = t;
                rig.Turn();
                Assert.Empty(rig.Connection.Frames);
            }

            rig.Now = 100;
            rig.Turn();
            Assert.Equal(new[] { 10 }, rig.Connection.Frames);
            Assert.Equal(long.MaxValue, rig.Pump.NextDeadlineMs);
        }

        [Fact]
        public void Poll_BytesArrivingDuringTheDelay_JoinTheFrameOfTheFirstByte()
        {
            var rig = Rig(100);
            rig.Now = 1000;
            rig.Feed(new byte[10]);
            rig.Now = 1060;
            rig.Feed(new byte[7]);
            rig.Now = 1099;
            rig.Turn();
            Assert.Empty(rig.Connection.Frames);

            rig.Now = 1100;
            rig.Turn();
            Assert.Equal(new[] { 17 }, rig.Connection.Frames);
        }

        [Fact]
        public void FeedHost_FullFrame_LeavesAtOnce()
        {
            var rig = Rig(100, frameSize: 500);
            rig.Now = 7;
            rig.Feed(new byte[500]);
            Assert.Equal(new[] { 500 }, rig.Connection.Frames);
        }

        [Fact]
        public void FeedHost_FullFrameAndARest_RestWaitsTheDelayFromWhenTheFullFrameLeft()
        {
            var rig = Rig(100, frameSize: 500);
            rig.Feed(new byte[300]);
            rig.Now = 90;
            rig.Feed(new byte[240]);
            Assert.Equal(new[] { 500 }, rig.Connection.Frames);

            // The 40 left arrived at 90: they may not leave before 190.
            rig.Now = 189;
            rig.Turn();
            Assert.Equal(new[] { 500 }, rig.Connection.Frames);
            rig.Now = 190;
            rig.Turn();
            Assert.Equal(new[] { 500, 40 }, rig.Connection.Frames);
        }

        [Fact]
        public void FeedHost_SeveralFramesAtOnce_AllFullOnesLeaveAtOnce()
        {
            var rig = Rig(100, frameSize: 500);
            rig.Feed(new byte[1600]);
            Assert.Equal(new[] { 500, 500, 500 }, rig.Connection.Frames);
            rig.Now = 99;
            rig.Turn();
            Assert.Equal(3, rig.Connection.Frames.Count);
            rig.Now = 100;
            rig.Turn();
            Assert.Equal(new[] { 500, 500, 500, 100 }, rig.Connection.Frames);
        }

        [Fact]
        public void FeedHost_ZeroDelay_SendsEachByteAsSoonAsItIsThere()
        {
            var rig = Rig(0);
            rig.Feed(new byte[] { 0x41 });
            rig.Feed(new byte[] { 0x42, 0x43 });
            Assert.Equal(new[] { 1, 2 }, rig.Connection.Frames);
        }

        [Fact]
        public void FeedHost_ZeroDelay_PartialTailWaitsForThePollOfTheSameTurn()
        {
            // FeedHost sends full frames only; the main loop polls right after, so the next host read
            // can still join the tail (fewer, larger sends) and TXDELAY 0 adds no wait.
            var rig = Rig(0);
            rig.Pump.FeedHost(new byte[] { 0x41, 0x42 }, 0, 2, rig.Now);
            Assert.Empty(rig.Connection.Frames);
            rig.Pump.Poll(rig.Now);
            Assert.Equal(new[] { 2 }, rig.Connection.Frames);
        }

        [Fact]
        public void FeedHost_HostEtx_SendsThePartialFrameAtOnce()
        {
            var rig = Rig(1000);
            rig.Feed(new byte[] { 0x41, 0x42, 0x03 });
            Assert.Equal(new[] { 2 }, rig.Connection.Frames);
            Assert.Equal(DataPumpState.HostEnded, rig.Pump.State);
        }

        [Fact]
        public void Poll_DatagramWrappingTheRingEnd_LeavesAsOneFrame()
        {
            // UDP: a frame is a datagram, so one that wraps the ring end must go in one Send.
            var connection = new LoopbackConnection { Discard = true, RecordFrames = true, AllOrNothing = true, SendPerTick = 0 };
            var rig = new PumpRig(connection: connection).Start(DataPumpSettings.Udp(100, 700));
            var sent = new System.Collections.Generic.List<byte>();
            connection.OnSend = (b, o, n) => sent.AddRange(new ArraySegment<byte>(b, o, n));
            byte[] payload = DleReference.Payload(Budget.HostToNetworkRing + 500, 0, 11);

            Assert.Equal(Budget.HostToNetworkRing, rig.Pump.FeedHost(payload, 0, payload.Length, rig.Now));
            connection.SendPerTick = 4 * 700;
            rig.Pump.Poll(rig.Now);
            Assert.Equal(new[] { 700, 700, 700, 700 }, connection.Frames);

            connection.SendPerTick = int.MaxValue;
            Assert.Equal(500, rig.Pump.FeedHost(payload, Budget.HostToNetworkRing, 500, rig.Now));
            Assert.Equal(new[] { 700, 700, 700, 700, 700 }, connection.Frames);
            Assert.Equal(payload.AsSpan(0, 3500).ToArray(), sent.ToArray());
        }

        [Fact]
        public void Poll_ConnectionBlockedPastTheDelay_SendsWhenItOpensWithoutWaitingAgain()
        {
            var connection = new LoopbackConnection { Discard = true, RecordFrames = true, SendPerTick = 0 };
            var rig = new PumpRig(connection: connection).Start(new DataPumpSettings(true, true, 100, Budget.DataFrame));
            rig.Feed(new byte[10]);
            rig.Now = 150;
            rig.Pump.Poll(rig.Now);
            Assert.Empty(connection.Frames);

            connection.SendPerTick = 4;
            rig.Pump.Poll(rig.Now);
            Assert.Equal(new[] { 4 }, connection.Frames);
            connection.SendPerTick = int.MaxValue;
            rig.Now = 151;
            rig.Pump.Poll(rig.Now);
            Assert.Equal(new[] { 4, 6 }, connection.Frames);
        }
    }
}
