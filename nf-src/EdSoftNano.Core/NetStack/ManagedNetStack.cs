using EdSoftNano.At;
using EdSoftNano.Icmp;
using EdSoftNano.Ip;
using EdSoftNano.Net;
using EdSoftNano.Ports;
using EdSoftNano.Ppp;
using EdSoftNano.Session;
using EdSoftNano.Tcp;
using EdSoftNano.Udp;

namespace EdSoftNano.NetStack
{
    /// <summary>
    /// The managed IPv4 stack as the services and the PPP bearer see it: <see cref="INetStack"/>
    /// (sockets, DNS, ping) and <see cref="IBearerIpStack"/> (link up/down, polling) over one
    /// <see cref="IIpLink"/>. It owns IP, ICMP, UDP and TCP and every buffer they use
    /// (<see cref="NetStackBudget"/>). Handles: TCP slots are 1..<see cref="NetStackBudget.TcpSlots"/>,
    /// UDP slots follow. Host names are resolved by the core's <see cref="DnsResolver"/> over this
    /// stack's own UDP, as <c>HostNetStack</c> does over the host's. INetStack calls carry no time:
    /// the stack uses the time of the last <see cref="Poll"/>, <see cref="LinkUp"/> or received datagram.
    /// </summary>
    public sealed class ManagedNetStack : INetStack, IBearerIpStack, IPppIpInput
    {
        private const int TcpSlots = NetStackBudget.TcpSlots;

        private readonly IpLayer _ip;
        private readonly IcmpLayer _icmp;
        private readonly UdpLayer _udp;
        private readonly TcpLayer _tcp;
        private readonly DnsResolver _resolver;
        private long _nowMs;

        /// <param name="link">What datagrams travel over (the PPP link: PppBearer.IpLink).</param>
        /// <param name="seed">Varies identification, ports, sequence numbers and DNS ids between boots.</param>
        public ManagedNetStack(IIpLink link, uint seed)
        {
            _ip = new IpLayer(link, NetStackBudget.ReassemblySlots, NetStackBudget.Datagram, seed);
            _icmp = new IcmpLayer(_ip, new byte[NetStackBudget.IcmpBuffer], NetStackBudget.PingSlots, (int)(seed >> 16));
            _udp = new UdpLayer(_ip, NetStackBudget.UdpSlots, NetStackBudget.UdpRing, new byte[NetStackBudget.UdpSend], seed * 2654435761u);
            _tcp = new TcpLayer(_ip, TcpSlots, NetStackBudget.TcpSendBuffer, NetStackBudget.TcpReceiveBuffer, seed ^ 0x9E3779B9u);
            _ip.Attach(IpConstants.ProtocolTcp, _tcp);
            _resolver = new DnsResolver(this, new byte[NetStackBudget.DnsBuffer], (int)(seed & 0x7FFFFFFF));
        }

        /// <summary>The IP layer (tests and diagnostics read its counters).</summary>
        public IpLayer Ip => _ip;

        /// <summary>The ICMP layer (counters).</summary>
        public IcmpLayer Icmp => _icmp;

        /// <summary>The UDP layer (counters, refusals).</summary>
        public UdpLayer Udp => _udp;

        /// <summary>The TCP layer (diagnostics).</summary>
        public TcpLayer Tcp => _tcp;

        /// <summary>The UDP port DNS queries go to (53; tests use a responder on another port).</summary>
        public int DnsServerPort
        {
            get => _resolver.ServerPort;
            set => _resolver.ServerPort = value;
        }

        /// <inheritdoc />
        public INetStack Stack => this;

        /// <inheritdoc />
        public IPppIpInput Input => this;

        /// <inheritdoc />
        public void Receive(long nowMs, byte[] packet, int offset, int count)
        {
            _nowMs = nowMs;
            _ip.Receive(nowMs, packet, offset, count);
        }

        /// <inheritdoc />
        public void LinkUp(uint localAddress, uint peerAddress, long nowMs)
        {
            _nowMs = nowMs;
            _ip.LinkUp(localAddress, peerAddress);
            _tcp.LinkUp(nowMs);
        }

        /// <inheritdoc />
        public void LinkDown()
        {
            _tcp.LinkDown();
            _ip.LinkDown();
            _udp.FailAll(ErrorCodes.TcpContextCancelled);
            _icmp.FailAll();
        }

        /// <inheritdoc />
        public void Poll(long nowMs)
        {
            _nowMs = nowMs;
            _ip.Poll(nowMs);
            _tcp.Poll(nowMs);
        }

        /// <inheritdoc />
        public long NextDeadlineMs
        {
            get
            {
                long next = _ip.NextDeadlineMs;
                long t = _icmp.NextDeadlineMs;
                next = t < next ? t : next;
                t = _tcp.NextDeadlineMs;
                return t < next ? t : next;
            }
        }

        /// <summary>Handles in use (tests check that nothing leaks).</summary>
        public int SocketsInUse
        {
            get
            {
                int n = 0;
                for (int h = 1; h <= TcpSlots + _udp.Slots; h++)
                {
                    n += State(h) == SocketState.Free ? 0 : 1;
                }

                return n;
            }
        }

        /// <inheritdoc />
        public int TcpConnect(uint address, int port) => TcpHandle(_tcp.Connect(address, port, _nowMs));

        /// <inheritdoc />
        public int TcpListen(int localPort) => TcpHandle(_tcp.Listen(localPort));

        /// <inheritdoc />
        public int Accept(int listener)
        {
            int tcp = TcpSlot(listener);
            if (tcp < 0)
            {
                return -1;
            }

            // TcpLayer: -2 none waiting (slot 0 is valid), -1 the listener failed.
            int slot = _tcp.Accept(tcp);
            return slot == -2 ? 0 : TcpHandle(slot);
        }

