using System;
using System.Linq;
using EdSoftNano.Ip;
using EdSoftNano.Ports;
using EdSoftNano.Tcp;
using Xunit;

namespace EdSoftNano.Tests.Tcp
{
    /// <summary>Opening, closing, failures and flow control of TcpLayer, two layers back to back on virtual time.</summary>
    public class TcpConnectionTests
    {
        [Fact]
        public void Connect_SynBytes_FlagsMssOptionWindowAndChecksum()
        {
            var wire = new TcpWire();
            byte[] first = null;
            wire.Drop = (from, b, o, l) => { first ??= b[o..(o + l)]; return false; };
            int listener = wire.B.Listen(80);
            int slot = wire.A.Connect(TcpWire.AddressB, 80, 0);
            Assert.Equal(SocketState.Connecting, wire.A.State(slot));
            Assert.True(wire.A.GetLocal(slot, out uint local, out int port));
            Assert.Equal(TcpWire.AddressA, local);
            Assert.InRange(port, 49152, 65535);
            uint iss = wire.A.Connection(slot).Iss;
            string expected = port.ToString("X4") + "0050" + iss.ToString("X8") + "00000000" + "6002" + "0800";
            Assert.Equal(24, first.Length);
            Assert.Equal(expected, Convert.ToHexString(first, 0, 16));
            Assert.Equal("0000020405B4", Convert.ToHexString(first, 18, 6));
            Assert.Equal(0, TcpChecksum.Compute(TcpWire.AddressA, TcpWire.AddressB, first, 0, first.Length));
            wire.RunUntil(() => wire.A.State(slot) == SocketState.Open, 1000);
            Assert.Equal(-2, wire.B.Accept(listener)); // our ACK is still on the wire
            wire.Run(20);
            int accepted = wire.B.Accept(listener);
            Assert.True(accepted >= 0);
            Assert.Equal(SocketState.Open, wire.B.State(accepted));
            Assert.True(wire.B.GetRemote(accepted, out uint remote, out int remotePort));
            Assert.Equal(TcpWire.AddressA, remote);
            Assert.Equal(port, remotePort);
            // SYN, SYN-ACK (with MSS), ACK.
            Assert.Equal(3, wire.Segments.Count);
            Assert.True(wire.Segments[1].Has(TcpHeader.Syn | TcpHeader.Ack));
            Assert.Equal(iss + 1, wire.Segments[1].Ack);
            Assert.Equal(1460, wire.Segments[1].Mss);
        }

        [Fact]
        public void Connect_MssOfPeer_BoundsSegments()
        {
            var wire = new TcpWire(mtu: 576);
            var t = new TcpTransfer(wire);
            Assert.Equal(536, wire.A.Connection(t.SlotA).Mss);
            byte[] data = TcpTransfer.Payload(5000, 1), got = new byte[5000];
            t.Run(data, new byte[0], got, new byte[0], 60000);
            Assert.Equal(data, got);
            Assert.Equal(536, wire.Segments.Where(s => s.From == 0).Max(s => s.DataLength));
        }

        [Fact]
        public void Connect_ClosedPort_RstGivesRefused38016()
        {
            var wire = new TcpWire();
            int slot = wire.A.Connect(TcpWire.AddressB, 81, 0);
            wire.RunUntil(() => wire.A.State(slot) == SocketState.Failed, 1000);
            Assert.Equal(38016, wire.A.Error(slot));
            Assert.True(wire.Segments[1].Has(TcpHeader.Rst | TcpHeader.Ack));
            Assert.Equal(-1, wire.A.Send(slot, new byte[1], 0, 1, wire.Now));
            wire.A.Close(slot, wire.Now);
            Assert.Equal(SocketState.Free, wire.A.State(slot));
        }

