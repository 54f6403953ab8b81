using System;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using Xunit;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>Two PppLinks (client and server) over an in-memory duplex link, on virtual time.</summary>
    public class PppLinkTests
    {
        internal static uint Ip(int a, int b, int c, int d) { return (uint)((a << 24) | (b << 16) | (c << 8) | d); }

        private static void Run(PppLink a, PppLink b, DuplexByteLink la, DuplexByteLink lb, ref long now, long untilMs, Func<bool> done)
        {
            while (now <= untilMs && !done())
            {
                if (la.Pending > 0 || lb.Pending > 0)
                {
                    a.Poll(now);
                    b.Poll(now);
                    continue;
                }

                long next = Math.Min(a.NextDeadlineMs, b.NextDeadlineMs);
                if (next == long.MaxValue || next > untilMs) { break; }
                now = Math.Max(now, next);
                a.Poll(now);
                b.Poll(now);
            }
        }

        private static PppLink Server(DuplexByteLink link, int requireAuth)
        {
            var s = new PppLink(link, 0x5EED0002);
            s.ConfigureServer(Ip(10, 64, 0, 1), Ip(10, 64, 0, 2), Ip(10, 64, 0, 53), Ip(10, 64, 0, 54), requireAuth);
            return s;
        }

        private static PppLink Client(DuplexByteLink link)
        {
            var c = new PppLink(link, 0x5EED0001);
            c.ConfigureClient(0);
            return c;
        }

        [Fact]
        public void ClientAndServer_NoAuth_ReachUpWithAddressesAndDns()
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            PppLink c = Client(lc), s = Server(ls, 0);
            long now = 1000;
            c.Start(now);
            s.Start(now);
            Run(c, s, lc, ls, ref now, 60000, () => c.State == PppLinkState.Up && s.State == PppLinkState.Up);

            Assert.Equal(PppLinkState.Up, c.State);
            Assert.Equal(PppLinkState.Up, s.State);
            Assert.Equal(Ip(10, 64, 0, 2), c.LocalAddress);
            Assert.Equal(Ip(10, 64, 0, 1), c.PeerAddress);
            Assert.Equal(Ip(10, 64, 0, 53), c.Dns1);
            Assert.Equal(Ip(10, 64, 0, 54), c.Dns2);
            Assert.Equal(Ip(10, 64, 0, 1), s.LocalAddress);
            Assert.Equal(Ip(10, 64, 0, 2), s.PeerAddress);
            Assert.True(now < 1000 + 100, "no retransmission needed on a clean link");
            Assert.Equal(0, c.Decoder.FcsErrors + s.Decoder.FcsErrors);
            Assert.True(c.Lcp.PeerAcfc && c.Lcp.PeerPfc && c.Lcp.PeerAccm == 0);
        }

        [Theory]
        [InlineData(PppProtocol.Pap)]
        [InlineData(PppProtocol.Chap)]
        public void ClientAndServer_WithAuth_ReachUp(int auth)
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            PppLink c = Client(lc), s = Server(ls, auth);
            var ca = new PppAuthenticator(c, new byte[AuthCodec.TxBufferLength], 7);
            ca.SetClientCredentials("user", "secret");
            var sa = new PppAuthenticator(s, new byte[AuthCodec.TxBufferLength], 9);
            sa.SetServerCredentials("user", "secret");
            c.SetAuthenticator(new PppAuthenticatorHook(ca));
            s.SetAuthenticator(new PppAuthenticatorHook(sa));
            long now = 0;
            c.Start(now);
            s.Start(now);
            Run(c, s, lc, ls, ref now, 60000, () => c.State == PppLinkState.Up && s.State == PppLinkState.Up);

            Assert.Equal(PppLinkState.Up, c.State);
            Assert.Equal(PppLinkState.Up, s.State);
            Assert.Equal(auth, c.Lcp.PeerAuth);
            Assert.Equal(Ip(10, 64, 0, 2), c.LocalAddress);
        }

        [Fact]
        public void WrongPassword_ClientFails37120_ServerFails37121()
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            PppLink c = Client(lc), s = Server(ls, PppProtocol.Pap);
            var ca = new PppAuthenticator(c, new byte[AuthCodec.TxBufferLength], 7);
            ca.SetClientCredentials("user", "wrong");
            var sa = new PppAuthenticator(s, new byte[AuthCodec.TxBufferLength], 9);
            sa.SetServerCredentials("user", "secret");
            c.SetAuthenticator(new PppAuthenticatorHook(ca));
            s.SetAuthenticator(new PppAuthenticatorHook(sa));
            long now = 0;
            c.Start(now);
            s.Start(now);
            Run(c, s, lc, ls, ref now, 60000, () => c.State == PppLinkState.Failed && s.State == PppLinkState.Failed);

            Assert.Equal(PppLinkState.Failed, s.State);
            Assert.Equal(37121, s.FailureCode);
            Assert.Equal(PppLinkState.Failed, c.State);
            Assert.Equal(37120, c.FailureCode);
        }

        [Fact]
        public void AuthNegotiated_NoAuthenticator_Fails37120()
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            PppLink c = Client(lc), s = Server(ls, PppProtocol.Pap);
            long now = 0;
            c.Start(now);
            s.Start(now);
            Run(c, s, lc, ls, ref now, 60000, () => c.State == PppLinkState.Failed);
            Assert.Equal(PppLinkState.Failed, c.State);
            Assert.Equal(37120, c.FailureCode);
        }

        [Fact]
        public void PeerNeverAnswers_Client38980_Server38981()
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            lc.Deaf = true;
            PppLink c = Client(lc);
            long now = 0;
            c.Start(now);
            while (c.State == PppLinkState.Starting && now < 200000)
            {
                now = c.NextDeadlineMs;
                c.Poll(now);
            }

            Assert.Equal(PppLinkState.Failed, c.State);
            Assert.Equal(38980, c.FailureCode);
            Assert.True(now >= 27000 && now <= 33000, "10 Configure-Requests 3 s apart, then TO-: " + now);

            DuplexByteLink.Pair(out var lc2, out var ls2);
            ls2.Deaf = true;
            PppLink s = Server(ls2, 0);
            now = 0;
            s.Start(now);
            while (s.State == PppLinkState.Starting && now < 200000) { now = s.NextDeadlineMs; s.Poll(now); }
            Assert.Equal(38981, s.FailureCode);
        }

        [Fact]
        public void NegotiationDeadline_PassesFirst_IsTimeout()
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            lc.Deaf = true;
            PppLink c = Client(lc);
            c.SetNegotiationTimeout(5000);
            long now = 0;
            c.Start(now);
            while (c.State == PppLinkState.Starting && now < 200000) { now = c.NextDeadlineMs; c.Poll(now); }
            Assert.Equal(38980, c.FailureCode);
            Assert.Equal(5000, now);
        }

        [Fact]
        public void UnknownProtocolAfterLcp_IsProtocolRejected_AndLinkStillComesUp()
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            PppLink c = Client(lc), s = Server(ls, 0);
            long now = 0;
            c.Start(now);
            s.Start(now);
            Run(c, s, lc, ls, ref now, 60000, () => c.State == PppLinkState.Up && s.State == PppLinkState.Up);
            Assert.Equal(PppLinkState.Up, c.State);

            // IPV6CP Configure-Request from the "server" side: the client must Protocol-Reject it.
            s.Send(0x8057, new byte[] { 1, 1, 0, 4 }, 0, 4);
            int before = c.ProtocolRejects;
            c.Poll(now);
            Assert.Equal(before + 1, c.ProtocolRejects);
            s.Poll(now);
            Assert.Equal(0x8057, s.Lcp.RejectedProtocol);
            Assert.Equal(PppLinkState.Up, c.State);
            Assert.Equal(PppLinkState.Up, s.State);
        }

        [Fact]
        public void Stop_TerminatesLcp_BothEndDown()
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            PppLink c = Client(lc), s = Server(ls, 0);
            long now = 0;
            c.Start(now);
            s.Start(now);
            Run(c, s, lc, ls, ref now, 60000, () => c.State == PppLinkState.Up && s.State == PppLinkState.Up);
            c.Stop(now);
            Assert.Equal(PppLinkState.Stopping, c.State);
            Run(c, s, lc, ls, ref now, now + 60000, () => c.State == PppLinkState.Down && s.State == PppLinkState.Down);
            Assert.Equal(PppLinkState.Down, c.State);
            Assert.Equal(PppLinkState.Down, s.State);
            Assert.True(s.PeerTerminated);
            Assert.Equal(0, c.FailureCode);
        }

        [Fact]
        public void IpDatagrams_FlowOnlyWhenUp()
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            PppLink c = Client(lc), s = Server(ls, 0);
            var sink = new IpSink();
            s.SetIpInput(sink);
            byte[] dgram = { 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 1, 0, 0, 10, 64, 0, 2, 10, 64, 0, 1 };
            Assert.False(c.SendIp(dgram, 0, dgram.Length));
            long now = 0;
            c.Start(now);
            s.Start(now);
            Run(c, s, lc, ls, ref now, 60000, () => c.State == PppLinkState.Up && s.State == PppLinkState.Up);
            Assert.True(c.SendIp(dgram, 0, dgram.Length));
            s.Poll(now);
            Assert.Equal(1, sink.Count);
            Assert.Equal(dgram, sink.Last);
        }

        [Fact]
        public void LinkEnds_WhileNegotiating_IsTimeout()
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            PppLink c = Client(lc);
            c.Start(0);
            lc.Ended = true;
            c.Poll(10);
            Assert.Equal(PppLinkState.Failed, c.State);
            Assert.Equal(38980, c.FailureCode);
            Assert.True(c.LinkEnded);
        }

        [Fact]
        public void SteadyState_Frames_AllocateNothing()
        {
            DuplexByteLink.Pair(out var lc, out var ls);
            PppLink c = Client(lc), s = Server(ls, 0);
            var sink = new CountingSink();
            s.SetIpInput(sink);
            long now = 0;
            c.Start(now);
            s.Start(now);
            Run(c, s, lc, ls, ref now, 60000, () => c.State == PppLinkState.Up && s.State == PppLinkState.Up);
            byte[] dgram = new byte[600];
            for (int i = 0; i < dgram.Length; i++) { dgram[i] = (byte)(i * 7); }
            for (int i = 0; i < 20; i++) { c.SendIp(dgram, 0, dgram.Length); s.Poll(now); }   // warm-up (queues grow once)

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 500; i++) { c.SendIp(dgram, 0, dgram.Length); s.Poll(now); }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(520, sink.Count);
            Assert.Equal(0, allocated);
        }

        private sealed class CountingSink : IPppIpInput
        {
            public int Count;
            public void Receive(long nowMs, byte[] packet, int offset, int count) { Count++; }
        }

        private sealed class IpSink : IPppIpInput
        {
            public int Count;
            public byte[] Last;
            public void Receive(long nowMs, byte[] packet, int offset, int count)
            {
                Count++;
                Last = new byte[count];
                Array.Copy(packet, offset, Last, 0, count);
            }
        }
    }
}
