using System;
using EdSoftNano.Ppp;
using Xunit;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>
    /// Fault injection on virtual time (issue 7 acceptance): seeded bit errors and lost frames between a
    /// client and a server PppLink, a peer that never answers, a peer that dies or leaves mid-session.
    /// </summary>
    public class PppFaultTests
    {
        private static uint Ip(int a, int b, int c, int d) { return PppLinkTests.Ip(a, b, c, d); }

        /// <summary>Polls both ends, jumping virtual time to the next deadline when the wire is idle.</summary>
        internal static void Run(PppLink a, PppLink b, DuplexByteLink la, DuplexByteLink lb, ref long now, long untilMs, Func<bool> done)
        {
            while (now <= untilMs && !done())
            {
                if (la.Pending > 0 || lb.Pending > 0)
                {
                    a.Poll(now);
                    b.Poll(now);
                    if (Ended(a)) { la.Clear(); }   // an ended link reads no more
                    if (Ended(b)) { lb.Clear(); }
                    continue;
                }

                long next = Math.Min(a.NextDeadlineMs, b.NextDeadlineMs);
                if (next == long.MaxValue || next > untilMs) { break; }
                now = Math.Max(now, next);
                a.Poll(now);
                b.Poll(now);
            }
        }

        private static bool Ended(PppLink l) { return l.State == PppLinkState.Down || l.State == PppLinkState.Failed; }

        private static void Pair(out PppLink c, out PppLink s, out DuplexByteLink lc, out DuplexByteLink ls)
        {
            DuplexByteLink.Pair(out lc, out ls);
            c = new PppLink(lc, 0x5EED0001);
            c.ConfigureClient(0);
            s = new PppLink(ls, 0x5EED0002);
            s.ConfigureServer(Ip(10, 64, 0, 1), Ip(10, 64, 0, 2), Ip(10, 64, 0, 53), Ip(10, 64, 0, 54), 0);
        }

        private static long BringUp(PppLink c, PppLink s, DuplexByteLink lc, DuplexByteLink ls)
        {
            long now = 0;
            c.Start(now);
            s.Start(now);
            Run(c, s, lc, ls, ref now, 60000, () => c.State == PppLinkState.Up && s.State == PppLinkState.Up);
            Assert.Equal(PppLinkState.Up, c.State);
            Assert.Equal(PppLinkState.Up, s.State);
            return now;
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public void RandomBitErrors_BadFcsDropped_NegotiationCompletesThroughRestartTimer(int seed)
        {
            Pair(out var c, out var s, out var lc, out var ls);
            lc.Faults = new Random(seed);
            ls.Faults = new Random(seed + 100);
            lc.BitErrorRate = ls.BitErrorRate = 0.01;   // about one LCP-sized frame in four is hit
            long now = 0;
            c.Start(now);
            s.Start(now);
            Run(c, s, lc, ls, ref now, 60000, () => c.State == PppLinkState.Up && s.State == PppLinkState.Up);

            Assert.True(lc.BitsFlipped + ls.BitsFlipped > 0, "no fault was injected");
            Assert.Equal(PppLinkState.Up, c.State);
            Assert.Equal(PppLinkState.Up, s.State);
            Assert.Equal(Ip(10, 64, 0, 2), c.LocalAddress);
            Assert.Equal(Ip(10, 64, 0, 53), c.Dns1);
            // A flipped bit is caught by the FCS (counted), or hits a flag/escape and breaks a frame apart.
            long hurt = c.Decoder.FcsErrors + s.Decoder.FcsErrors;
            Assert.True(hurt > 0 || now >= ControlProtocolFsm.DefaultRestartMs,
                "bits flipped " + (lc.BitsFlipped + ls.BitsFlipped) + " but nothing detected");
        }

        [Fact]
        public void RandomBitErrors_DetectedFrames_AreCountedNotDelivered()
        {
            Pair(out var c, out var s, out var lc, out var ls);
            long now = BringUp(c, s, lc, ls);
            var sink = new CountingInput();
            s.SetIpInput(sink);
            lc.Faults = new Random(7);
            lc.BitErrorRate = 0.001;
            byte[] dgram = new byte[400];
            dgram[0] = 0x45;
            for (int i = 0; i < 200; i++) { c.SendIp(dgram, 0, dgram.Length); s.Poll(now); }

            Assert.True(lc.BitsFlipped > 0);
            Assert.True(s.Decoder.FcsErrors > 0, "flipped bits must show as FCS errors");
            Assert.True(sink.Count < 200 && sink.Count >= 200 - lc.BitsFlipped, "delivered " + sink.Count + ", flipped " + lc.BitsFlipped);
            Assert.Equal(PppLinkState.Up, s.State);
        }

        [Theory]
        [InlineData(11)]
        [InlineData(12)]
        [InlineData(13)]
        public void LostFrames_NegotiationCompletes(int seed)
        {
            Pair(out var c, out var s, out var lc, out var ls);
            lc.Faults = new Random(seed);
            ls.Faults = new Random(seed + 100);
            lc.DropRate = ls.DropRate = 0.3;
            long now = 0;
            c.Start(now);
            s.Start(now);
            Run(c, s, lc, ls, ref now, 60000, () => c.State == PppLinkState.Up && s.State == PppLinkState.Up);

            Assert.True(lc.WritesDropped + ls.WritesDropped > 0, "no frame was lost");
            Assert.Equal(PppLinkState.Up, c.State);
            Assert.Equal(PppLinkState.Up, s.State);
            Assert.Equal(Ip(10, 64, 0, 2), c.LocalAddress);
            Assert.Equal(Ip(10, 64, 0, 1), s.LocalAddress);
        }

        [Fact]
        public void PeerDiesMidSession_WatchdogFires_LinkDeadAtExpectedVirtualTime()
        {
            Pair(out var c, out var s, out var lc, out var ls);
            long upAt = BringUp(c, s, lc, ls);
            long lastHeard = c.LastActivityMs;
            ls.Deaf = true;   // the server (and the air between) goes silent; it is not polled any more
            long now = upAt;
            while (c.State == PppLinkState.Up && now < upAt + 600000)
            {
                now = c.NextDeadlineMs;
                c.Poll(now);
            }

            Assert.Equal(PppLinkState.Down, c.State);
            Assert.Equal(PppLinkEnd.LinkDead, c.End);
            Assert.True(c.LinkDead);
            Assert.Equal(0, c.FailureCode);
            // Echo-Requests at +10, +20, +30 s of silence, all unanswered → dead at +40 s.
            Assert.Equal(3, c.EchoRequestsSent);
            Assert.Equal(lastHeard + 4 * PppLink.DefaultEchoIntervalMs, c.EndMs);
            Assert.Equal(0, s.Lcp.EchoRequests);   // the server heard none of them
        }

        [Fact]
        public void Watchdog_Configurable_IntervalAndMisses()
        {
            Pair(out var c, out var s, out var lc, out var ls);
            c.SetEchoWatchdog(2000, 5);
            long upAt = BringUp(c, s, lc, ls);
            long lastHeard = c.LastActivityMs;
            ls.Deaf = true;
            long now = upAt;
            while (c.State == PppLinkState.Up && now < upAt + 600000) { now = c.NextDeadlineMs; c.Poll(now); }
            Assert.Equal(PppLinkEnd.LinkDead, c.End);
            Assert.Equal(5, c.EchoRequestsSent);
            Assert.Equal(lastHeard + 6 * 2000, c.EndMs);
        }

        [Fact]
        public void IdlePeerThatAnswersEchoes_StaysUp()
        {
            Pair(out var c, out var s, out var lc, out var ls);
            s.SetEchoWatchdog(0, 3);   // only the client probes: every Echo-Request gets its Reply
            long now = BringUp(c, s, lc, ls);
            long until = now + 300000;
            Run(c, s, lc, ls, ref now, until, () => c.State != PppLinkState.Up);

            Assert.Equal(PppLinkState.Up, c.State);
            Assert.Equal(PppLinkEnd.None, c.End);
            Assert.True(c.EchoRequestsSent >= 25, "one Echo-Request per 10 s of silence: " + c.EchoRequestsSent);
            Assert.Equal(c.EchoRequestsSent, s.Lcp.EchoRequests);
            Assert.Equal(c.EchoRequestsSent, c.Lcp.EchoReplies);
            Assert.True(c.EchoMisses <= 1);
        }

        [Fact]
        public void AnyReceivedFrame_ResetsWatchdog()
        {
            Pair(out var c, out var s, out var lc, out var ls);
            s.SetEchoWatchdog(0, 3);
            long now = BringUp(c, s, lc, ls);
            ls.Deaf = true;   // Echo-Replies are lost, but IP datagrams every 25 s keep the link alive
            byte[] dgram = { 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 1, 0, 0, 10, 64, 0, 1, 10, 64, 0, 2 };
            for (int round = 0; round < 10; round++)
            {
                long until = now + 25000;
                while (c.State == PppLinkState.Up)
                {
                    long next = c.NextDeadlineMs;
                    if (next > until) { break; }
                    now = next;
                    c.Poll(now);
                }

                now = until;
                ls.Deaf = false;
                s.SendIp(dgram, 0, dgram.Length);
                ls.Deaf = true;
                c.Poll(now);
                Assert.Equal(PppLinkState.Up, c.State);
                Assert.Equal(0, c.EchoMisses);
            }

            Assert.Equal(PppLinkEnd.None, c.End);
            Assert.True(c.EchoRequestsSent >= 20);
        }

        [Fact]
        public void PeerTerminatesAfterUp_EndsDownAtOnce_PeerTerminated()
        {
            Pair(out var c, out var s, out var lc, out var ls);
            long now = BringUp(c, s, lc, ls);
            s.Stop(now);
            s.Poll(now);
            c.Poll(now);   // Terminate-Request in, Terminate-Ack out

            Assert.Equal(PppLinkState.Down, c.State);
            Assert.Equal(PppLinkEnd.PeerTerminated, c.End);
            Assert.True(c.PeerTerminated);
            Assert.Equal(now, c.EndMs);
            s.Poll(now);
            Assert.Equal(PppLinkState.Down, s.State);
            Assert.Equal(PppLinkEnd.Stopped, s.End);
        }

        [Fact]
        public void ByteLinkEndsAfterUp_EndsDown_LinkEnded()
        {
            Pair(out var c, out var s, out var lc, out var ls);
            long now = BringUp(c, s, lc, ls);
            lc.Ended = true;
            c.Poll(now + 5);
            Assert.Equal(PppLinkState.Down, c.State);
            Assert.Equal(PppLinkEnd.LinkEnded, c.End);
            Assert.True(c.LinkEnded);
            Assert.Equal(0, c.FailureCode);
        }

        [Fact]
        public void PeerNeverAnswers_EndIsFailedWithTimeoutCode()
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            lc.Deaf = true;
            var c = new PppLink(lc, 1);
            c.ConfigureClient(0);
            long now = 0;
            c.Start(now);
            while (c.State == PppLinkState.Starting && now < 200000) { now = c.NextDeadlineMs; c.Poll(now); }
            Assert.Equal(PppLinkEnd.Failed, c.End);
            Assert.Equal(38980, c.FailureCode);

            DuplexByteLink.Pair(out var lc2, out var ls2);
            ls2.Deaf = true;
            var sv = new PppLink(ls2, 2);
            sv.ConfigureServer(Ip(10, 64, 0, 1), Ip(10, 64, 0, 2), 0, 0, 0);
            now = 0;
            sv.Start(now);
            while (sv.State == PppLinkState.Starting && now < 200000) { now = sv.NextDeadlineMs; sv.Poll(now); }
            Assert.Equal(PppLinkEnd.Failed, sv.End);
            Assert.Equal(38981, sv.FailureCode);
        }

        private sealed class CountingInput : IPppIpInput
        {
            public int Count;
            public void Receive(long nowMs, byte[] packet, int offset, int count) { Count++; }
        }
    }
}
