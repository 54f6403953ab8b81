using System.Net;
using System.Net.Sockets;
using EdSoftNano.Net;
using EdSoftNano.Ports;

namespace EdSoftNano.Device.Ports
{
    /// <summary>
    /// <see cref="INetStack"/> over nanoFramework's System.Net sockets (lwIP underneath), the network
    /// of a board with Wi-Fi or Ethernet. nanoFramework's sockets are all blocking (no Blocking
    /// property, no IOControl), so every call first asks what is ready now with Poll(0, …) and
    /// Available and only then reads or writes, in amounts that cannot wait:
    /// <list type="bullet">
    /// <item>TCP receive: Poll(0, SelectRead), then at most Available bytes; readable with nothing
    /// available is the peer's FIN (Receive returns 0) or a reset (Receive throws).</item>
    /// <item>TCP send: Poll(0, SelectWrite), then at most <see cref="SendChunk"/> bytes. lwIP reports
    /// a socket writable only while more than TCP_SNDLOWAT bytes of its send buffer are free, and its
    /// default low-water mark is at least 2 × TCP_MSS + 1 (1,073 bytes even for a 536-byte MSS), so
    /// such a write is taken at once. <see cref="SendTimeoutMs"/> bounds the main loop's wait if a
    /// target's lwIP is configured below that.</item>
    /// <item>Connect: on the <see cref="NanoConnector"/> thread (Connect blocks until it is done).</item>
    /// <item>Accept: Poll(0, SelectRead) on the listener first.</item>
    /// <item>UDP: datagrams are read whole into a buffer lent from a pool of
    /// <c>datagramBuffers</c> × <c>datagramSize</c> bytes, and handed out in pieces. A datagram
    /// larger than the buffer is lost (nanoFramework's ReceiveFrom throws after filling it).</item>
    /// </list>
    /// Host names go through the core's <see cref="DnsResolver"/> over these UDP sockets, to the
    /// DNS servers the firmware was given (not System.Net.Dns, which blocks and asks the
    /// interface's own servers). nanoFramework has no ICMP API (no Ping class; raw sockets are not
    /// part of its socket layer), so <see cref="PingStart"/> returns -1 and AT#PING answers an error.
    /// <para>
    /// Allocation: the handle table, the pool, the DNS buffer and one receive endpoint per handle
    /// are made here. What the runtime allocates itself cannot be avoided with its API: ReceiveFrom
    /// makes a new IPEndPoint per datagram and SendTo serializes the endpoint per datagram; a
    /// connected UDP socket (UdpConnect) and TCP allocate nothing per packet.
    /// </para>
    /// <para>
    /// Threads: everything runs on the main loop except the connect thread, which reads and writes
    /// a slot only under <c>_gate</c>.
    /// </para>
    /// </summary>
    public sealed class NanoNetStack : INetStack
    {
        /// <summary>Largest TCP write handed to a socket that polled writable (see the class remarks).</summary>
        public const int SendChunk = 1024;

        /// <summary>Safety bound on a Send that should not wait (lwIP's send buffer below its documented default).</summary>
        public const int SendTimeoutMs = 5000;

        /// <summary>Safety bound on a Receive that should not wait (it is only called on a readable socket).</summary>
        public const int ReceiveTimeoutMs = 500;

        private const int ListenBacklog = 2;

        // Bounds the datagrams one receive call skips (ICMP errors reported as exceptions, empty datagrams).
        private const int SkipLimit = 4;

        private readonly object _gate = new object();
        private readonly NanoSocketSlot[] _slots;
        private readonly NanoConnector _connector;
        private readonly byte[][] _datagrams;
        private readonly bool[] _datagramUsed;
        private readonly DnsResolver _resolver;
        private int _transfers;

        /// <param name="sockets">Handles in the table (each costs an lwIP socket while open).</param>
        /// <param name="datagramBuffers">UDP sockets that can be open at once (DNS queries included).</param>
        /// <param name="datagramSize">Largest UDP datagram received whole.</param>
        /// <param name="seed">Start of the DNS query ids (a clock reading will do).</param>
        public NanoNetStack(int sockets, int datagramBuffers, int datagramSize, int seed)
        {
            _slots = new NanoSocketSlot[sockets];
            for (int i = 0; i < sockets; i++)
            {
                _slots[i] = new NanoSocketSlot();
                _slots[i].ReceivedFrom = new IPEndPoint(IPAddress.Any, 0);
            }

            _datagrams = new byte[datagramBuffers][];
            _datagramUsed = new bool[datagramBuffers];
            for (int i = 0; i < datagramBuffers; i++)
            {
                _datagrams[i] = new byte[datagramSize];
            }

            _connector = new NanoConnector(_gate, _slots);
            _resolver = new DnsResolver(this, new byte[DnsMessage.MaxUdpLength], seed);
        }

