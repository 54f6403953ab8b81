using System;
using System.Collections.Generic;
using EdSoftNano.Ports;
using EdSoftNano.Session;

namespace EdSoftNano.Tests.Services.Tcp
{
    /// <summary>
    /// An <see cref="INetStack"/> on virtual time for the failures a real loopback cannot stage on
    /// demand: a server that never answers the SYN (the connect stays Connecting), a send the stack
    /// gives up on (-1 with its 9.2 code), a peer whose window stays shut (Send takes nothing).
    /// Dotted quads resolve at once; there is no DNS, UDP or ping.
    /// </summary>
    public sealed class FakeTcpStack : INetStack
    {
        private readonly Dictionary<int, SocketState> _sockets = new Dictionary<int, SocketState>();
        private readonly Dictionary<int, int> _errors = new Dictionary<int, int>();
        private int _next = 1;

        /// <summary>False: every connect stays Connecting (a silent server).</summary>
        public bool ConnectAnswers { get; set; } = true;

        /// <summary>0: Send takes everything; -1: Send fails with <see cref="SendError"/>; -2: Send takes nothing (window shut).</summary>
        public int SendBehaviour { get; set; }

        public int SendError { get; set; }

        /// <summary>Payload the peer took.</summary>
        public List<byte> Sent { get; } = new List<byte>();

        /// <summary>Handles still open (a finished service leaves none).</summary>
        public int OpenSockets => _sockets.Count;

        public int TcpConnect(uint address, int port)
        {
            int id = _next++;
            _sockets[id] = ConnectAnswers ? SocketState.Open : SocketState.Connecting;
            return id;
        }

        public int Send(int socket, byte[] buffer, int offset, int count)
        {
            if (!_sockets.ContainsKey(socket))
            {
                return -1;
            }

            if (SendBehaviour == -1)
            {
                _sockets[socket] = SocketState.Failed;
                _errors[socket] = SendError;
                return -1;
            }

            if (SendBehaviour == -2)
            {
                return 0;
            }

            for (int i = 0; i < count; i++)
            {
                Sent.Add(buffer[offset + i]);
            }

            return count;
        }

        public int Receive(int socket, byte[] buffer, int offset, int count)
            => _sockets.TryGetValue(socket, out SocketState state) && state != SocketState.Failed ? 0 : -1;

        public SocketState State(int socket) => _sockets.TryGetValue(socket, out SocketState state) ? state : SocketState.Free;

        public int Error(int socket) => _errors.TryGetValue(socket, out int error) ? error : 0;

        public void Close(int socket)
        {
            _sockets.Remove(socket);
            _errors.Remove(socket);
        }

        private readonly Dictionary<int, uint> _lookups = new Dictionary<int, uint>();

        public int ResolveStart(string name, uint dns1, uint dns2, long nowMs)
        {
            _lookups[_next] = IPv4Text.Parse(name);
            return _next++;
        }

        public NetQueryResult ResolveResult(int query, long nowMs, out uint address)
        {
            address = _lookups[query];
            _lookups.Remove(query);
            return address == 0 ? NetQueryResult.Failed : NetQueryResult.Done;
        }

        public void ResolveCancel(int query) => _lookups.Remove(query);

        public int TcpListen(int localPort) => throw new NotSupportedException();
        public int Accept(int listener) => throw new NotSupportedException();
        public int UdpOpen(int localPort) => throw new NotSupportedException();
        public int UdpConnect(uint address, int port) => throw new NotSupportedException();
        public int SendTo(int socket, byte[] buffer, int offset, int count, uint address, int port) => throw new NotSupportedException();

        public int ReceiveFrom(int socket, byte[] buffer, int offset, int count, out uint address, out int port)
            => throw new NotSupportedException();

        public bool GetLocal(int socket, out uint address, out int port) => throw new NotSupportedException();
        public bool GetRemote(int socket, out uint address, out int port) => throw new NotSupportedException();
        public int PingStart(uint address, int timeoutMs, long nowMs) => throw new NotSupportedException();
        public NetQueryResult PingResult(int query, long nowMs, out int roundTripMs) => throw new NotSupportedException();
        public void PingCancel(int query) => throw new NotSupportedException();
    }
}
