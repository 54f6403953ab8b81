using System;
using System.Collections.Generic;
using EdSoftNano.App;
using EdSoftNano.At;
using EdSoftNano.DataMode;
using EdSoftNano.Simulation;
using Xunit;

namespace EdSoftNano.Tests.DataMode
{
    /// <summary>The pump's coding per direction, back-pressure and end states, byte-exact.</summary>
    public class DataPumpTests
    {
        private static readonly DataPumpSettings DleNoDelay = new DataPumpSettings(true, true, 0, Budget.DataFrame);

        [Fact]
        public void FeedHost_EscapedPayloadAndEtx_SendsPayloadAndLeavesTheCommandBytes()
        {
            var rig = new PumpRig(connection: new LoopbackConnection { Discard = true, RecordFrames = true }).Start(DleNoDelay);
            var sent = new List<byte>();
            rig.Connection.OnSend = (b, o, n) => sent.AddRange(new ArraySegment<byte>(b, o, n));

            byte[] input = Convert.FromHexString("41" + "1003" + "42" + "1010" + "03" + "41540D");
            int used = rig.Feed(input);

            Assert.Equal(input.Length - 3, used);
            Assert.Equal("41034210", Convert.ToHexString(sent.ToArray()));
            Assert.Equal(DataPumpState.HostEnded, rig.Pump.State);
            Assert.Equal(0, rig.Feed(input));
        }

        [Fact]
        public void Poll_NetworkBytes_ReachTheHostEscaped()
        {
            var rig = new PumpRig().Start(DleNoDelay);
            rig.Connection.Inject(Convert.FromHexString("410342100310"));
            rig.Turn();
            Assert.Equal("41100342101010031010", Convert.ToHexString(rig.Scripted.TakeOutputBytes()));
        }

        [Fact]
        public void DleMode0_EtxAndDle_ArePayloadBothWaysAndTheHostCannotEnd()
        {
            var rig = new PumpRig(connection: new LoopbackConnection()).Start(DataPumpSettings.Tcp(false, 0));
            byte[] input = Convert.FromHexString("03" + "1003" + "10" + "41");
            Assert.Equal(input.Length, rig.Feed(input));
            rig.Turn();

            Assert.Equal(DataPumpState.Running, rig.Pump.State);
            Assert.False(rig.Pump.HostEndSeen);
            Assert.Equal(Convert.ToHexString(input), Convert.ToHexString(rig.Scripted.TakeOutputBytes()));
        }

        [Fact]
        public void Mail_NoHostTerminator_PassesEtxToTheConnection()
        {
            var rig = new PumpRig(connection: new LoopbackConnection { Discard = true, RecordFrames = true }).Start(DataPumpSettings.Mail());
            Assert.Equal(3, rig.Feed(new byte[] { 0x41, 0x03, 0x42 }));
            Assert.Equal(new[] { 3 }, rig.Connection.Frames);
            Assert.Equal(DataPumpState.Running, rig.Pump.State);
        }

        [Fact]
        public void FeedHost_ConnectionBlocked_TakesOnlyWhatTheRingHoldsAndLosesNothing()
        {
            var connection = new LoopbackConnection(capacity: 1 << 20) { SendPerTick = 0 };
            var rig = new PumpRig(connection: connection).Start(DleNoDelay);
            byte[] payload = DleReference.Payload(20000, 0, 3);

            int used = rig.Feed(payload);
            Assert.Equal(Budget.HostToNetworkRing, used);
            Assert.Equal(0, rig.Feed(payload[used..]));

            connection.SendPerTick = int.MaxValue;
            int fed = used;
            for (int turn = 0; turn < 100 && fed < payload.Length; turn++)
            {
                rig.Turn();
                fed += rig.Pump.FeedHost(payload, fed, payload.Length - fed, rig.Now);
            }

            for (int turn = 0; turn < 100; turn++)
            {
                rig.Turn();
            }

            Assert.Equal(payload.Length, fed);
            Assert.Equal(payload.Length, rig.Pump.BytesToNetwork);
            var check = new PayloadChecker(payload, escaped: true);
            byte[] output = rig.Scripted.TakeOutputBytes();
            check.Take(output, 0, output.Length);
            Assert.True(check.Complete && check.Clean, check.ToString());
        }

        [Fact]
        public void Poll_SlowHost_LeavesTheRestInTheConnection()
        {
            var rig = new PumpRig().Start(DataPumpSettings.Tcp(false, 0));
            rig.Pump.HostBytesPerPoll = 100;
            rig.Connection.Inject(new byte[10000]);
            rig.Turn();

            Assert.Equal(100, rig.Scripted.TakeOutputBytes().Length);
            Assert.Equal(Budget.NetworkToHostRing - 100, rig.Pump.PendingToHost);
            Assert.Equal(10000 - Budget.NetworkToHostRing, rig.Connection.InFlight);
        }

        [Fact]
        public void Poll_HostBudgetEndsInsideAnEscapePair_FinishesThePairNextPoll()
        {
            var rig = new PumpRig().Start(DleNoDelay);
            rig.Pump.HostBytesPerPoll = 1;
            rig.Connection.Inject(new byte[] { 0x03, 0x10 });
            var output = new List<byte>();
            for (int i = 0; i < 6; i++)
            {
                rig.Turn();
                byte[] bytes = rig.Scripted.TakeOutputBytes();
                Assert.True(bytes.Length <= 1);
                output.AddRange(bytes);
            }

            Assert.Equal("10031010", Convert.ToHexString(output.ToArray()));
        }

        [Fact]
        public void Poll_PeerClosed_DeliversEverythingThenRemoteClosed()
        {
            var rig = new PumpRig().Start(DleNoDelay);
            rig.Pump.HostBytesPerPoll = 1000;
            byte[] payload = DleReference.Payload(5000, 2, 4);
            rig.Connection.Inject(payload);
            rig.Connection.PeerClose();

            rig.Turn();
            Assert.Equal(DataPumpState.Running, rig.Pump.State);
            for (int i = 0; i < 20 && rig.Pump.State == DataPumpState.Running; i++)
            {
                rig.Turn();
            }

            Assert.Equal(DataPumpState.RemoteClosed, rig.Pump.State);
            Assert.Equal(Convert.ToHexString(DleReference.Escape(payload)), Convert.ToHexString(rig.Scripted.TakeOutputBytes()));
        }

        [Fact]
        public void Poll_ConnectionFails_FailedWithItsCode()
        {
            var rig = new PumpRig().Start(DleNoDelay);
            rig.Connection.Fail(ErrorCodes.DataSendFailed);
            rig.Turn();
            Assert.Equal(DataPumpState.Failed, rig.Pump.State);
            Assert.Equal(ErrorCodes.DataSendFailed, rig.Pump.Error);
            Assert.Equal(0, rig.Feed(new byte[] { 0x41 }));
        }

        [Fact]
        public void Stop_AfterData_ClearsEverythingForTheNextSession()
        {
            var rig = new PumpRig(connection: new LoopbackConnection { SendPerTick = 0 }).Start(DleNoDelay);
            rig.Feed(new byte[] { 0x41, 0x10 });
            rig.Pump.Stop();
            Assert.Equal(DataPumpState.Idle, rig.Pump.State);
            Assert.Equal(0, rig.Pump.PendingToNetwork);

            rig.Connection.SendPerTick = int.MaxValue;
            rig.Start(DleNoDelay);
            rig.Feed(new byte[] { 0x03 });
            Assert.Equal(DataPumpState.HostEnded, rig.Pump.State);
            Assert.Equal(0, rig.Pump.BytesToNetwork);
        }
    }
}
