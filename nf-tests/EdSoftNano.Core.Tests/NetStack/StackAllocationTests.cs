using System;
using EdSoftNano.NetStack;
using EdSoftNano.Ports;
using EdSoftNano.Ppp;
using EdSoftNano.Tests.Ppp;
using Xunit;

namespace EdSoftNano.Tests.NetStack
{
    /// <summary>
    /// The whole data path, services' socket calls through ManagedNetStack, TCP, UDP, ICMP, IP and
    /// PPP framing at both ends of a byte pipe, allocates nothing once warm: every buffer is the
    /// budget's (DESIGN.md, "no allocation per byte or per packet").
    /// </summary>
    public class StackAllocationTests
    {
        private const uint ServerAddress = 0x0A090001;
        private const uint ClientAddress = 0x0A090002;

        private long _now;
        private PppLink _clientPpp, _serverPpp;
        private ManagedNetStack _client, _server;
        private readonly byte[] _payload = new byte[32 * 1024];
        private readonly byte[] _received = new byte[32 * 1024];
        private readonly byte[] _datagram = new byte[512];

        private void Up()
        {
            DuplexByteLink.Pair(out DuplexByteLink a, out DuplexByteLink b);
            _clientPpp = new PppLink(a, 0x1111);
            _serverPpp = new PppLink(b, 0x2222);
            _clientPpp.ConfigureClient(0);
            _serverPpp.ConfigureServer(ServerAddress, ClientAddress, 0, 0, 0);
            _client = new ManagedNetStack(_clientPpp, 3);
            _server = new ManagedNetStack(_serverPpp, 5);
            _clientPpp.SetIpInput(_client.Input);
            _serverPpp.SetIpInput(_server.Input);
            _clientPpp.Start(_now);
            _serverPpp.Start(_now);
            for (int i = 0; i < 10000 && (_clientPpp.State != PppLinkState.Up || _serverPpp.State != PppLinkState.Up); i++)
            {
                Step();
            }

            Assert.Equal(PppLinkState.Up, _clientPpp.State);
            _client.LinkUp(_clientPpp.LocalAddress, _clientPpp.PeerAddress, _now);
            _server.LinkUp(_serverPpp.LocalAddress, _serverPpp.PeerAddress, _now);
        }

        // xunit's Assert.Equal allocates a comparer per call: inside the measured rounds only this.
        private static void Check(bool condition, string what)
        {
            if (!condition)
            {
                Assert.Fail(what);
            }
        }

        private void Step()
        {
            _now++;
            _clientPpp.Poll(_now);
            _serverPpp.Poll(_now);
            _client.Poll(_now);
            _server.Poll(_now);
        }

        // One round: a TCP connection moves the payload and closes, a UDP datagram crosses, a ping is answered.
        private void Round(int port)
        {
            int listener = _server.TcpListen(port);
            int socket = _client.TcpConnect(ServerAddress, port);
            int accepted = 0, sent = 0, got = 0;
            for (int i = 0; i < 200000 && got < _payload.Length; i++)
            {
                if (accepted <= 0)
                {
                    accepted = _server.Accept(listener);
                }

                if (_client.State(socket) == SocketState.Open && sent < _payload.Length)
                {
                    int n = _client.Send(socket, _payload, sent, _payload.Length - sent);
                    sent += n > 0 ? n : 0;
                }

                if (accepted > 0)
                {
                    int n = _server.Receive(accepted, _received, got, _received.Length - got);
                    got += n > 0 ? n : 0;
                }

                Step();
            }

            Check(got == _payload.Length, "TCP payload");
            _client.Close(socket);
            _server.Close(accepted);
            _server.Close(listener);

            int udpServer = _server.UdpOpen(port + 1);
            int udpClient = _client.UdpConnect(ServerAddress, port + 1);
            Check(_client.Send(udpClient, _datagram, 0, _datagram.Length) == _datagram.Length, "UDP send");
            int length = 0;
            for (int i = 0; i < 100 && length <= 0; i++)
            {
                Step();
                length = _server.ReceiveFrom(udpServer, _received, 0, _received.Length, out _, out _);
            }

            Check(length == _datagram.Length, "UDP datagram");
            _client.Close(udpClient);
            _server.Close(udpServer);

            int ping = _client.PingStart(ServerAddress, 5000, _now);
            NetQueryResult result = NetQueryResult.Pending;
            for (int i = 0; i < 1000 && result == NetQueryResult.Pending; i++)
            {
                Step();
                result = _client.PingResult(ping, _now, out _);
            }

            Check(result == NetQueryResult.Done, "echo reply");
            for (int i = 0; i < 200; i++)
            {
                Step();
            }
        }

        [Fact]
        public void TcpUdpAndPing_ThroughPpp_AfterWarmUp_AllocateNothing()
        {
            new Random(5).NextBytes(_payload);
            Up();
            Round(7000);   // warm-up: JIT and the first use of every path
            long before = GC.GetAllocatedBytesForCurrentThread();
            Round(7100);
            Round(7200);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
        }
    }
}
