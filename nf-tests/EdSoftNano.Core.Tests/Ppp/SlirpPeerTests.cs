using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using Xunit;
using Xunit.Abstractions;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>
    /// Our PppLink as client against slirp-fullbolt (../shared/PEERS.md section 1) on real time: no auth,
    /// PAP, CHAP, a wrong password; slirp's IPCP quirks; a UDP datagram through slirp to the shared UDP echo
    /// socket the test opens on 127.0.0.1 (10.0.2.2 from inside slirp); every frame through the tshark oracle.
    /// </summary>
    [Collection("RealPppPeers")]
    public class SlirpPeerTests
    {
        private readonly ITestOutputHelper _out;

        public SlirpPeerTests(ITestOutputHelper output) { _out = output; }

        private static uint Ip(int a, int b, int c, int d) { return PppLinkTests.Ip(a, b, c, d); }

        private static string Dotted(uint a) { return (a >> 24) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255); }

        private static string TempDir(string what)
        {
            return Path.Combine(Path.GetTempPath(), "edsoft-" + what + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        }

        private sealed class Session : IDisposable
        {
            public SlirpPeer Slirp;
            public PppCaptureLink Capture;
            public PppLink Client;
            public Stopwatch Clock = Stopwatch.StartNew();
            public readonly List<byte[]> Datagrams = new List<byte[]>();

            public void PollWhile(Func<bool> cond, int ms)
            {
                long until = Clock.ElapsedMilliseconds + ms;
                while (cond() && Clock.ElapsedMilliseconds < until) { Client.Poll(Clock.ElapsedMilliseconds, 20); }
            }

            public void Dispose() { Slirp?.Dispose(); }
        }

        private sealed class Sink : IPppIpInput
        {
            private readonly List<byte[]> _list;
            public Sink(List<byte[]> list) { _list = list; }
            public void Receive(long nowMs, byte[] packet, int offset, int count)
            {
                var d = new byte[count];
                Array.Copy(packet, offset, d, 0, count);
                _list.Add(d);
            }
        }

        private static Session Connect(string user, string password, params string[] options)
        {
            var s = new Session();
            s.Slirp = new SlirpPeer(TempDir("slirp"), "edsoft", "s3cret", options);
            s.Capture = new PppCaptureLink(s.Slirp);
            s.Client = new PppLink(s.Capture, (uint)Environment.TickCount);
            s.Client.ConfigureClient(Ip(10, 0, 2, 2));   // slirp asks for 0.0.0.0: we Nak it with its gateway address
            if (user != null)
            {
                var auth = new PppAuthenticator(s.Client, new byte[AuthCodec.TxBufferLength], 0x4321);
                auth.SetClientCredentials(user, password);
                s.Client.SetAuthenticator(new PppAuthenticatorHook(auth));
            }

            s.Client.SetIpInput(new Sink(s.Datagrams));
            s.Client.Start(s.Clock.ElapsedMilliseconds);
            s.PollWhile(() => s.Client.State == PppLinkState.Starting, 20000);
            return s;
        }

        [Theory]
        [InlineData("none")]
        [InlineData("+pap")]
        [InlineData("+chap")]
        public void Slirp_OurClientReachesUp_AddressesDns_UdpFlows_CaptureIsClean(string auth)
        {
            // "dns 127.0.0.1" keeps slirp's DNS forwarder on this machine (PEERS.md).
            string[] options = auth == "none" ? new[] { "dns 127.0.0.1" } : new[] { auth, "dns 127.0.0.1" };
            using var s = Connect(auth == "none" ? null : "edsoft", "s3cret", options);
            var c = s.Client;
            _out.WriteLine("state " + c.State + " code " + c.FailureCode + " after " + s.Clock.ElapsedMilliseconds + " ms; slirp: " + s.Slirp.Log);
            _out.WriteLine("local " + Dotted(c.LocalAddress) + " peer " + Dotted(c.PeerAddress) + " dns " + Dotted(c.Dns1) + " " + Dotted(c.Dns2));
            Assert.Equal(PppLinkState.Up, c.State);
            Assert.Equal(Ip(10, 0, 2, 15), c.LocalAddress);
            Assert.Equal(Ip(10, 0, 2, 2), c.PeerAddress);
            Assert.Equal(Ip(127, 0, 0, 1), c.Dns1);   // slirp 1.0.17 hands out the "dns" option's address as given
            Assert.Equal(0u, c.Dns2);   // slirp Acks the secondary as 0.0.0.0: none
            Assert.Equal(auth == "+pap" ? PppProtocol.Pap : auth == "+chap" ? PppProtocol.Chap : 0, c.Lcp.PeerAuth);
            Assert.Equal(0, c.Decoder.FcsErrors);

            // IP flows: one UDP datagram to 10.0.2.2:<port> (slirp's name for 127.0.0.1) reaches an echo
            // socket this test opened on 127.0.0.1, and the echo comes back through slirp.
            using var echo = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            int port = ((System.Net.IPEndPoint)echo.Client.LocalEndPoint).Port;
            var echoTask = System.Threading.Tasks.Task.Run(() =>
            {
                var from = new System.Net.IPEndPoint(System.Net.IPAddress.Any, 0);
                echo.Client.ReceiveTimeout = 5000;
                try { byte[] got = echo.Receive(ref from); echo.Send(got, got.Length, from); }
                catch (System.Net.Sockets.SocketException) { }
            });
            byte[] payload = System.Text.Encoding.ASCII.GetBytes("edsoft ppp over slirp " + auth);
            byte[] dgram = UdpDatagram.Build(Ip(10, 0, 2, 15), 40000, Ip(10, 0, 2, 2), port, payload);
            Assert.True(c.SendIp(dgram, 0, dgram.Length));
            s.PollWhile(() => s.Datagrams.Count == 0, 5000);
            Assert.True(s.Datagrams.Count > 0, "no answer from the UDP echo socket through slirp");
            byte[] back = s.Datagrams[0];
            Assert.Equal(17, back[9]);
            Assert.Equal(Ip(10, 0, 2, 2), (uint)((back[12] << 24) | (back[13] << 16) | (back[14] << 8) | back[15]));
            Assert.Equal(payload, UdpDatagram.Payload(back));

            c.Stop(s.Clock.ElapsedMilliseconds);
            s.PollWhile(() => c.State == PppLinkState.Stopping, 10000);
            Assert.Equal(PppLinkState.Down, c.State);
            Assert.Equal(PppLinkEnd.Stopped, c.End);

            string summary = TsharkOracle.AssertClean(TempDir("pcap"), "slirp-" + auth.TrimStart('+'), s.Capture.Frames);
            _out.WriteLine(summary);
            // slirp offers VJ compression in IPCP: we Configure-Reject it (and it goes on without).
            Assert.Contains("Configuration Reject", summary);
        }

        [Theory]
        [InlineData("+pap")]
        [InlineData("+chap")]
        public void Slirp_WrongPassword_OurClientFails37120(string auth)
        {
            using var s = Connect("edsoft", "wrong", auth);
            _out.WriteLine("state " + s.Client.State + " code " + s.Client.FailureCode + "; slirp: " + s.Slirp.Log);
            Assert.Equal(PppLinkState.Failed, s.Client.State);
            Assert.Equal(37120, s.Client.FailureCode);
            Assert.Equal(PppLinkEnd.Failed, s.Client.End);
            TsharkOracle.AssertClean(TempDir("pcap"), "slirp-wrong" + auth.TrimStart('+'), s.Capture.Frames);
        }
    }
}