        /// <summary>Our address on the board's interface, set by the bearer: reported for a socket bound to any address.</summary>
        public uint InterfaceAddress { get; set; }

        /// <summary>Counts calls that moved bytes; the bearer turns a change into LastActivityMs (PHYTIMEOUT).</summary>
        public int Transfers => _transfers;

        /// <summary>UDP opens refused because every datagram buffer was lent (the pool's failure count).</summary>
        public int DatagramBufferFailures { get; private set; }

        /// <summary>Datagrams lost because they were larger than a pool buffer.</summary>
        public int OversizeDatagrams { get; private set; }

        /// <summary>Connects the connect thread saw fail (refused, unreachable, closed while under way).</summary>
        public int ConnectFailures => _connector.Failures;

        /// <summary>Handles in use (tests check that nothing leaks).</summary>
        public int SocketsInUse
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _slots.Length; i++)
                {
                    n += _slots[i].State == SocketState.Free ? 0 : 1;
                }

                return n;
            }
        }

        public int TcpConnect(uint address, int port)
        {
            int handle = Allocate();
            if (handle < 0)
            {
                return -1;
            }

            NanoSocketSlot slot = _slots[handle - 1];
            if (!NewTcp(slot))
            {
                return handle;
            }

            lock (_gate)
            {
                slot.ConnectTo = NanoAddress.ToEndPoint(address, port);
                slot.ConnectOutcome = NanoSocketSlot.ConnectPending;
                slot.State = SocketState.Connecting;
            }

            if (!_connector.Request(handle - 1))
            {
                slot.Fail(NanoSocketErrors.OfOpen());
            }

            return handle;
        }

        public int TcpListen(int localPort)
        {
            int handle = Allocate();
            if (handle < 0)
            {
                return -1;
            }

            NanoSocketSlot slot = _slots[handle - 1];
            if (!NewTcp(slot))
            {
                return handle;
            }

            slot.State = SocketState.Listening;
            try
            {
                slot.Socket.Bind(new IPEndPoint(IPAddress.Any, localPort));
                slot.Socket.Listen(ListenBacklog);
            }
            catch (SocketException)
            {
                slot.Fail(NanoSocketErrors.OfOpen());
            }

            return handle;
        }

        public int Accept(int listener)
        {
            NanoSocketSlot slot = Find(listener);
            if (slot == null || slot.State != SocketState.Listening)
            {
                return -1;
            }

            int handle = -1;
            try
            {
                if (!slot.Socket.Poll(0, SelectMode.SelectRead))
                {
                    return 0;
                }

                handle = Allocate();
                if (handle < 0)
                {
                    // No handle free: the caller waits in lwIP's backlog.
                    return 0;
                }

                NanoSocketSlot accepted = _slots[handle - 1];
                accepted.Socket = slot.Socket.Accept();
                Tune(accepted.Socket, true);
                accepted.State = SocketState.Open;
                return handle;
            }
            catch (SocketException)
            {
                // The caller gave up between the poll and the accept; the listener carries on.
                if (handle > 0)
                {
                    Close(handle);
                }

                return 0;
            }
        }

        public int UdpOpen(int localPort) => OpenUdp(localPort, 0, 0);

        public int UdpConnect(uint address, int port) => OpenUdp(0, address, port);

        public int Send(int socket, byte[] buffer, int offset, int count)
        {
            NanoSocketSlot slot = Ready(socket);
            if (slot == null)
            {
                return -1;
            }

            if (slot.State == SocketState.Connecting || count <= 0)
            {
                return 0;
            }

            if (slot.Udp)
            {
                return SendDatagram(slot, buffer, offset, count, null);
            }

            try
            {
                if (!slot.Socket.Poll(0, SelectMode.SelectWrite))
                {
                    return 0;
                }

                int n = slot.Socket.Send(buffer, offset, count < SendChunk ? count : SendChunk, SocketFlags.None);
                if (n > 0)
                {
                    _transfers++;
                }

                return n;
            }
            catch (SocketException e)
            {
                slot.Fail(NanoSocketErrors.OfTransfer(e.ErrorCode, true));
                return -1;
            }
        }

        public int Receive(int socket, byte[] buffer, int offset, int count)
        {
            NanoSocketSlot slot = Find(socket);
            if (slot == null)
            {
                return -1;
            }

            uint address;
            int port;
            return slot.Udp ? ReceiveDatagram(slot, buffer, offset, count, out address, out port) : ReceiveStream(slot, buffer, offset, count);
        }

        public int SendTo(int socket, byte[] buffer, int offset, int count, uint address, int port)
        {
            NanoSocketSlot slot = Ready(socket);
            if (slot == null || !slot.Udp)
            {
                return -1;
            }

            if (slot.SendTarget == null || slot.SendTargetAddress != address || slot.SendTargetPort != port)
            {
                slot.SendTarget = NanoAddress.ToEndPoint(address, port);
                slot.SendTargetAddress = address;
                slot.SendTargetPort = port;
            }

            return SendDatagram(slot, buffer, offset, count, slot.SendTarget);
        }

        public int ReceiveFrom(int socket, byte[] buffer, int offset, int count, out uint address, out int port)
        {
            address = 0;
            port = 0;
            NanoSocketSlot slot = Find(socket);
            if (slot == null)
            {
                return -1;
            }

            if (slot.Udp)
            {
                return ReceiveDatagram(slot, buffer, offset, count, out address, out port);
            }

            int n = ReceiveStream(slot, buffer, offset, count);
            if (n > 0)
            {
                GetRemote(socket, out address, out port);
            }

            return n;
        }

        public SocketState State(int socket)
        {
            NanoSocketSlot slot = Find(socket);
            if (slot == null)
            {
                return SocketState.Free;
            }

            Progress(slot);
            return slot.State;
        }

        public int Error(int socket)
        {
            NanoSocketSlot slot = Find(socket);
            return slot == null ? 0 : slot.Error;
        }

        public bool GetLocal(int socket, out uint address, out int port)
        {
            bool known = Endpoint(Find(socket), true, out address, out port);
            if (known && address == 0)
            {
                // Bound to any address (a listener): the interface's is the one a peer reaches.
                address = InterfaceAddress;
            }

            return known;
        }

        public bool GetRemote(int socket, out uint address, out int port)
        {
            NanoSocketSlot slot = Find(socket);
            if (slot != null && slot.ConnectedUdp)
            {
                address = slot.PeerAddress;
                port = slot.PeerPort;
                return true;
            }

            return Endpoint(slot, false, out address, out port);
        }

        public void Close(int socket)
        {
            NanoSocketSlot slot = Find(socket);
            if (slot == null)
            {
                return;
            }

            lock (_gate)
            {
                // Without linger lwIP still delivers what was queued, then sends FIN. A connect under
                // way on the connect thread ends with an exception and its result is dropped (Generation).
                CloseSocket(slot.Socket);
                ReleaseDatagram(slot);
                slot.Reset();
            }
        }

        /// <summary>Closes every socket and abandons every query (the bearer went down).</summary>
        public void CloseAll()
        {
            for (int i = 1; i <= _slots.Length; i++)
            {
                Close(i);
            }

            for (int i = 1; i <= DnsResolver.Slots; i++)
            {
                _resolver.Cancel(i);
            }
        }

        public int ResolveStart(string name, uint dns1, uint dns2, long nowMs) => _resolver.Start(name, dns1, dns2, nowMs);

        public NetQueryResult ResolveResult(int query, long nowMs, out uint address) => _resolver.Result(query, nowMs, out address);

        public void ResolveCancel(int query) => _resolver.Cancel(query);

        /// <summary>nanoFramework has no ICMP API: no query can start (AT#PING answers an error).</summary>
        public int PingStart(uint address, int timeoutMs, long nowMs) => -1;

        public NetQueryResult PingResult(int query, long nowMs, out int roundTripMs)
        {
            roundTripMs = 0;
            return NetQueryResult.Failed;
        }

        public void PingCancel(int query)
        {
        }

        // ---- sockets ----

        private bool NewTcp(NanoSocketSlot slot)
        {
            try
            {
                slot.Socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                Tune(slot.Socket, true);
                return true;
            }
            catch (SocketException)
            {
                // lwIP has no socket left.
                slot.Fail(NanoSocketErrors.OfOpen());
                return false;
            }
        }

        private static void Tune(Socket socket, bool tcp)
        {
            socket.SendTimeout = SendTimeoutMs;
            socket.ReceiveTimeout = ReceiveTimeoutMs;
            if (tcp)
            {
                // No Nagle: the pump already batches by TCPTXDELAY, and a frame it hands over should leave.
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true);
            }
        }

        private int OpenUdp(int localPort, uint peer, int peerPort)
        {
            int handle = Allocate();
            if (handle < 0)
            {
                return -1;
            }

            NanoSocketSlot slot = _slots[handle - 1];
            int buffer = LendDatagram();
            if (buffer < 0)
            {
                DatagramBufferFailures++;
                lock (_gate)
                {
                    slot.Reset();
                }

                return -1;
            }

            slot.Udp = true;
            slot.DatagramBuffer = buffer;
            slot.Datagram = _datagrams[buffer];
            slot.State = SocketState.Open;
            try
            {
                slot.Socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                Tune(slot.Socket, false);

                // Bound in every case: nanoFramework's ReceiveFrom refuses a socket that is neither bound nor connected.
                slot.Socket.Bind(new IPEndPoint(IPAddress.Any, localPort));
                if (peerPort != 0)
                {
                    // A connected UDP socket: lwIP drops datagrams from anyone else.
                    slot.Socket.Connect(NanoAddress.ToEndPoint(peer, peerPort));
                    slot.ConnectedUdp = true;
                    slot.PeerAddress = peer;
                    slot.PeerPort = peerPort;
                }
            }
            catch (SocketException)
            {
                slot.Fail(NanoSocketErrors.OfOpen());
            }

            return handle;
        }

        private int SendDatagram(NanoSocketSlot slot, byte[] buffer, int offset, int count, IPEndPoint target)
        {
            if (slot.State == SocketState.Failed)
            {
                return -1;
            }

            try
            {
                if (!slot.Socket.Poll(0, SelectMode.SelectWrite))
                {
                    return 0;
                }

                int n = target == null
                    ? slot.Socket.Send(buffer, offset, count, SocketFlags.None)
                    : slot.Socket.SendTo(buffer, offset, count, SocketFlags.None, target);
                if (n != count)
                {
                    return 0;
                }

                _transfers++;
                return n;
            }
            catch (SocketException e)
            {
                if (NanoSocketErrors.IsTransientDatagram(e.ErrorCode))
                {
                    // No buffer now, or an ICMP error for an earlier datagram: this one was not sent, UDP carries on.
                    return 0;
                }

                slot.Fail(NanoSocketErrors.OfTransfer(e.ErrorCode, true));
                return -1;
            }
        }

        private int ReceiveDatagram(NanoSocketSlot slot, byte[] buffer, int offset, int count, out uint address, out int port)
        {
            address = 0;
            port = 0;
            if (slot.State == SocketState.Failed)
            {
                return -1;
            }

            if (slot.DatagramCount == 0 && !ReadDatagram(slot))
            {
                return slot.State == SocketState.Failed ? -1 : 0;
            }

            int n = count < slot.DatagramCount ? count : slot.DatagramCount;
            System.Array.Copy(slot.Datagram, slot.DatagramOffset, buffer, offset, n);
            slot.DatagramOffset += n;
            slot.DatagramCount -= n;
            address = slot.DatagramAddress;
            port = slot.DatagramPort;
            return n;
        }

        // Takes the next non-empty datagram into the slot's buffer; false when none is waiting.
        private bool ReadDatagram(NanoSocketSlot slot)
        {
            for (int skipped = 0; skipped < SkipLimit; skipped++)
            {
                int n;
                try
                {
                    if (!slot.Socket.Poll(0, SelectMode.SelectRead))
                    {
                        return false;
                    }

                    n = slot.ConnectedUdp
                        ? slot.Socket.Receive(slot.Datagram, 0, slot.Datagram.Length, SocketFlags.None)
                        : slot.Socket.ReceiveFrom(slot.Datagram, 0, slot.Datagram.Length, SocketFlags.None, ref slot.ReceivedFrom);
                }
                catch (SocketException e)
                {
                    if (e.ErrorCode == (int)SocketError.MessageSize)
                    {
                        OversizeDatagrams++;
                    }

                    if (NanoSocketErrors.IsTransientDatagram(e.ErrorCode))
                    {
                        // An oversize datagram (lost) or an ICMP error for an earlier send: not data, UDP carries on.
                        continue;
                    }

                    slot.Fail(NanoSocketErrors.OfTransfer(e.ErrorCode, false));
                    return false;
                }

                if (n <= 0)
                {
                    continue;
                }

                slot.DatagramOffset = 0;
                slot.DatagramCount = n;
                if (slot.ConnectedUdp)
                {
                    slot.DatagramAddress = slot.PeerAddress;
                    slot.DatagramPort = slot.PeerPort;
                }
                else
                {
                    Sender(slot);
                }

                _transfers++;
                return true;
            }

            return false;
        }

        // Decodes ReceiveFrom's endpoint, unless it is the same sender as last time (the common case: one server).
        private static void Sender(NanoSocketSlot slot)
        {
            EndPoint from = slot.ReceivedFrom;
            if (slot.LastFrom == null || !slot.LastFrom.Equals(from))
            {
                IPEndPoint ip = from as IPEndPoint;
                slot.LastFromAddress = ip == null ? 0 : NanoAddress.ToUint(ip.Address);
                slot.LastFromPort = ip == null ? 0 : ip.Port;
                slot.LastFrom = from;
            }

            slot.DatagramAddress = slot.LastFromAddress;
            slot.DatagramPort = slot.LastFromPort;
        }

        private int ReceiveStream(NanoSocketSlot slot, byte[] buffer, int offset, int count)
        {
            Progress(slot);
            if (slot.State == SocketState.Ended || slot.State == SocketState.Failed || slot.State == SocketState.Listening)
            {
                return -1;
            }

            if (slot.State == SocketState.Connecting || count <= 0)
            {
                return 0;
            }

            try
            {
                if (!slot.Socket.Poll(0, SelectMode.SelectRead))
                {
                    return 0;
                }

                // Readable with nothing available: the FIN (Receive returns 0 at once) or a reset (it throws).
                int available = slot.Socket.Available;
                int n = slot.Socket.Receive(buffer, offset, available > 0 && available < count ? available : count, SocketFlags.None);
                if (n == 0)
                {
                    // FIN: every byte before it has been read.
                    slot.State = SocketState.Ended;
                    return -1;
                }

                _transfers++;
                return n;
            }
            catch (SocketException e)
            {
                if (e.ErrorCode == (int)SocketError.TimedOut)
                {
                    // The safety bound fired: nothing could be read after all.
                    return 0;
                }

                slot.Fail(NanoSocketErrors.OfTransfer(e.ErrorCode, false));
                return -1;
            }
        }

        // A connect on the connect thread finishes there; its outcome is taken here, on the main loop.
        private void Progress(NanoSocketSlot slot)
        {
            if (slot.State != SocketState.Connecting)
            {
                return;
            }

            lock (_gate)
            {
                if (slot.ConnectOutcome == NanoSocketSlot.ConnectDone)
                {
                    slot.State = SocketState.Open;
                }
                else if (slot.ConnectOutcome == NanoSocketSlot.ConnectFailed)
                {
                    slot.Fail(NanoSocketErrors.OfConnect(slot.ConnectError));
                }
            }
        }

        // The slot of a socket that may move data, connect progress made; null when it cannot (Send then returns -1).
        private NanoSocketSlot Ready(int socket)
        {
            NanoSocketSlot slot = Find(socket);
            if (slot == null)
            {
                return null;
            }

            Progress(slot);
            return slot.State == SocketState.Open || slot.State == SocketState.Ended || slot.State == SocketState.Connecting ? slot : null;
        }

        private static bool Endpoint(NanoSocketSlot slot, bool local, out uint address, out int port)
        {
            address = 0;
            port = 0;
            if (slot == null || slot.Socket == null || slot.State == SocketState.Connecting)
            {
                return false;
            }

            try
            {
                IPEndPoint endpoint = (local ? slot.Socket.LocalEndPoint : slot.Socket.RemoteEndPoint) as IPEndPoint;
                if (endpoint == null)
                {
                    return false;
                }

                address = NanoAddress.ToUint(endpoint.Address);
                port = endpoint.Port;
                return true;
            }
            catch (SocketException)
            {
                // Not connected (yet, or any more): no peer to report.
                return false;
            }
        }

        private int LendDatagram()
        {
            for (int i = 0; i < _datagramUsed.Length; i++)
            {
                if (!_datagramUsed[i])
                {
                    _datagramUsed[i] = true;
                    return i;
                }
            }

            return -1;
        }

        private void ReleaseDatagram(NanoSocketSlot slot)
        {
            if (slot.DatagramBuffer >= 0)
            {
                _datagramUsed[slot.DatagramBuffer] = false;
            }
        }

        private static void CloseSocket(Socket socket)
        {
            if (socket == null)
            {
                return;
            }

            try
            {
                socket.Close();
            }
            catch (SocketException)
            {
                // Already gone in lwIP: nothing left to free.
            }
        }

        // A free handle, marked taken (Connecting, no socket yet) until its opener sets its state; -1 when the table is full.
        private int Allocate()
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].State == SocketState.Free)
                {
                    NanoSocketSlot slot = _slots[i];
                    lock (_gate)
                    {
                        slot.Reset();
                        slot.State = SocketState.Connecting;
                    }

                    return i + 1;
                }
            }

            return -1;
        }

        private NanoSocketSlot Find(int socket)
        {
            if (socket < 1 || socket > _slots.Length)
            {
                return null;
            }

            NanoSocketSlot slot = _slots[socket - 1];
            return slot.State == SocketState.Free ? null : slot;
        }
    }
}