        [Fact]
        public void Connect_NoAnswer_BacksOffThenFails37964()
        {
            var wire = new TcpWire { BlackHoleB = true };
            int slot = wire.A.Connect(TcpWire.AddressB, 80, 0);
            wire.RunUntil(() => wire.A.State(slot) != SocketState.Connecting, 60000);
            Assert.Equal(SocketState.Failed, wire.A.State(slot));
            Assert.Equal(37964, wire.A.Error(slot));
            long[] times = wire.Segments.Where(s => s.Has(TcpHeader.Syn)).Select(s => s.TimeMs).ToArray();
            Assert.Equal(new long[] { 0, 1000, 3000, 7000, 15000 }, times);
            Assert.Equal(31000, wire.Now - 1);
        }

        [Fact]
        public void Transfer_ThreeDuplicateAcks_FastRetransmitBeforeRto()
        {
            var wire = new TcpWire(mtu: 576, sendBytes: 8192, receiveBytes: 8192);
            var t = new TcpTransfer(wire);
            uint lost = wire.A.Connection(t.SlotA).SndNxt + 536 * 10; // once the congestion window has grown
            bool dropped = false;
            wire.Drop = (from, b, o, l) =>
            {
                TcpHeader.TryParse(b, o, l, out TcpHeader h);
                if (from == 0 && !dropped && h.Sequence == lost && l > h.HeaderLength) { dropped = true; return true; }
                return false;
            };
            byte[] data = TcpTransfer.Payload(20000, 5), got = new byte[20000];
            t.ChunkBytes = 8192;
            t.Run(data, new byte[0], got, new byte[0], 60000);
            Assert.Equal(data, got);
            var sends = wire.Segments.Where(s => s.From == 0 && s.Seq == lost && s.DataLength > 0).ToArray();
            Assert.Equal(2, sends.Length);
            Assert.InRange(sends[1].TimeMs - sends[0].TimeMs, 1, 200); // an RTO would be ≥ 1000 ms
            var dupAcks = wire.Segments.Where(s => s.From == 1 && s.Ack == lost && s.TimeMs < sends[1].TimeMs).Count();
            Assert.True(dupAcks >= 4, "an ACK and three duplicates before the retransmission, saw " + dupAcks);
            Assert.True(1 == wire.A.Retransmissions, string.Join("\n", wire.Segments.Select(s => $"{s.TimeMs} {s.From} {s.Seq - wire.A.Connection(t.SlotA).Iss} {s.Ack - wire.A.Connection(t.SlotA).Iss} {s.Flags:X} {s.DataLength} {s.Window}")));
        }

        [Fact]
        public void Window_TiedToUnreadData_ClosesThenReopensAfterRead()
        {
            var wire = new TcpWire();
            var t = new TcpTransfer(wire);
            byte[] data = TcpTransfer.Payload(1000, 1);
            Assert.Equal(1000, wire.A.Send(t.SlotA, data, 0, 1000, wire.Now));
            wire.Run(100);
            Assert.Equal(1048, wire.Segments.Last(s => s.From == 1).Window);
            Assert.Equal(2920, wire.A.Send(t.SlotA, TcpTransfer.Payload(5000, 2), 0, 5000, wire.Now));
            wire.Run(100);
            Assert.Equal(0, wire.Segments.Last(s => s.From == 1).Window);
            Assert.Equal(2920 - 1048, wire.A.Connection(t.SlotA).SendRing.Count); // unsent: the window is shut
            int before = wire.Segments.Count;
            byte[] buffer = new byte[4096];
            Assert.Equal(500, wire.B.Receive(t.SlotB, buffer, 0, 500, wire.Now));
            wire.Run(50);
            Assert.Equal(before, wire.Segments.Count); // 500 < min(1024, MSS): no silly window update
            Assert.Equal(600, wire.B.Receive(t.SlotB, buffer, 500, 600, wire.Now));
            Assert.Equal(1100, wire.Segments.Last(s => s.From == 1).Window);
            Assert.Equal(data, buffer[..1000]);
        }

