using EdSoftNano.NetStack;
using EdSoftNano.Ports;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using EdSoftNano.Device.Tests.Support;
using nanoFramework.TestFramework;

namespace EdSoftNano.Device.Tests.CoreOnTarget
{
    /// <summary>
    /// The core's PPP and IPv4 stack on the interpreter: a client and a server PppLink joined by a
    /// RAM pipe negotiate LCP, CHAP-MD5 and IPCP, then a managed stack at each end moves TCP and
    /// UDP bytes across and answers a ping, on manual time. Two whole stacks take about 100 KB of
    /// buffers: the PC's nanoCLR (the default test run) has them, an ESP32 without PSRAM does not.
    /// </summary>
    [TestClass]
    public class PppStackOnTargetTests
    {
        private const uint ServerAddress = 0x0A090001;   // 10.9.0.1
        private const uint ClientAddress = 0x0A090002;   // 10.9.0.2

        private ManualClock _clock;
        private PppLink _client;
        private PppLink _server;
        private ManagedNetStack _clientStack;
        private ManagedNetStack _serverStack;

        private void Connect(string password)
        {
            _clock = new ManualClock();
            MemoryPipe[] pipe = MemoryPipe.Pair(8192);
            _client = new PppLink(pipe[0], 0x1111);
            _server = new PppLink(pipe[1], 0x2222);
            PppAuthenticator clientAuth = new PppAuthenticator(_client, new byte[AuthCodec.TxBufferLength], 0x33);
            PppAuthenticator serverAuth = new PppAuthenticator(_server, new byte[AuthCodec.TxBufferLength], 0x44);
            clientAuth.SetClientCredentials("edsoft", password);
            serverAuth.SetServerCredentials("edsoft", "s3cret");
            _client.SetAuthenticator(new PppAuthenticatorHook(clientAuth));
            _server.SetAuthenticator(new PppAuthenticatorHook(serverAuth));
            _client.ConfigureClient(0);
            _server.ConfigureServer(ServerAddress, ClientAddress, 0x0A090035, 0, PppProtocol.Chap);
            _clientStack = new ManagedNetStack(_client, 0x55);
            _serverStack = new ManagedNetStack(_server, 0x66);
            _client.SetIpInput(_clientStack.Input);
            _server.SetIpInput(_serverStack.Input);
            _client.Start(_clock.NowMs);
            _server.Start(_clock.NowMs);
            for (int i = 0; i < 5000 && !(Settled(_client) && Settled(_server)); i++)
            {
                Step();
            }

            if (_client.State == PppLinkState.Up && _server.State == PppLinkState.Up)
            {
                _clientStack.LinkUp(_client.LocalAddress, _client.PeerAddress, _clock.NowMs);
                _serverStack.LinkUp(_server.LocalAddress, _server.PeerAddress, _clock.NowMs);
            }
        }

        private static bool Settled(PppLink link) => link.State != PppLinkState.Starting;

        private void Step()
        {
            _clock.Advance(1);
            long now = _clock.NowMs;
            _client.Poll(now);
            _server.Poll(now);
            _clientStack.Poll(now);
            _serverStack.Poll(now);
        }

        [TestMethod]
        public void Chap_BothEndsUp_WithTheServersAddressesAndDns()
        {
            Connect("s3cret");
            Assert.IsTrue(_client.State == PppLinkState.Up, "client up");
            Assert.IsTrue(_server.State == PppLinkState.Up, "server up");
            Assert.AreEqual(ClientAddress, _client.LocalAddress, "client address");
            Assert.AreEqual(ServerAddress, _client.PeerAddress, "server address");
            Assert.AreEqual(0x0A090035u, _client.Dns1, "DNS");
        }

        [TestMethod]
        public void Chap_WrongPassword_ClientFails37120()
        {
            Connect("wrong");
            Assert.IsTrue(_client.State == PppLinkState.Failed, "client failed");
            Assert.AreEqual(37120, _client.FailureCode, "client code");
        }

        [TestMethod]
        public void Tcp_SixteenKilobytes_ArriveInOrder()
        {
            Connect("s3cret");
            int listener = _serverStack.TcpListen(7000);
            int socket = _clientStack.TcpConnect(ServerAddress, 7000);
            byte[] data = new byte[16384];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(i * 7 + (i >> 8));
            }

            byte[] received = new byte[data.Length];
            int sent = 0, got = 0, accepted = 0;
            for (int step = 0; step < 60000 && got < data.Length; step++)
            {
                if (accepted <= 0)
                {
                    accepted = _serverStack.Accept(listener);
                }

                if (_clientStack.State(socket) == SocketState.Open && sent < data.Length)
                {
                    int n = _clientStack.Send(socket, data, sent, data.Length - sent);
                    sent += n > 0 ? n : 0;
                }

                if (accepted > 0)
                {
                    int n = _serverStack.Receive(accepted, received, got, received.Length - got);
                    got += n > 0 ? n : 0;
                }

                Step();
            }

            Assert.AreEqual(data.Length, got, "bytes received");
            for (int i = 0; i < data.Length; i++)
            {
                if (received[i] != data[i])
                {
                    Assert.AreEqual((int)data[i], (int)received[i], string.Concat("byte ", i.ToString()));
                }
            }
        }

        [TestMethod]
        public void Udp_Datagram_AndPing_CrossTheLink()
        {
            Connect("s3cret");
            int server = _serverStack.UdpOpen(7001);
            int client = _clientStack.UdpConnect(ServerAddress, 7001);
            byte[] hello = new byte[] { (byte)'h', (byte)'i', 0x03, 0x10 };
            Assert.AreEqual(4, _clientStack.Send(client, hello, 0, 4), "sent");
            byte[] buffer = new byte[16];
            int n = 0;
            uint from = 0;
            int port = 0;
            for (int i = 0; i < 100 && n <= 0; i++)
            {
                Step();
                n = _serverStack.ReceiveFrom(server, buffer, 0, buffer.Length, out from, out port);
            }

            Assert.AreEqual(4, n, "datagram length");
            Assert.AreEqual(0x10, (int)buffer[3], "last byte");
            Assert.AreEqual(ClientAddress, from, "sender");

            int ping = _clientStack.PingStart(ServerAddress, 5000, _clock.NowMs);
            NetQueryResult result = NetQueryResult.Pending;
            int roundTrip = -1;
            for (int i = 0; i < 1000 && result == NetQueryResult.Pending; i++)
            {
                Step();
                result = _clientStack.PingResult(ping, _clock.NowMs, out roundTrip);
            }

            Assert.IsTrue(result == NetQueryResult.Done, "echo reply");
            Assert.IsTrue(roundTrip >= 0, "round trip");
        }
    }
}
