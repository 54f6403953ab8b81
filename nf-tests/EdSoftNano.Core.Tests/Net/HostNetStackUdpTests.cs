using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdSoftNano.At;
using EdSoftNano.Ports;
using EdSoftNano.Simulation;
using Xunit;

namespace EdSoftNano.Tests.Net
{
    /// <summary>UDP through <see cref="HostNetStack"/> against UdpClient peers on 127.0.0.1.</summary>
    public sealed class HostNetStackUdpTests : IDisposable
    {
        private const uint Loopback = 0x7F000001;

        private readonly HostNetStack _stack = new HostNetStack();
        private readonly UdpClient _peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        public HostNetStackUdpTests() => _peer.Client.ReceiveTimeout = RealTime.DefaultTimeoutMs;

        private int PeerPort => ((IPEndPoint)_peer.Client.LocalEndPoint).Port;

        public void Dispose()
        {
            _stack.CloseAll();
            _peer.Dispose();
        }

        private static IPEndPoint At(int port) => new IPEndPoint(IPAddress.Loopback, port);

        private int LocalPort(int socket)
        {
            Assert.True(_stack.GetLocal(socket, out _, out int port));
            return port;
        }

        [Fact]
        public void UdpConnect_Peer_DatagramsGoBothWays()
        {
            int socket = _stack.UdpConnect(Loopback, PeerPort);
            Assert.Equal(SocketState.Open, _stack.State(socket));
            Assert.Equal(4, _stack.Send(socket, Encoding.ASCII.GetBytes("ping"), 0, 4));
            var from = new IPEndPoint(IPAddress.Any, 0);
            Assert.Equal("ping", Encoding.ASCII.GetString(_peer.Receive(ref from)));
            Assert.Equal(LocalPort(socket), from.Port);

            byte[] buffer = new byte[16];
            Assert.Equal(0, _stack.Receive(socket, buffer, 0, buffer.Length));
            _peer.Send(Encoding.ASCII.GetBytes("pong"), 4, from);
            int n = RealTime.First(() => _stack.Receive(socket, buffer, 0, buffer.Length), "the reply");
            Assert.Equal("pong", Encoding.ASCII.GetString(buffer, 0, n));
            Assert.True(_stack.GetRemote(socket, out uint remote, out int remotePort));
            Assert.Equal(Loopback, remote);
            Assert.Equal(PeerPort, remotePort);
        }

        [Fact]
        public void UdpConnect_StrangerSends_OnlyThePeersDatagramArrives()
        {
            int socket = _stack.UdpConnect(Loopback, PeerPort);
            int port = LocalPort(socket);
            using var stranger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            stranger.Send(Encoding.ASCII.GetBytes("noise"), 5, At(port));
            _peer.Send(Encoding.ASCII.GetBytes("mine"), 4, At(port));
            byte[] buffer = new byte[16];
            int n = RealTime.First(() => _stack.Receive(socket, buffer, 0, buffer.Length), "the peer's datagram");
            Assert.Equal("mine", Encoding.ASCII.GetString(buffer, 0, n));
            System.Threading.Thread.Sleep(20);
            Assert.Equal(0, _stack.Receive(socket, buffer, 0, buffer.Length));
        }

        [Fact]
        public void UdpOpen_AnySender_ReceiveFromSaysWhoAndSendToAnswers()
        {
            int socket = _stack.UdpOpen(0);
            int port = LocalPort(socket);
            _peer.Send(Encoding.ASCII.GetBytes("hello"), 5, At(port));
            byte[] buffer = new byte[16];
            uint address = 0;
            int from = 0;
            int n = RealTime.First(() => _stack.ReceiveFrom(socket, buffer, 0, buffer.Length, out address, out from), "the datagram");
            Assert.Equal("hello", Encoding.ASCII.GetString(buffer, 0, n));
            Assert.Equal(Loopback, address);
            Assert.Equal(PeerPort, from);

            Assert.Equal(3, _stack.SendTo(socket, Encoding.ASCII.GetBytes("hey"), 0, 3, address, from));
            var sender = new IPEndPoint(IPAddress.Any, 0);
            Assert.Equal("hey", Encoding.ASCII.GetString(_peer.Receive(ref sender)));
            Assert.Equal(port, sender.Port);
        }

        [Fact]
        public void ReceiveFrom_DatagramLargerThanTheBuffer_ComesInPiecesUncut()
        {
            int socket = _stack.UdpOpen(0);
            byte[] datagram = new byte[3000];
            new Random(7).NextBytes(datagram);
            _peer.Send(datagram, datagram.Length, At(LocalPort(socket)));
            _peer.Send(new byte[] { 0x42 }, 1, At(LocalPort(socket)));

            byte[] got = new byte[3001];
            int total = 0;
            while (total < got.Length)
            {
                uint address = 0;
                int port = 0;
                int n = RealTime.First(() => _stack.ReceiveFrom(socket, got, total, Math.Min(1000, got.Length - total), out address, out port), "a piece");
                Assert.Equal(Loopback, address);
                Assert.Equal(PeerPort, port);
                Assert.Equal(total < 3000 ? 1000 : 1, n);
                total += n;
            }

            Assert.Equal(datagram, got[..3000]);
            Assert.Equal(0x42, got[3000]);
        }

        [Fact]
        public void UdpOpen_PortInUse_FailsWithInternalResourceUnavailable()
        {
            int socket = _stack.UdpOpen(PeerPort);
            Assert.Equal(SocketState.Failed, _stack.State(socket));
            Assert.Equal(ErrorCodes.InternalResourceUnavailable, _stack.Error(socket));
            Assert.Equal(-1, _stack.SendTo(socket, new byte[1], 0, 1, Loopback, PeerPort));
        }

        [Fact]
        public void Send_ToAClosedPort_KeepsTheSocketWorking()
        {
            // The ICMP port unreachable that comes back is not a failure of a UDP session.
            using var gone = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)gone.Client.LocalEndPoint).Port;
            gone.Dispose();
            int socket = _stack.UdpConnect(Loopback, port);
            Assert.Equal(1, _stack.Send(socket, new byte[1], 0, 1));
            System.Threading.Thread.Sleep(20);
            byte[] buffer = new byte[4];
            Assert.Equal(0, _stack.Receive(socket, buffer, 0, buffer.Length));
            RealTime.First(() => _stack.Send(socket, new byte[1], 0, 1), "a send after the ICMP error");
            Assert.Equal(SocketState.Open, _stack.State(socket));
        }
    }
}