        [Fact]
        public void Window_ZeroThenProbesThenResumes()
        {
            var wire = new TcpWire();
            var t = new TcpTransfer(wire);
            byte[] data = TcpTransfer.Payload(10000, 3);
            int sent = 0;
            long start = wire.Now;
            while (wire.Now - start < 20000)
            {
                sent += wire.A.Send(t.SlotA, data, sent, data.Length - sent, wire.Now);
                wire.Step();
            }

            Assert.Equal(2048 + 2920, sent);
            var probes = wire.Segments.Where(s => s.From == 0 && s.DataLength == 0 && s.Seq == wire.A.Connection(t.SlotA).SndUna - 1).ToArray();
            Assert.True(probes.Length >= 3, "probes: " + probes.Length);
            Assert.True(probes[2].TimeMs - probes[1].TimeMs > probes[1].TimeMs - probes[0].TimeMs, "the persist interval backs off");
            Assert.True(wire.Segments.Where(s => s.From == 1 && s.TimeMs > probes[0].TimeMs).All(s => s.Window == 0));
            byte[] got = new byte[data.Length];
            int read = 0;
            wire.RunUntil(() =>
            {
                if (sent < data.Length) sent += wire.A.Send(t.SlotA, data, sent, data.Length - sent, wire.Now);
                read += Math.Max(0, wire.B.Receive(t.SlotB, got, read, got.Length - read, wire.Now));
                return read == data.Length;
            }, 5000);
            Assert.Equal(data, got);
            Assert.Equal(SocketState.Open, wire.A.State(t.SlotA));
        }

        [Fact]
        public void Window_ZeroForFiveMinutes_ProbesBackOffTo60sAndTheConnectionLives()
        {
            var wire = new TcpWire { Capture = true };
            var t = new TcpTransfer(wire);
            byte[] data = TcpTransfer.Payload(8000, 6);
            int sent = 0;
            long start = wire.Now;
            while (wire.Now - start < 300000)
            {
                sent += wire.A.Send(t.SlotA, data, sent, data.Length - sent, wire.Now);
                wire.Step();
            }

            Assert.Equal(SocketState.Open, wire.A.State(t.SlotA));
            uint probeSeq = wire.A.Connection(t.SlotA).SndUna - 1;
            var probes = wire.Segments.Where(s => s.From == 0 && s.DataLength == 0 && s.Seq == probeSeq).Select(s => s.TimeMs).ToArray();
            Assert.Equal(60000, probes[^1] - probes[^2]);
            Assert.Equal(0, wire.A.Retransmissions);
        }

        [Fact]
        public void Close_QueuedBytesDeliveredThenFin_PeerEnds()
        {
            var wire = new TcpWire();
            var t = new TcpTransfer(wire);
            byte[] data = TcpTransfer.Payload(2920, 4);
            Assert.Equal(2920, wire.A.Send(t.SlotA, data, 0, 2920, wire.Now));
            wire.A.Close(t.SlotA, wire.Now);
            Assert.Equal(SocketState.Free, wire.A.State(t.SlotA));
            byte[] got = new byte[4000];
            int read = 0, last = 0;
            wire.RunUntil(() =>
            {
                last = wire.B.Receive(t.SlotB, got, read, 4000 - read, wire.Now);
                if (last > 0) read += last;
                return last < 0;
            }, 10000);
            Assert.Equal(2920, read);
            Assert.Equal(data, got[..2920]);
            Assert.Equal(0, wire.B.Error(t.SlotB));
            Assert.Equal(SocketState.Ended, wire.B.State(t.SlotB));
            var fin = wire.Segments.First(s => s.From == 0 && s.Has(TcpHeader.Fin));
            Assert.Equal(wire.A.Connection(t.SlotA).Iss + 1 + 2920, fin.Seq + (uint)fin.DataLength);
        }

