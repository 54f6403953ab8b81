using EdSoftNano.Ports;

namespace EdSoftNano.Tests.Services.Ftp
{
    /// <summary>
    /// A stack whose TCP connects never complete (a server that drops SYNs), for the connect
    /// deadline on virtual time; dotted quads resolve at once, nothing else works.
    /// </summary>
    public sealed class UnansweredConnectStack : INetStack
    {
        private int _next;

        /// <summary>Sockets opened and not closed.</summary>
        public int OpenSockets { get; private set; }

        public int TcpConnect(uint address, int port)
        {
            OpenSockets++;
            return ++_next;
        }

        public SocketState State(int socket) => SocketState.Connecting;

        public void Close(int socket) => OpenSockets--;

        public int ResolveStart(string name, uint dns1, uint dns2, long nowMs) => 1;

        public NetQueryResult ResolveResult(int query, long nowMs, out uint address)
        {
            address = 0x7F000001;
            return NetQueryResult.Done;
        }

        public void ResolveCancel(int query)
        {
        }

        public int TcpListen(int localPort) => -1;

        public int Accept(int listener) => -1;

        public int UdpOpen(int localPort) => -1;

        public int UdpConnect(uint address, int port) => -1;

        public int Send(int socket, byte[] buffer, int offset, int count) => 0;

        public int Receive(int socket, byte[] buffer, int offset, int count) => 0;

        public int SendTo(int socket, byte[] buffer, int offset, int count, uint address, int port) => -1;

        public int ReceiveFrom(int socket, byte[] buffer, int offset, int count, out uint address, out int port)
        {
            address = 0;
            port = 0;
            return -1;
        }

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

        public int PingStart(uint address, int timeoutMs, long nowMs) => -1;

        public NetQueryResult PingResult(int query, long nowMs, out int roundTripMs)
        {
            roundTripMs = 0;
            return NetQueryResult.Failed;
        }

        public void PingCancel(int query)
        {
        }
    }
}
