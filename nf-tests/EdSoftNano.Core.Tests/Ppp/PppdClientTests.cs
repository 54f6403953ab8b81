using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using Xunit;
using Xunit.Abstractions;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>
    /// Our PppLink as SERVER against real pppd 2.4.9 as the client, inside User-Mode Linux
    /// (<see cref="UmlPppd"/> with PPPD_ROLE=client; issue acceptance "the PPP server mode is tested
    /// against pppd in UML acting as the client"): we assign both addresses and offer two DNS servers,
    /// requiring PAP, CHAP or nothing; pppd's own log must show exactly what we handed out, a wrong
    /// password must end our side with the server's 37121, and every frame passes the tshark oracle.
    /// </summary>
    [Collection("RealPppPeers")]
    public class PppdClientTests
    {
        private static readonly uint Ours = PppLinkTests.Ip(10, 77, 0, 1);
        private static readonly uint Theirs = PppLinkTests.Ip(10, 77, 0, 2);
        private static readonly uint Dns1 = PppLinkTests.Ip(10, 77, 0, 53);
        private static readonly uint Dns2 = PppLinkTests.Ip(10, 77, 0, 54);
        private readonly ITestOutputHelper _out;

        public PppdClientTests(ITestOutputHelper output) { _out = output; }

        private sealed class Server
        {
            public PppCaptureLink Capture;
            public PppLink Link;
            public Stopwatch Clock = Stopwatch.StartNew();

            public void PollWhile(PppLinkState state, int ms)
            {
                long until = Clock.ElapsedMilliseconds + ms;
                while (Link.State == state && Clock.ElapsedMilliseconds < until) { Link.Poll(Clock.ElapsedMilliseconds, 20); }
            }
        }

        /// <summary>Our server over pppd's line, negotiated until it leaves Starting.</summary>
        private static Server Negotiate(UmlPppd pppd, int requireAuth)
        {
            var s = new Server();
            s.Capture = new PppCaptureLink(pppd.Link);
            s.Link = new PppLink(s.Capture, (uint)Environment.TickCount);
            s.Link.ConfigureServer(Ours, Theirs, Dns1, Dns2, requireAuth);
            var auth = new PppAuthenticator(s.Link, new byte[AuthCodec.TxBufferLength], 0x2468ACE0);
            auth.SetServerCredentials("edsoft", "s3cret");
            s.Link.SetAuthenticator(new PppAuthenticatorHook(auth));
            s.Link.Start(s.Clock.ElapsedMilliseconds);
            s.PollWhile(PppLinkState.Starting, 30000);
            return s;
        }

        private static string Dotted(uint a) { return (a >> 24) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255); }

        /// <summary>The address pppd logged after <paramref name="label"/> (e.g. "remote IP address"), or null.</summary>
        private static string Logged(string log, string label)
        {
            Match m = Regex.Match(log, Regex.Escape(label) + @" (\S+)");
            return m.Success ? m.Groups[1].Value : null;
        }

        [Theory]
        [InlineData(0)]
        [InlineData(PppProtocol.Pap)]
        [InlineData(PppProtocol.Chap)]
        public void PppdClient_GetsExactlyOurAddressesAndDns_OurServerReachesUp(int requireAuth)
        {
            using var pppd = new UmlPppd("PPPD_ROLE=client PPPD_USER=edsoft PPPD_SECRET=s3cret");
            try
            {
                Server s = Negotiate(pppd, requireAuth);
                PppLink server = s.Link;
                _out.WriteLine("state " + server.State + " code " + server.FailureCode + " after " + s.Clock.ElapsedMilliseconds + " ms");
                Assert.Equal(PppLinkState.Up, server.State);
                Assert.True(server.IsServer);
                Assert.Equal(Ours, server.LocalAddress);
                Assert.Equal(Theirs, server.PeerAddress);
                Assert.Equal(requireAuth, server.Lcp.LocalAuth);
                Assert.Equal(0, server.Lcp.PeerAuth);   // pppd as client (noauth) asks nothing of us
                Assert.Equal(0, server.Decoder.FcsErrors);

                // pppd's view, from its own log: IPCP up with what we assigned and offered.
                Assert.True(pppd.WaitFor("secondary DNS address", 10000), "pppd did not open IPCP with two DNS servers:\n" + pppd.Log);
                string log = pppd.Log;
                Assert.Equal(Dotted(Theirs), Logged(log, "local  IP address"));
                Assert.Equal(Dotted(Ours), Logged(log, "remote IP address"));
                Assert.Equal(Dotted(Dns1), Logged(log, "primary   DNS address"));
                Assert.Equal(Dotted(Dns2), Logged(log, "secondary DNS address"));
                if (requireAuth == PppProtocol.Pap) { Assert.Contains("PAP authentication succeeded", log); }
                if (requireAuth == PppProtocol.Chap) { Assert.Contains("CHAP authentication succeeded", log); }

                // Clean termination from our side: pppd sees our Terminate-Request and exits.
                server.Stop(s.Clock.ElapsedMilliseconds);
                s.PollWhile(PppLinkState.Stopping, 15000);
                Assert.Equal(PppLinkState.Down, server.State);
                Assert.Equal(PppLinkEnd.Stopped, server.End);
                Assert.True(pppd.WaitFor("LCP terminated by peer", 5000), "pppd saw no Terminate:\n" + pppd.Log);
                _out.WriteLine(TsharkOracle.AssertClean(Path.Combine(pppd.Dir, "pcap"), "pppd-client-" + requireAuth.ToString("x4"), s.Capture.Frames));
            }
            finally
            {
                _out.WriteLine(pppd.Log);
            }
        }

        [Theory]
        [InlineData(PppProtocol.Pap, "PAP")]
        [InlineData(PppProtocol.Chap, "CHAP")]
        public void PppdClient_WrongPassword_OurServerFails37121_PppdReportsAuthFailure(int requireAuth, string name)
        {
            using var pppd = new UmlPppd("PPPD_ROLE=client PPPD_USER=edsoft PPPD_SECRET=wrong");
            try
            {
                Server s = Negotiate(pppd, requireAuth);
                _out.WriteLine("state " + s.Link.State + " code " + s.Link.FailureCode + " after " + s.Clock.ElapsedMilliseconds + " ms");
                Assert.Equal(PppLinkState.Failed, s.Link.State);
                Assert.Equal(37121, s.Link.FailureCode);   // 9.2: PPP negotiation failed, server side
                Assert.Equal(PppLinkEnd.Failed, s.Link.End);
                Assert.True(pppd.WaitFor(name + " authentication failed", 5000), "pppd reported no auth failure:\n" + pppd.Log);
                Assert.DoesNotContain("remote IP address", pppd.Log);
                _out.WriteLine(TsharkOracle.AssertClean(Path.Combine(pppd.Dir, "pcap"), "pppd-client-wrong-" + name, s.Capture.Frames));
            }
            finally
            {
                _out.WriteLine(pppd.Log);
            }
        }
    }
}