        /// <inheritdoc />
        public int UdpOpen(int localPort) => UdpHandle(_udp.Open(localPort, 0, 0));

        /// <inheritdoc />
        public int UdpConnect(uint address, int port) => UdpHandle(_udp.Open(0, address, port));

        /// <inheritdoc />
        public int Send(int socket, byte[] buffer, int offset, int count)
        {
            int tcp = TcpSlot(socket);
            if (tcp >= 0)
            {
                return _tcp.Send(tcp, buffer, offset, count, _nowMs);
            }

            int udp = UdpSlot(socket);
            return udp >= 0 ? _udp.Send(udp, buffer, offset, count) : -1;
        }

        /// <inheritdoc />
        public int Receive(int socket, byte[] buffer, int offset, int count)
        {
            int tcp = TcpSlot(socket);
            if (tcp >= 0)
            {
                return _tcp.Receive(tcp, buffer, offset, count, _nowMs);
            }

            int udp = UdpSlot(socket);
            return udp >= 0 ? _udp.ReceiveFrom(udp, buffer, offset, count, out _, out _) : -1;
        }

        /// <inheritdoc />
        public int SendTo(int socket, byte[] buffer, int offset, int count, uint address, int port)
        {
            int udp = UdpSlot(socket);
            return udp >= 0 ? _udp.SendTo(udp, buffer, offset, count, address, port) : -1;
        }

        /// <inheritdoc />
        public int ReceiveFrom(int socket, byte[] buffer, int offset, int count, out uint address, out int port)
        {
            int udp = UdpSlot(socket);
            if (udp >= 0)
            {
                return _udp.ReceiveFrom(udp, buffer, offset, count, out address, out port);
            }

            address = 0;
            port = 0;
            int tcp = TcpSlot(socket);
            if (tcp < 0)
            {
                return -1;
            }

            // As HostNetStack: a stream read that also names the peer.
            int n = _tcp.Receive(tcp, buffer, offset, count, _nowMs);
            if (n > 0)
            {
                _tcp.GetRemote(tcp, out address, out port);
            }

            return n;
        }

        /// <inheritdoc />
        public SocketState State(int socket)
        {
            int tcp = TcpSlot(socket);
            if (tcp >= 0)
            {
                return _tcp.State(tcp);
            }

            int udp = UdpSlot(socket);
            return udp >= 0 ? _udp.State(udp) : SocketState.Free;
        }

        /// <inheritdoc />
        public int Error(int socket)
        {
            int tcp = TcpSlot(socket);
            if (tcp >= 0)
            {
                return _tcp.Error(tcp);
            }

            int udp = UdpSlot(socket);
            return udp >= 0 ? _udp.Error(udp) : 0;
        }

        /// <inheritdoc />
        public bool GetLocal(int socket, out uint address, out int port)
        {
            int tcp = TcpSlot(socket);
            if (tcp >= 0)
            {
                return _tcp.GetLocal(tcp, out address, out port);
            }

            int udp = UdpSlot(socket);
            if (udp >= 0)
            {
                return _udp.GetLocal(udp, out address, out port);
            }

            address = 0;
            port = 0;
            return false;
        }

        /// <inheritdoc />
        public bool GetRemote(int socket, out uint address, out int port)
        {
            int tcp = TcpSlot(socket);
            if (tcp >= 0)
            {
                return _tcp.GetRemote(tcp, out address, out port);
            }

            int udp = UdpSlot(socket);
            if (udp >= 0)
            {
                return _udp.GetRemote(udp, out address, out port);
            }

            address = 0;
            port = 0;
            return false;
        }

        /// <inheritdoc />
        public void Close(int socket)
        {
            int tcp = TcpSlot(socket);
            if (tcp >= 0)
            {
                _tcp.Close(tcp, _nowMs);
                return;
            }

            int udp = UdpSlot(socket);
            if (udp >= 0)
            {
                _udp.Close(udp);
            }
        }

        /// <inheritdoc />
        public int ResolveStart(string name, uint dns1, uint dns2, long nowMs)
        {
            _nowMs = nowMs;
            return _resolver.Start(name, dns1, dns2, nowMs);
        }

        /// <inheritdoc />
        public NetQueryResult ResolveResult(int query, long nowMs, out uint address)
        {
            _nowMs = nowMs;
            return _resolver.Result(query, nowMs, out address);
        }

        /// <inheritdoc />
        public void ResolveCancel(int query) => _resolver.Cancel(query);

        /// <inheritdoc />
        public int PingStart(uint address, int timeoutMs, long nowMs)
        {
            _nowMs = nowMs;
            return _icmp.PingStart(address, timeoutMs, nowMs);
        }

        /// <inheritdoc />
        public NetQueryResult PingResult(int query, long nowMs, out int roundTripMs)
        {
            _nowMs = nowMs;
            return _icmp.PingResult(query, nowMs, out roundTripMs);
        }

        /// <inheritdoc />
        public void PingCancel(int query) => _icmp.PingCancel(query);

        private static int TcpHandle(int slot) => slot < 0 ? -1 : slot + 1;

        private static int TcpSlot(int socket) => socket >= 1 && socket <= TcpSlots ? socket - 1 : -1;

        private static int UdpHandle(int slot) => slot < 0 ? -1 : TcpSlots + 1 + slot;

        private int UdpSlot(int socket)
        {
            int slot = socket - TcpSlots - 1;
            return slot >= 0 && slot < _udp.Slots ? slot : -1;
        }
    }
}
