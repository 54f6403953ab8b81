using System;
using System.IO;
using EdSoftNano.Ports;

namespace EdSoftNano.Tests.Services.Mail
{
    /// <summary>
    /// One socket (handle 1) for the mail readers' and writers' unit tests: Receive hands out the
    /// scripted bytes at most <see cref="Chunk"/> at a time, with a "nothing now" (0) between
    /// chunks, then -1; Send takes at most <see cref="Chunk"/> bytes per call and records them.
    /// </summary>
    public sealed class ChunkedSocketStack : INetStack
    {
        private readonly byte[] _incoming;
        private int _read;
        private bool _pause;

        public ChunkedSocketStack(byte[] incoming, int chunk)
        {
            _incoming = incoming;
            Chunk = chunk;
        }

        public int Chunk { get; }

        public MemoryStream Sent { get; } = new MemoryStream();

        public int Receive(int socket, byte[] buffer, int offset, int count)
        {
            if (_read == _incoming.Length)
            {
                return -1;
            }

            _pause = !_pause;
            if (!_pause)
            {
                return 0;
            }

            int n = Math.Min(Math.Min(count, Chunk), _incoming.Length - _read);
            Array.Copy(_incoming, _read, buffer, offset, n);
            _read += n;
            return n;
        }

        public int Send(int socket, byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, Chunk);
            Sent.Write(buffer, offset, n);
            return n;
        }

        public int TcpConnect(uint address, int port) => throw new NotSupportedException();
        public int TcpListen(int localPort) => throw new NotSupportedException();
        public int Accept(int listener) => throw new NotSupportedException();
        public int UdpOpen(int localPort) => throw new NotSupportedException();
        public int UdpConnect(uint address, int port) => throw new NotSupportedException();
        public int SendTo(int socket, byte[] buffer, int offset, int count, uint address, int port) => throw new NotSupportedException();

        public int ReceiveFrom(int socket, byte[] buffer, int offset, int count, out uint address, out int port)
            => throw new NotSupportedException();

        public SocketState State(int socket) => SocketState.Open;
        public int Error(int socket) => 0;

        public bool GetLocal(int socket, out uint address, out int port)
        {
            address = 0;
            port = 0;
            return false;
        }

        public bool GetRemote(int socket, out uint address, out int port)
        {
            address = 0;
            port = 0;
            return false;
        }

        public void Close(int socket)
        {
        }

        public int ResolveStart(string name, uint dns1, uint dns2, long nowMs) => throw new NotSupportedException();

        public NetQueryResult ResolveResult(int query, long nowMs, out uint address) => throw new NotSupportedException();

        public void ResolveCancel(int query)
        {
        }

        public int PingStart(uint address, int timeoutMs, long nowMs) => throw new NotSupportedException();

        public NetQueryResult PingResult(int query, long nowMs, out int roundTripMs) => throw new NotSupportedException();

        public void PingCancel(int query)
        {
        }
    }
}
