using System;
using System.Collections.Generic;
using System.Linq;
using EdSoftNano.Ppp;
using Xunit;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>Two of our LCPs over a loopback that really frames (HdlcEncoder → bytes → HdlcDecoder), on virtual time.</summary>
    public class LcpLoopbackTests
    {
        private sealed class Wire : IPppPacketOutput
        {
            public readonly HdlcEncoder Encoder = new HdlcEncoder();
            public readonly Queue<byte[]> InFlight = new Queue<byte[]>();
            public Func<int, bool> Drop = n => false;
            public int Sent;
            public readonly List<int> Codes = new List<int>();

            public void Send(int protocol, byte[] packet, int offset, int count)
            {
                Sent++;
                Codes.Add(packet[offset]);
                bool defaults = protocol == PppProtocol.Lcp && packet[offset] >= 1 && packet[offset] <= 7;
                byte[] wire = HdlcTests.EncodeAll(Encoder, protocol, Slice(packet, offset, count), defaults, new[] { 256 });
                if (!Drop(Sent)) { InFlight.Enqueue(wire); }
            }
        }

        private sealed class Side
        {
            public Wire Out = new Wire();
            public HdlcDecoder Decoder = new HdlcDecoder(new byte[1506]);
            public Lcp Lcp;
            public Side(uint seed) { Lcp = new Lcp(Out, new byte[1500], new byte[1500], seed, null); }
        }

        private static void Run(Side a, Side b, ref long now, long untilMs)
        {
            while (now <= untilMs)
            {
                bool moved = Deliver(a, b, now) | Deliver(b, a, now);
                if (moved) { continue; }
                long next = Math.Min(a.Lcp.Fsm.NextDeadlineMs, b.Lcp.Fsm.NextDeadlineMs);
                if (next > untilMs) { break; }
                now = Math.Max(now, next);
                a.Lcp.Fsm.Poll(now);
                b.Lcp.Fsm.Poll(now);
            }
        }

        private static bool Deliver(Side from, Side to, long now)
        {
            if (from.Out.InFlight.Count == 0) { return false; }
            byte[] wire = from.Out.InFlight.Dequeue();
            int i = 0;
            while (i < wire.Length)
            {
                i += to.Decoder.Decode(wire, i, wire.Length - i);
                if (to.Decoder.FrameReady && to.Decoder.Protocol == PppProtocol.Lcp)
                {
                    to.Lcp.Fsm.Receive(now, to.Decoder.Buffer, to.Decoder.InfoOffset, to.Decoder.InfoLength);
                }
            }

            return true;
        }

        private static void Start(Side a, Side b, long now)
        {
            a.Lcp.Fsm.Open(now); b.Lcp.Fsm.Open(now);
            a.Lcp.Fsm.Up(now); b.Lcp.Fsm.Up(now);
        }

        [Fact]
        public void Negotiate_TwoDefaultPeers_BothOpenedWithCompressionAndAccmZero()
        {
            var a = new Side(1); var b = new Side(2);
            a.Lcp.Configure(1500, 0, 0, true, true);
            b.Lcp.Configure(1400, 0, 0, true, true);
            long now = 0;
            Start(a, b, now);
            Run(a, b, ref now, 60000);
            Assert.True(a.Lcp.IsOpened);
            Assert.True(b.Lcp.IsOpened);
            Assert.Equal(0, now);
            Assert.Equal(1400, a.Lcp.PeerMru);
            Assert.Equal(1400, b.Lcp.LocalMru);
            Assert.Equal(0u, a.Lcp.PeerAccm);
            Assert.Equal(0u, b.Lcp.LocalAccm);
            Assert.True(a.Lcp.PeerPfc && a.Lcp.PeerAcfc && b.Lcp.LocalPfc && b.Lcp.LocalAcfc);
            Assert.Equal(a.Lcp.LocalMagic, b.Lcp.PeerMagic);
            Assert.NotEqual(0u, a.Lcp.LocalMagic);
            Assert.Equal(0, a.Lcp.LoopbackSuspicions);
        }

        [Fact]
        public void Negotiate_LinkLoopedBack_SeesItsOwnMagicAndNaks()
        {
            var a = new Side(7);
            long now = 0;
            a.Lcp.Fsm.Open(now);
            a.Lcp.Fsm.Up(now);
            Run(a, a, ref now, 60000);
            Assert.True(a.Lcp.LoopbackSuspicions > 0);
            Assert.Contains((int)ControlCode.ConfigureNak, a.Out.Codes);
        }

        [Fact]
        public void Negotiate_SameSeedBothSides_StillOpens()
        {
            // Identical generators collide on every Magic-Number; after Max-Failure Naks the option
            // is rejected and the link opens without it.
            var a = new Side(7); var b = new Side(7);
            long now = 0;
            Start(a, b, now);
            Run(a, b, ref now, 60000);
            Assert.True(a.Lcp.IsOpened && b.Lcp.IsOpened);
            Assert.True(a.Lcp.LoopbackSuspicions + b.Lcp.LoopbackSuspicions > 0);
        }

        [Fact]
        public void Negotiate_ServerRequiresChap_ClientThatDoesChapAcks()
        {
            var server = new Side(3); var client = new Side(4);
            server.Lcp.Configure(1500, 0, PppProtocol.Chap, false, false);
            client.Lcp.Configure(1500, 0, 0, true, true);
            long now = 0;
            Start(server, client, now);
            Run(server, client, ref now, 60000);
            Assert.True(server.Lcp.IsOpened && client.Lcp.IsOpened);
            Assert.Equal(PppProtocol.Chap, server.Lcp.LocalAuth);
            Assert.Equal(PppProtocol.Chap, client.Lcp.PeerAuth);
        }

        [Fact]
        public void Negotiate_ClientThatCannotAuthenticate_RejectsAuthProtocol()
        {
            var server = new Side(3); var client = new Side(4);
            server.Lcp.Configure(1500, 0, PppProtocol.Pap, false, false);
            client.Lcp.Configure(1500, 0, 0, false, false);
            long now = 0;
            Start(server, client, now);
            Run(server, client, ref now, 60000);
            Assert.Contains((int)ControlCode.ConfigureReject, client.Out.Codes);
            Assert.Equal(0, server.Lcp.LocalAuth);
            Assert.True(server.Lcp.IsOpened);   // the session, not LCP, decides that no authentication is a failure
        }

        [Fact]
        public void Negotiate_ClientOnlyPap_NaksChapWithPap()
        {
            var server = new Side(3); var client = new Side(4);
            server.Lcp.Configure(1500, 0, PppProtocol.Chap, false, false);
            client.Lcp.Configure(1500, 0, 0, true, false);
            long now = 0;
            Start(server, client, now);
            Run(server, client, ref now, 60000);
            // The server insists on CHAP; after Max-Failure Naks the client rejects the option.
            Assert.Equal(ControlProtocolFsm.DefaultMaxFailure, client.Out.Codes.FindAll(c => c == ControlCode.ConfigureNak).Count);
            Assert.Contains((int)ControlCode.ConfigureReject, client.Out.Codes);
        }

        [Fact]
        public void Negotiate_UnknownOption_IsRejectedAlone()
        {
            var b = new Side(2);
            var log = b.Out;
            b.Lcp.Fsm.Up(0);
            b.Lcp.Fsm.Open(0);
            log.InFlight.Clear();
            // Configure-Request id 9: MRU 1500, Callback (13, RFC 1570) with one byte, PFC.
            byte[] req = { 1, 9, 0, 15, 1, 4, 0x05, 0xDC, 13, 3, 6, 7, 2, 0, 0 };
            req[3] = 4 + 4 + 3 + 2;
            b.Lcp.Fsm.Receive(0, req, 0, req[3]);
            byte[] wire = log.InFlight.Dequeue();
            var dec = new HdlcDecoder(new byte[64]);
            dec.Decode(wire, 0, wire.Length);
            Assert.True(dec.FrameReady);
            Assert.Equal("04090007 0D0306".Replace(" ", ""), Convert.ToHexString(dec.Buffer, dec.InfoOffset, dec.InfoLength));
        }

        [Fact]
        public void Negotiate_FirstPacketsLost_CompletesThroughRestartTimer()
        {
            var a = new Side(1); var b = new Side(2);
            a.Out.Drop = n => n <= 2;
            b.Out.Drop = n => n == 1;
            long now = 0;
            Start(a, b, now);
            Run(a, b, ref now, 60000);
            Assert.True(a.Lcp.IsOpened && b.Lcp.IsOpened);
            Assert.True(now >= ControlProtocolFsm.DefaultRestartMs);
        }

        [Fact]
        public void Negotiate_PeerSilent_GivesUpAfterMaxConfigure()
        {
            var a = new Side(1); var b = new Side(2);
            a.Out.Drop = n => true;
            b.Out.Drop = n => true;
            long now = 0;
            Start(a, b, now);
            Run(a, b, ref now, 100000);
            Assert.Equal(PppState.Stopped, a.Lcp.Fsm.State);
            Assert.Equal(ControlProtocolFsm.DefaultMaxConfigure, a.Out.Codes.FindAll(c => c == ControlCode.ConfigureRequest).Count);
        }

        [Fact]
        public void Opened_EchoProtocolRejectAndTerminate_Work()
        {
            var a = new Side(1); var b = new Side(2);
            long now = 0;
            Start(a, b, now);
            Run(a, b, ref now, 1000);
            now = 5000;
            a.Lcp.SendEchoRequest();
            Run(a, b, ref now, 5000);
            Assert.Equal(1, b.Lcp.EchoRequests);
            Assert.Equal(1, a.Lcp.EchoReplies);
            Assert.Equal(5000, a.Lcp.LastEchoReplyMs);

            a.Lcp.SendProtocolReject(0x80FD, new byte[] { 1, 1, 0, 4 }, 0, 4);
            Run(a, b, ref now, 5000);
            Assert.Equal(0x80FD, b.Lcp.RejectedProtocol);
            Assert.True(b.Lcp.IsOpened);

            a.Lcp.Fsm.Close(now);
            Run(a, b, ref now, 60000);
            Assert.Equal(PppState.Closed, a.Lcp.Fsm.State);
            Assert.Equal(PppState.Stopped, b.Lcp.Fsm.State);
        }

        private static byte[] Slice(byte[] b, int offset, int count)
        {
            byte[] r = new byte[count];
            Array.Copy(b, offset, r, 0, count);
            return r;
        }
    }
}