        [Fact]
        public void HalfClose_PeerStillSendsAfterOurFin_ThenBothClose()
        {
            var wire = new TcpWire();
            var t = new TcpTransfer(wire);
            wire.A.Close(t.SlotA, wire.Now);
            wire.RunUntil(() => wire.B.State(t.SlotB) == SocketState.Ended, 1000);
            wire.Run(20);
            Assert.Equal(TcpState.FinWait2, wire.A.Connection(t.SlotA).State);
            Assert.Equal(100, wire.B.Send(t.SlotB, new byte[100], 0, 100, wire.Now));
            wire.Run(100);
            Assert.Equal(wire.B.Connection(t.SlotB).SndMax, wire.B.Connection(t.SlotB).SndUna); // acknowledged (and discarded) by the closed side
            wire.B.Close(t.SlotB, wire.Now);
            wire.Run(100);
            Assert.Equal(TcpState.Free, wire.B.Connection(t.SlotB).State);
            Assert.Equal(TcpState.TimeWait, wire.A.Connection(t.SlotA).State);
        }

        [Fact]
        public void SimultaneousClose_BothPassClosingIntoTimeWait_ThenFree()
        {
            var wire = new TcpWire();
            var t = new TcpTransfer(wire);
            wire.A.Close(t.SlotA, wire.Now);
            wire.B.Close(t.SlotB, wire.Now);
            wire.Run(5);
            Assert.Equal(TcpState.FinWait1, wire.A.Connection(t.SlotA).State);
            wire.Run(8);
            Assert.Equal(TcpState.Closing, wire.A.Connection(t.SlotA).State);
            wire.Run(100);
            Assert.Equal(TcpState.TimeWait, wire.A.Connection(t.SlotA).State);
            Assert.Equal(TcpState.TimeWait, wire.B.Connection(t.SlotB).State);
            wire.Run(TcpConstants.TimeWaitMs);
            Assert.Equal(TcpState.Free, wire.A.Connection(t.SlotA).State);
            Assert.Equal(TcpState.Free, wire.B.Connection(t.SlotB).State);
            Assert.Equal(long.MaxValue, wire.A.NextDeadlineMs);
        }

        [Fact]
        public void TimeWait_HoldsTheSlotFor2Msl_ThenReused()
        {
            var wire = new TcpWire(slots: 2);
            var t = new TcpTransfer(wire);
            wire.A.Close(t.SlotA, wire.Now);
            wire.RunUntil(() => wire.B.State(t.SlotB) == SocketState.Ended, 1000);
            wire.B.Close(t.SlotB, wire.Now);
            wire.RunUntil(() => wire.A.Connection(t.SlotA).State == TcpState.TimeWait, 1000);
            long entered = wire.Now;
            int other = wire.A.Connect(TcpWire.AddressB, 5000, wire.Now);
            Assert.Equal(1 - t.SlotA, other);
            Assert.Equal(-1, wire.A.Connect(TcpWire.AddressB, 5000, wire.Now)); // table full: TIME-WAIT holds its slot
            Assert.Equal(SocketState.Free, wire.A.State(t.SlotA));
            wire.RunUntil(() => wire.A.Connection(t.SlotA).State == TcpState.Free, TcpConstants.TimeWaitMs + 10);
            Assert.InRange(wire.Now - entered, TcpConstants.TimeWaitMs - 5, TcpConstants.TimeWaitMs + 5);
            Assert.Equal(t.SlotA, wire.A.Connect(TcpWire.AddressB, 5000, wire.Now));
        }

        [Fact]
        public void Listener_Backlog_ThirdCallerWaitsUntilAccept()
        {
            var wire = new TcpWire(slots: 5);
            int listener = wire.B.Listen(7000);
            int c1 = wire.A.Connect(TcpWire.AddressB, 7000, wire.Now);
            int c2 = wire.A.Connect(TcpWire.AddressB, 7000, wire.Now);
            int c3 = wire.A.Connect(TcpWire.AddressB, 7000, wire.Now);
            wire.Run(200);
            Assert.Equal(SocketState.Open, wire.A.State(c1));
            Assert.Equal(SocketState.Open, wire.A.State(c2));
            Assert.Equal(SocketState.Connecting, wire.A.State(c3)); // its SYN was dropped: backlog of 2 full
            int a1 = wire.B.Accept(listener);
            Assert.True(a1 >= 0);
            wire.RunUntil(() => wire.A.State(c3) == SocketState.Open, 2000); // SYN retransmitted after 1 s
            wire.Run(20);
            int a2 = wire.B.Accept(listener), a3 = wire.B.Accept(listener);
            Assert.True(a2 >= 0 && a3 >= 0);
            Assert.Equal(-2, wire.B.Accept(listener));
            Assert.Equal(-1, wire.B.Accept(a1));
        }

