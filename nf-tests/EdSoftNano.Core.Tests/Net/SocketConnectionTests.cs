using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdSoftNano.App;
using EdSoftNano.At;
using EdSoftNano.DataMode;
using EdSoftNano.Ports;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.DataMode;
using Xunit;

namespace EdSoftNano.Tests.Net
{
    /// <summary>
    /// <see cref="SocketConnection"/> under the real <see cref="DataPump"/>, over host sockets to
    /// peers on 127.0.0.1: the data path of #OTCP and #OUDP end to end, minus the interpreter.
    /// </summary>
    public sealed class SocketConnectionTests : IDisposable
    {
        private const uint Loopback = 0x7F000001;
        private const int OneMegabyte = 1024 * 1024;

        private readonly HostNetStack _stack = new HostNetStack();
        private readonly SocketConnection _connection = new SocketConnection();

        public void Dispose() => _stack.CloseAll();

        private static DataPump NewPump(IByteLink host)
            => new DataPump(host, new byte[Budget.HostToNetworkRing], new byte[Budget.NetworkToHostRing], new byte[Budget.DataScratch]);

        [Fact]
        public void Pump_OneMegabyteThroughATcpEchoPeer_ComesBackByteExact()
        {
            using var echo = new EchoPeer();
            byte[] payload = DleReference.Payload(OneMegabyte, 3, 20240611);
            byte[] input = DleReference.Escape(payload);
            var atHost = new PayloadChecker(payload, escaped: true);
            var pump = NewPump(new SinkHostLink(atHost.Take));
            _connection.Attach(_stack, _stack.TcpConnect(Loopback, echo.Port));
            long now = 0;
            pump.Start(_connection, DataPumpSettings.Tcp(true, 20), now);

            int fed = 0;
            var clock = Stopwatch.StartNew();
            while (!atHost.Complete && clock.ElapsedMilliseconds < 30000)
            {
                if (fed < input.Length)
                {
                    fed += pump.FeedHost(input, fed, Math.Min(4096, input.Length - fed), now);
                }

                pump.Poll(now);
                Assert.Equal(DataPumpState.Running, pump.State);
                now++;
            }

            Assert.True(atHost.Complete && atHost.Clean, "at the host: " + atHost + ", echoed " + echo.Echoed);
            Assert.Equal(payload.Length, pump.BytesToNetwork);
            Assert.Equal(payload.Length, pump.BytesToHost);

            // ETX ends the data; the service closes the connection and the peer sees the end.
            Assert.Equal(1, pump.FeedHost(new[] { DleCodes.Etx }, 0, 1, now));
            Assert.Equal(DataPumpState.HostEnded, pump.State);
            _connection.Close();
            _connection.Close();
            RealTime.Until(() => echo.Finished, "the echo peer's end");
            Assert.Equal(0, _connection.Socket);
            Assert.Equal(0, _stack.SocketsInUse);
        }

        [Fact]
        public void Pump_PeerClosesInOrder_DeliversItsBytesThenRemoteClosedWithError0()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            _connection.Attach(_stack, _stack.TcpConnect(Loopback, ((IPEndPoint)listener.LocalEndpoint).Port));
            using (TcpClient peer = listener.AcceptTcpClient())
            {
                peer.GetStream().Write(Encoding.ASCII.GetBytes("bye\x03"));
            }

            var host = new ScriptedHostLink();
            var pump = NewPump(host);
            pump.Start(_connection, DataPumpSettings.Tcp(true, 20), 0);
            RealTime.Until(() => { pump.Poll(0); return pump.State != DataPumpState.Running; }, "the peer's end");
            Assert.Equal(DataPumpState.RemoteClosed, pump.State);
            Assert.Equal("bye\x10\x03", host.TakeOutput());
            Assert.Equal(ErrorCodes.None, _connection.Error);
        }

        [Fact]
        public void Pump_ConnectRefused_FailsWithOpenSessionFailed()
        {
            var gone = new TcpListener(IPAddress.Loopback, 0);
            gone.Start();
            int port = ((IPEndPoint)gone.LocalEndpoint).Port;
            gone.Stop();
            _connection.Attach(_stack, _stack.TcpConnect(Loopback, port));
            var pump = NewPump(new SinkHostLink());
            pump.Start(_connection, DataPumpSettings.Tcp(true, 0), 0);
            pump.FeedHost(new byte[] { 0x41 }, 0, 1, 0);
            RealTime.Until(() => { pump.Poll(0); return pump.State != DataPumpState.Running; }, "the refusal");
            Assert.Equal(DataPumpState.Failed, pump.State);
            Assert.Equal(ErrorCodes.OpenSessionFailed, pump.Error);
        }

        [Fact]
        public void AttachToPeer_UdpSession_TalksToThePeerAndDropsStrangers()
        {
            using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            using var stranger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            peer.Client.ReceiveTimeout = RealTime.DefaultTimeoutMs;
            int peerPort = ((IPEndPoint)peer.Client.LocalEndPoint).Port;
            int socket = _stack.UdpOpen(0);
            Assert.True(_stack.GetLocal(socket, out _, out int port));
            _connection.AttachToPeer(_stack, socket, Loopback, peerPort);

            var host = new ScriptedHostLink();
            var pump = NewPump(host);
            pump.Start(_connection, DataPumpSettings.Udp(0, Budget.DataFrame), 0);
            var target = new IPEndPoint(IPAddress.Loopback, port);
            stranger.Send(Encoding.ASCII.GetBytes("noise"), 5, target);
            peer.Send(Encoding.ASCII.GetBytes("data"), 4, target);
            string got = string.Empty;
            RealTime.Until(() => { pump.Poll(0); got += host.TakeOutput(); return got.Length >= 4; }, "the peer's datagram");
            Assert.Equal("data", got);

            pump.FeedHost(Encoding.ASCII.GetBytes("back\x03"), 0, 5, 0);
            var from = new IPEndPoint(IPAddress.Any, 0);
            Assert.Equal("back", Encoding.ASCII.GetString(peer.Receive(ref from)));
            Assert.Equal(port, from.Port);
            Assert.Equal(DataPumpState.HostEnded, pump.State);
        }

        [Fact]
        public void Detached_SendAndReceive_EndWithoutThrowing()
        {
            var connection = new SocketConnection();
            Assert.Equal(-1, connection.Send(new byte[1], 0, 1));
            Assert.Equal(-1, connection.Receive(new byte[1], 0, 1));
            connection.Close();
            Assert.Equal(ErrorCodes.None, connection.Error);
        }
    }
}
