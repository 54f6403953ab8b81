using System;
using System.Diagnostics;
using System.IO;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using Xunit;
using Xunit.Abstractions;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>
    /// Our PppLink as client against real pppd 2.4.9 as the server (../shared/PEERS.md section 2): the host
    /// kernel has no PPP (/dev/ppp), so pppd runs inside User-Mode Linux (<see cref="UmlPppd"/>), its
    /// /dev/ttyS0 one end of a socat pty pair, our link the other end, on real time. Fails (does not
    /// skip) when a peer is missing.
    /// </summary>
    [Collection("RealPppPeers")]
    public class PppdPeerTests
    {
        private const string Peer = "PPPD_ADDRS=10.64.0.1:10.64.0.2 PPPD_DNS1=10.64.0.53 PPPD_USER=edsoft PPPD_SECRET=s3cret";
        private readonly ITestOutputHelper _out;

        public PppdPeerTests(ITestOutputHelper output) { _out = output; }

        [Theory]
        [InlineData("noauth", 0)]
        [InlineData("require-pap", PppProtocol.Pap)]
        [InlineData("require-chap", PppProtocol.Chap)]
        public void Pppd_AsServer_OurClientReachesUp_WithAddressesAndDns(string pppdAuth, int expectedAuth)
        {
            using var pppd = new UmlPppd("PPPD_AUTH=" + pppdAuth + " " + Peer);
            try
            {
                var capture = new PppCaptureLink(pppd.Link);
                var client = new PppLink(capture, (uint)Environment.TickCount);
                client.ConfigureClient(0);
                var auth = new PppAuthenticator(client, new byte[AuthCodec.TxBufferLength], 0x1234);
                auth.SetClientCredentials("edsoft", "s3cret");
                client.SetAuthenticator(new PppAuthenticatorHook(auth));

                var clock = Stopwatch.StartNew();
                client.Start(clock.ElapsedMilliseconds);
                while (client.State == PppLinkState.Starting && clock.ElapsedMilliseconds < 60000)
                {
                    client.Poll(clock.ElapsedMilliseconds, 20);
                }

                long upMs = clock.ElapsedMilliseconds;
                _out.WriteLine("state " + client.State + " code " + client.FailureCode + " after " + upMs + " ms");
                Assert.Equal(PppLinkState.Up, client.State);
                Assert.Equal(PppLinkTests.Ip(10, 64, 0, 2), client.LocalAddress);
                Assert.Equal(PppLinkTests.Ip(10, 64, 0, 1), client.PeerAddress);
                Assert.Equal(PppLinkTests.Ip(10, 64, 0, 53), client.Dns1);
                Assert.Equal(PppLinkTests.Ip(10, 64, 0, 53), client.Dns2);   // pppd with one ms-dns Naks the secondary to the same server
                Assert.Equal(expectedAuth, client.Lcp.PeerAuth);
                Assert.Equal(0, client.Decoder.FcsErrors);

                // pppd's own view: IPCP up with the same addresses.
                Assert.True(pppd.WaitFor("remote IP address 10.64.0.2", 10000), "pppd did not open IPCP:\n" + pppd.Log);
                Assert.Contains("local  IP address 10.64.0.1", pppd.Log);

                // Clean termination: LCP Terminate, pppd exits, UML halts.
                client.Stop(clock.ElapsedMilliseconds);
                long stopBy = clock.ElapsedMilliseconds + 15000;
                while (client.State == PppLinkState.Stopping && clock.ElapsedMilliseconds < stopBy)
                {
                    client.Poll(clock.ElapsedMilliseconds, 20);
                }

                Assert.Equal(PppLinkState.Down, client.State);
                Assert.True(pppd.WaitFor("rcvd [LCP TermReq", 5000) || pppd.WaitFor("LCP terminated by peer", 5000), "pppd saw no Terminate:\n" + pppd.Log);
                Assert.Equal(PppLinkEnd.Stopped, client.End);
                TsharkOracle.AssertClean(Path.Combine(pppd.Dir, "pcap"), "pppd-" + pppdAuth, capture.Frames);
            }
            finally
            {
                _out.WriteLine(pppd.Log);
            }
        }

        [Fact]
        public void Pppd_RequirePap_WrongPassword_OurClientFails37120()
        {
            using var pppd = new UmlPppd("PPPD_AUTH=require-pap " + Peer);
            try
            {
                var capture = new PppCaptureLink(pppd.Link);
                var client = new PppLink(capture, (uint)Environment.TickCount);
                client.ConfigureClient(0);
                var auth = new PppAuthenticator(client, new byte[AuthCodec.TxBufferLength], 0x1234);
                auth.SetClientCredentials("edsoft", "wrong");
                client.SetAuthenticator(new PppAuthenticatorHook(auth));
                var clock = Stopwatch.StartNew();
                client.Start(clock.ElapsedMilliseconds);
                while (client.State == PppLinkState.Starting && clock.ElapsedMilliseconds < 60000)
                {
                    client.Poll(clock.ElapsedMilliseconds, 20);
                }

                Assert.Equal(PppLinkState.Failed, client.State);
                Assert.Equal(37120, client.FailureCode);
                Assert.True(pppd.WaitFor("PAP AuthNak", 5000), "pppd did not refuse us:\n" + pppd.Log);
                TsharkOracle.AssertClean(Path.Combine(pppd.Dir, "pcap"), "pppd-wrong-pap", capture.Frames);
            }
            finally
            {
                _out.WriteLine(pppd.Log);
            }
        }
    }
}