        [Fact]
        public void Listen_PortInUse_Fails36872()
        {
            var wire = new TcpWire();
            wire.B.Listen(7000);
            int second = wire.B.Listen(7000);
            Assert.Equal(SocketState.Failed, wire.B.State(second));
            Assert.Equal(36872, wire.B.Error(second));
        }

        [Fact]
        public void LinkDown_FailsEveryConnectionWithoutSegments()
        {
            var wire = new TcpWire();
            var t = new TcpTransfer(wire);
            int listener = wire.A.Listen(9000);
            wire.A.Send(t.SlotA, new byte[500], 0, 500, wire.Now);
            int before = wire.Segments.Count;
            wire.LinkUp = false;
            wire.A.LinkDown();
            Assert.Equal(before, wire.Segments.Count);
            Assert.Equal(SocketState.Failed, wire.A.State(t.SlotA));
            Assert.Equal(TcpLayer.ErrorLinkLost, wire.A.Error(t.SlotA));
            Assert.Equal(SocketState.Failed, wire.A.State(listener));
            Assert.Equal(-1, wire.A.Receive(t.SlotA, new byte[10], 0, 10, wire.Now));
            Assert.Equal(long.MaxValue, wire.A.NextDeadlineMs);
        }

        [Fact]
        public void PeerReset_Fails37952()
        {
            var wire = new TcpWire();
            var t = new TcpTransfer(wire);
            wire.B.LinkDown(); // B forgets the connection silently
            Assert.Equal(10, wire.A.Send(t.SlotA, new byte[10], 0, 10, wire.Now));
            wire.RunUntil(() => wire.A.State(t.SlotA) == SocketState.Failed, 1000);
            Assert.Equal(37952, wire.A.Error(t.SlotA));
        }

        [Fact]
        public void Rst_OutOfWindowOrInexact_IgnoredOrChallenged()
        {
            var wire = new TcpWire();
            var t = new TcpTransfer(wire);
            var a = wire.A.Connection(t.SlotA);
            byte[] rst = new byte[20];
            var h = new TcpHeader { SourcePort = a.RemotePort, DestinationPort = a.LocalPort, Sequence = a.RcvNxt + 100, Flags = TcpHeader.Rst };
            h.Emit(rst, 0);
            TcpChecksum.Fill(TcpWire.AddressB, TcpWire.AddressA, rst, 0, 20);
            int before = wire.Segments.Count;
            wire.A.Receive(TcpWire.AddressB, TcpWire.AddressA, rst, 0, 20, wire.Now);
            Assert.Equal(SocketState.Open, wire.A.State(t.SlotA));
            Assert.Equal(before + 1, wire.Segments.Count); // challenge ACK
            Assert.Equal(TcpHeader.Ack, wire.Segments.Last().Flags);
            h.Sequence = a.RcvNxt;
            h.Emit(rst, 0);
            TcpChecksum.Fill(TcpWire.AddressB, TcpWire.AddressA, rst, 0, 20);
            wire.A.Receive(TcpWire.AddressB, TcpWire.AddressA, rst, 0, 20, wire.Now);
            Assert.Equal(37952, wire.A.Error(t.SlotA));
        }

        [Fact]
        public void Send_DataNeverAcked_Fails38017AfterRetries()
        {
            var wire = new TcpWire();
            var t = new TcpTransfer(wire);
            wire.BlackHoleB = true;
            wire.A.Send(t.SlotA, new byte[100], 0, 100, wire.Now);
            wire.RunUntil(() => wire.A.State(t.SlotA) == SocketState.Failed, 400000);
            Assert.Equal(38017, wire.A.Error(t.SlotA));
            Assert.Equal(TcpConstants.DataRetries, wire.A.Retransmissions);
        }
    }
}
