using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdSoftNano.At;
using EdSoftNano.Ports;
using EdSoftNano.Simulation;
using Xunit;

namespace EdSoftNano.Tests.Net
{
    /// <summary>TCP through <see cref="HostNetStack"/> against real peers on 127.0.0.1 (TcpListener/TcpClient in the test).</summary>
    public sealed class HostNetStackTcpTests : IDisposable
    {
        private const uint Loopback = 0x7F000001;

        private readonly HostNetStack _stack = new HostNetStack();
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);

        public HostNetStackTcpTests() => _listener.Start();

        private int ListenerPort => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose()
        {
            _stack.CloseAll();
            _listener.Stop();
        }

        // Our connection to the test's listener, open, and the peer's end of it.
        private int Connect(out TcpClient peer)
        {
            int socket = _stack.TcpConnect(Loopback, ListenerPort);
            Assert.True(socket > 0);
            peer = _listener.AcceptTcpClient();
            peer.ReceiveTimeout = RealTime.DefaultTimeoutMs;
            RealTime.Until(() => _stack.State(socket) != SocketState.Connecting, "the connect");
            Assert.Equal(SocketState.Open, _stack.State(socket));
            return socket;
        }

        private int ReceiveSome(int socket, byte[] buffer)
            => RealTime.First(() => _stack.Receive(socket, buffer, 0, buffer.Length), "received bytes");

        private static byte[] Pattern(int length, int seed)
        {
            byte[] data = new byte[length];
            new Random(seed).NextBytes(data);
            return data;
        }

        [Fact]
        public void TcpConnect_ListeningPeer_MovesBytesBothWays()
        {
            int socket = Connect(out TcpClient peer);
            using (peer)
            {
                byte[] buffer = new byte[64];
                Assert.Equal(0, _stack.Receive(socket, buffer, 0, buffer.Length));
                Assert.Equal(5, _stack.Send(socket, Encoding.ASCII.GetBytes("hello"), 0, 5));
                byte[] got = new byte[5];
                peer.GetStream().ReadExactly(got);
                Assert.Equal("hello", Encoding.ASCII.GetString(got));

                peer.GetStream().Write(Encoding.ASCII.GetBytes("world"));
                int n = ReceiveSome(socket, buffer);
                Assert.Equal("world", Encoding.ASCII.GetString(buffer, 0, n));

                Assert.True(_stack.GetRemote(socket, out uint remote, out int remotePort));
                Assert.Equal(Loopback, remote);
                Assert.Equal(ListenerPort, remotePort);
                Assert.True(_stack.GetLocal(socket, out uint local, out int localPort));
                Assert.Equal(Loopback, local);
                Assert.Equal(((IPEndPoint)peer.Client.RemoteEndPoint).Port, localPort);
            }
        }

        [Fact]
        public void Receive_PeerClosesInOrder_DeliversItsBytesThenMinusOneWithError0()
        {
            int socket = Connect(out TcpClient peer);
            peer.GetStream().Write(Encoding.ASCII.GetBytes("bye"));
            peer.Close();
            byte[] buffer = new byte[64];
            Assert.Equal(3, ReceiveSome(socket, buffer));
            Assert.Equal(-1, RealTime.First(() => _stack.Receive(socket, buffer, 0, buffer.Length), "the end"));
            Assert.Equal(ErrorCodes.None, _stack.Error(socket));
            Assert.Equal(SocketState.Ended, _stack.State(socket));
            Assert.Equal(-1, _stack.Receive(socket, buffer, 0, buffer.Length));
        }

        [Fact]
        public void Receive_PeerResets_FailsWithTcpContextCancelled()
        {
            int socket = Connect(out TcpClient peer);
            // Linger 0 turns the close into a reset (RST instead of FIN).
            peer.Client.Close(0);
            peer.Dispose();
            byte[] buffer = new byte[64];
            Assert.Equal(-1, RealTime.First(() => _stack.Receive(socket, buffer, 0, buffer.Length), "the reset"));
            Assert.Equal(SocketState.Failed, _stack.State(socket));
            Assert.Equal(ErrorCodes.TcpContextCancelled, _stack.Error(socket));
        }

        [Fact]
        public void TcpConnect_NobodyListening_FailsWithOpenSessionFailed()
        {
            int port = ListenerPort;
            _listener.Stop();
            int socket = _stack.TcpConnect(Loopback, port);
            RealTime.Until(() => _stack.State(socket) != SocketState.Connecting, "the refusal");
            Assert.Equal(SocketState.Failed, _stack.State(socket));
            Assert.Equal(ErrorCodes.OpenSessionFailed, _stack.Error(socket));
            Assert.Equal(-1, _stack.Send(socket, new byte[1], 0, 1));
            Assert.Equal(-1, _stack.Receive(socket, new byte[1], 0, 1));
            _stack.Close(socket);
            Assert.Equal(SocketState.Free, _stack.State(socket));
            Assert.Equal(0, _stack.SocketsInUse);
        }

