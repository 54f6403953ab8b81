using System;
using System.Diagnostics;
using System.IO;
using EdSoftNano.NetStack;
using EdSoftNano.Ports;
using EdSoftNano.Ppp;
using EdSoftNano.Tests.Ppp;
using EdSoftNano.Tests.Servers;
using Xunit;

namespace EdSoftNano.Tests.Ip
{
    /// <summary>
    /// The managed stack over a real <see cref="PppLink"/> to slirp-fullbolt (PEERS.md section 1): the
    /// datagrams go through PPP's input and output exactly as on the device. slirp's 10.0.2.2 is this
    /// machine's 127.0.0.1, where the project's UDP echo and DNS servers run.
    /// </summary>
    public sealed class SlirpStackTests : IDisposable
    {
        private static readonly uint SlirpHost = 0x0A000202; // 10.0.2.2
        private readonly SlirpPeer _slirp;
        private readonly PppCaptureLink _capture;
        private readonly PppLink _ppp;
        private readonly ManagedNetStack _stack;
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public SlirpStackTests()
        {
            string home = Path.Combine(Path.GetTempPath(), "edsoft-slirpstack-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            _slirp = new SlirpPeer(home, null, null, "-vj", "-bsdcomp");
            _capture = new PppCaptureLink(_slirp);
            _ppp = new PppLink(_capture, 0x777);
            _ppp.ConfigureClient(SlirpHost);
            _stack = new ManagedNetStack(_ppp, 0x2468ACE1);
            _ppp.SetIpInput(_stack.Input);
            _ppp.Start(Now);
            PollUntil(() => _ppp.State != PppLinkState.Starting, 20000, "PPP up");
            Assert.Equal(PppLinkState.Up, _ppp.State);
            _stack.LinkUp(_ppp.LocalAddress, _ppp.PeerAddress, Now);
        }

        private long Now => _clock.ElapsedMilliseconds;

        public void Dispose() => _slirp.Dispose();

        private void PollUntil(Func<bool> done, int timeoutMs, string what)
        {
            long end = Now + timeoutMs;
            while (!done())
            {
                Assert.True(Now < end, "not within " + timeoutMs + " ms: " + what);
                _ppp.Poll(Now, 5);
                _stack.Poll(Now);
            }
        }

        [Fact]
        public void Udp_ThroughPppAndSlirp_ReachesTheEchoServerAndBack()
        {
            TestServer echo = TestServers.UdpEcho;
            int s = _stack.UdpConnect(SlirpHost, echo.Port);
            byte[] payload = Packet.Pattern(700, 5);
            Assert.Equal(700, _stack.Send(s, payload, 0, payload.Length));
            var got = new byte[1000];
            int n = 0;
            PollUntil(() => (n = _stack.Receive(s, got, 0, got.Length)) != 0, 5000, "the echo");
            Assert.Equal(payload, got[..n]);
            _stack.Close(s);
            Assert.Equal(0, _ppp.Decoder.FcsErrors);
            TsharkOracle.AssertClean(Path.Combine(Path.GetTempPath(), "edsoft-slirpstack-pcap"), "slirp-udp", _capture.Frames);
        }

        [Fact]
        public void Tcp_ThroughPppAndSlirp_EchoesTheBytes()
        {
            TestServer echo = TestServers.TcpEcho;
            int s = _stack.TcpConnect(SlirpHost, echo.Port);
            PollUntil(() => _stack.State(s) != SocketState.Connecting, 5000, "the TCP handshake through slirp");
            Assert.Equal(SocketState.Open, _stack.State(s));
            byte[] payload = Packet.Pattern(20000, 9);
            var got = new byte[payload.Length];
            int sent = 0;
            int received = 0;
            PollUntil(() =>
            {
                if (sent < payload.Length)
                {
                    int n = _stack.Send(s, payload, sent, payload.Length - sent);
                    Assert.True(n >= 0, "send failed " + _stack.Error(s));
                    sent += n;
                }

                int r = _stack.Receive(s, got, received, got.Length - received);
                Assert.True(r >= 0, "receive failed " + _stack.Error(s));
                received += r;
                return received == payload.Length;
            }, 10000, "the echo of 20000 bytes");
            Assert.Equal(payload, got);
            _stack.Close(s);
            long until = Now + 200;
            PollUntil(() => Now > until, 1000, "the FIN exchange");
            Assert.Equal(0, _ppp.Decoder.FcsErrors);
        }

        [Fact]
        public void Resolve_ThroughPppAndSlirp_AsksTheProjectsDnsServer()
        {
            TestServer dns = TestServers.Dns;
            _stack.DnsServerPort = dns.Port;
            int q = _stack.ResolveStart("echo.edsoft.test", SlirpHost, 0, Now);
            NetQueryResult result = NetQueryResult.Pending;
            uint address = 0;
            PollUntil(() => (result = _stack.ResolveResult(q, Now, out address)) != NetQueryResult.Pending, 8000, "the DNS answer");
            Assert.Equal(NetQueryResult.Done, result);
            Assert.Equal(0x7F000001u, address);
            Assert.Equal(0, _stack.SocketsInUse);
        }
    }
}