        [Fact]
        public void Close_AfterQueuedBytes_PeerGetsThemAllThenTheEnd()
        {
            int socket = Connect(out TcpClient peer);
            using (peer)
            {
                byte[] data = Pattern(200_000, 1);
                var received = new MemoryStream();
                var reader = new System.Threading.Thread(() => peer.GetStream().CopyTo(received));
                reader.Start();
                int sent = 0;
                while (sent < data.Length)
                {
                    sent += RealTime.First(() => _stack.Send(socket, data, sent, data.Length - sent), "send room");
                }

                _stack.Close(socket);
                Assert.True(reader.Join(RealTime.DefaultTimeoutMs), "the peer saw no end");
                Assert.Equal(data, received.ToArray());
                Assert.Equal(0, _stack.SocketsInUse);
            }
        }

        [Fact]
        public void Send_PeerNotReading_ReturnsZeroAndLosesNothing()
        {
            int socket = Connect(out TcpClient peer);
            using (peer)
            {
                // Fill the kernel's buffers until Send pushes back (bounded: 64 MB would be a bug).
                byte[] data = Pattern(64 * 1024 * 1024, 2);
                int sent = 0;
                int zeros = 0;
                while (sent < data.Length && zeros < 50)
                {
                    int n = _stack.Send(socket, data, sent, Math.Min(65536, data.Length - sent));
                    Assert.True(n >= 0);
                    sent += n;
                    zeros = n == 0 ? zeros + 1 : 0;
                    if (n == 0)
                    {
                        System.Threading.Thread.Sleep(1);
                    }
                }

                Assert.True(zeros >= 50, "Send never returned 0 after " + sent + " bytes");
                Assert.True(sent < data.Length);

                // Everything Send took arrives, in order, once the peer reads.
                byte[] got = new byte[sent];
                peer.GetStream().ReadExactly(got);
                Assert.True(data.AsSpan(0, sent).SequenceEqual(got));
                Assert.Equal(0, peer.Available);
            }
        }

        [Fact]
        public void TcpListen_PeerConnects_AcceptGivesAnOpenSocketWithItsAddress()
        {
            int listener = _stack.TcpListen(0);
            Assert.Equal(SocketState.Listening, _stack.State(listener));
            Assert.True(_stack.GetLocal(listener, out _, out int port));
            Assert.True(port > 0);
            Assert.Equal(0, _stack.Accept(listener));

            using var caller = new TcpClient();
            caller.Connect(IPAddress.Loopback, port);
            int socket = RealTime.First(() => _stack.Accept(listener), "the accept");
            Assert.True(socket > 0 && socket != listener);
            Assert.Equal(SocketState.Open, _stack.State(socket));
            Assert.True(_stack.GetRemote(socket, out uint remote, out int remotePort));
            Assert.Equal(Loopback, remote);
            Assert.Equal(((IPEndPoint)caller.Client.LocalEndPoint).Port, remotePort);

            caller.GetStream().Write(Encoding.ASCII.GetBytes("hi"));
            byte[] buffer = new byte[8];
            Assert.Equal(2, ReceiveSome(socket, buffer));
            Assert.Equal(2, _stack.Send(socket, buffer, 0, 2));
            byte[] echo = new byte[2];
            caller.GetStream().ReadExactly(echo);
            Assert.Equal("hi", Encoding.ASCII.GetString(echo));
            Assert.Equal(SocketState.Listening, _stack.State(listener));
        }

        [Fact]
        public void TcpListen_PortInUse_FailsWithInternalResourceUnavailable()
        {
            int listener = _stack.TcpListen(ListenerPort);
            Assert.Equal(SocketState.Failed, _stack.State(listener));
            Assert.Equal(ErrorCodes.InternalResourceUnavailable, _stack.Error(listener));
            Assert.Equal(-1, _stack.Accept(listener));
        }

        [Fact]
        public void Open_TableFull_ReturnsMinusOneUntilAHandleIsClosed()
        {
            var small = new HostNetStack(sockets: 2);
            int a = small.TcpListen(0);
            int b = small.TcpListen(0);
            Assert.Equal(new[] { 1, 2 }, new[] { a, b });
            Assert.Equal(-1, small.TcpConnect(Loopback, ListenerPort));
            Assert.Equal(-1, small.UdpOpen(0));
            small.Close(a);
            Assert.Equal(a, small.UdpOpen(0));
            small.CloseAll();
            Assert.Equal(0, small.SocketsInUse);
        }

        [Fact]
        public void Calls_OnAFreeHandle_AreHarmless()
        {
            byte[] buffer = new byte[4];
            Assert.Equal(SocketState.Free, _stack.State(3));
            Assert.Equal(-1, _stack.Send(3, buffer, 0, 4));
            Assert.Equal(-1, _stack.Receive(0, buffer, 0, 4));
            Assert.Equal(-1, _stack.Accept(99));
            Assert.False(_stack.GetLocal(3, out _, out _));
            _stack.Close(3);
            _stack.Close(-1);
        }
    }
}
