using System;
using System.Net;
using System.Net.Sockets;
using EdSoftNano.Net;
using EdSoftNano.Ports;

namespace EdSoftNano.Simulation
{
    /// <summary>
    /// <see cref="INetStack"/> over this machine's sockets (System.Net.Sockets), the network of the
    /// virtual device. Every socket is non-blocking and is only ever asked what is ready now
    /// (Poll with a zero wait), so the main loop never waits on it. Host names are resolved by
    /// the core's <see cref="DnsResolver"/> over these UDP sockets, with real queries to
    /// DNSSERV1/DNSSERV2 — not System.Net.Dns, which blocks and asks the host's resolver instead of
    /// the servers the firmware was given, and which the managed stack could not share.
    /// </summary>
    public sealed class HostNetStack : INetStack
    {
        public const int DefaultSockets = 8;
        public const int PingSlots = 2;
        private const int ListenBacklog = 4;

        private readonly HostSocketSlot[] _slots;
        private readonly DnsResolver _resolver;
        private readonly HostPinger _pinger = new HostPinger(PingSlots);

        public HostNetStack(int sockets = DefaultSockets)
        {
            _slots = new HostSocketSlot[sockets];
            for (int i = 0; i < sockets; i++)
            {
                _slots[i] = new HostSocketSlot();
            }

            _resolver = new DnsResolver(this, new byte[DnsMessage.MaxUdpLength], Environment.TickCount);
        }

        /// <summary>The UDP port DNS queries go to (53; tests use a responder on a free port).</summary>
        public int DnsServerPort
        {
            get => _resolver.ServerPort;
            set => _resolver.ServerPort = value;
        }

        /// <summary>Handles in use (tests check that nothing leaks).</summary>
        public int SocketsInUse
        {
            get
            {
                int n = 0;
                foreach (HostSocketSlot slot in _slots)
                {
                    n += slot.State == SocketState.Free ? 0 : 1;
                }

                return n;
            }
        }

        public int TcpConnect(uint address, int port)
        {
            int handle = Allocate(out HostSocketSlot slot);
            if (handle < 0)
            {
                return -1;
            }

            Socket socket = NewTcpSocket();
            slot.Socket = socket;
            slot.State = SocketState.Connecting;
            try
            {
                socket.Connect(new IPEndPoint(HostAddress.ToIPAddress(address), port));
                slot.State = SocketState.Open;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock || e.SocketErrorCode == SocketError.InProgress)
            {
                // Under way: State() sees it finish.
            }
            catch (SocketException e)
            {
                slot.Fail(HostSocketErrors.OfConnect(e.SocketErrorCode));
            }

            return handle;
        }

        public int TcpListen(int localPort)
        {
            int handle = Allocate(out HostSocketSlot slot);
            if (handle < 0)
            {
                return -1;
            }

            slot.Socket = NewTcpSocket();
            slot.State = SocketState.Listening;
            try
            {
                slot.Socket.Bind(new IPEndPoint(IPAddress.Any, localPort));
                slot.Socket.Listen(ListenBacklog);
            }
            catch (SocketException e)
            {
                slot.Fail(HostSocketErrors.OfBind(e.SocketErrorCode));
            }

            return handle;
        }

        public int Accept(int listener)
        {
            HostSocketSlot slot = Find(listener);
            if (slot == null || slot.State != SocketState.Listening)
            {
                return -1;
            }

            if (!slot.Socket.Poll(0, SelectMode.SelectRead))
            {
                return 0;
            }

            int handle = Allocate(out HostSocketSlot accepted);
            if (handle < 0)
            {
                return 0;
            }

            try
            {
                accepted.Socket = slot.Socket.Accept();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock || e.SocketErrorCode == SocketError.ConnectionAborted)
            {
                // The caller gave up between the poll and the accept.
                return 0;
            }

            accepted.Socket.Blocking = false;
            accepted.Socket.NoDelay = true;
            accepted.State = SocketState.Open;
            return handle;
        }

        public int UdpOpen(int localPort) => OpenUdp(localPort, null);

        public int UdpConnect(uint address, int port) => OpenUdp(0, new IPEndPoint(HostAddress.ToIPAddress(address), port));

        public int Send(int socket, byte[] buffer, int offset, int count)
        {
            HostSocketSlot slot = Ready(socket);
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

            int n = slot.Socket.Send(buffer, offset, count, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                return n;
            }

            if (error == SocketError.WouldBlock)
            {
                return 0;
            }

            slot.Fail(HostSocketErrors.OfTransfer(error, sending: true));
            return -1;
        }

        public int Receive(int socket, byte[] buffer, int offset, int count)
        {
            HostSocketSlot slot = Find(socket);
            if (slot == null)
            {
                return -1;
            }

            return slot.Udp ? ReceiveDatagram(slot, buffer, offset, count, out _, out _) : ReceiveStream(slot, buffer, offset, count);
        }

        public int SendTo(int socket, byte[] buffer, int offset, int count, uint address, int port)
        {
            HostSocketSlot slot = Ready(socket);
            if (slot == null || !slot.Udp)
            {
                return -1;
            }

            IPEndPoint target = slot.SendTarget;
            if (target == null || HostAddress.ToUint(target.Address) != address || target.Port != port)
            {
                target = slot.SendTarget = new IPEndPoint(HostAddress.ToIPAddress(address), port);
            }

            return SendDatagram(slot, buffer, offset, count, target);
        }

        public int ReceiveFrom(int socket, byte[] buffer, int offset, int count, out uint address, out int port)
        {
            address = 0;
            port = 0;
            HostSocketSlot slot = Find(socket);
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
            HostSocketSlot slot = Find(socket);
            if (slot == null)
            {
                return SocketState.Free;
            }

            Progress(slot);
            return slot.State;
        }

        public int Error(int socket)
        {
            HostSocketSlot slot = Find(socket);
            return slot == null ? 0 : slot.Error;
        }

        public bool GetLocal(int socket, out uint address, out int port)
            => Endpoint(Find(socket), local: true, out address, out port);

        public bool GetRemote(int socket, out uint address, out int port)
            => Endpoint(Find(socket), local: false, out address, out port);

        public void Close(int socket)
        {
            HostSocketSlot slot = Find(socket);
            if (slot == null)
            {
                return;
            }

            // Without linger the OS still delivers what was queued, then sends FIN.
            slot.Socket?.Close();
            slot.Reset();
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

            _pinger.CancelAll();
        }

        public int ResolveStart(string name, uint dns1, uint dns2, long nowMs) => _resolver.Start(name, dns1, dns2, nowMs);

        public NetQueryResult ResolveResult(int query, long nowMs, out uint address) => _resolver.Result(query, nowMs, out address);

        public void ResolveCancel(int query) => _resolver.Cancel(query);

        public int PingStart(uint address, int timeoutMs, long nowMs) => _pinger.Start(address, timeoutMs);

        public NetQueryResult PingResult(int query, long nowMs, out int roundTripMs) => _pinger.Result(query, out roundTripMs);

        public void PingCancel(int query) => _pinger.Cancel(query);

        // ---- sockets ----

        private static Socket NewTcpSocket()
        {
            // No Nagle: the pump already batches by TCPTXDELAY, and a frame it hands over should leave.
            return new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false, NoDelay = true };
        }

        private int OpenUdp(int localPort, IPEndPoint peer)
        {
            int handle = Allocate(out HostSocketSlot slot);
            if (handle < 0)
            {
                return -1;
            }

            slot.Socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
            slot.Udp = true;
            slot.Datagram ??= new byte[HostSocketSlot.MaxDatagram];
            slot.State = SocketState.Open;
            try
            {
                slot.Socket.Bind(new IPEndPoint(IPAddress.Any, localPort));
                if (peer != null)
                {
                    // A connected UDP socket: the OS drops datagrams from anyone else.
                    slot.Socket.Connect(peer);
                }
            }
            catch (SocketException e)
            {
                slot.Fail(HostSocketErrors.OfBind(e.SocketErrorCode));
            }

            return handle;
        }

        private int SendDatagram(HostSocketSlot slot, byte[] buffer, int offset, int count, IPEndPoint target)
        {
            try
            {
                int n = target == null
                    ? slot.Socket.Send(buffer, offset, count, SocketFlags.None)
                    : slot.Socket.SendTo(buffer, offset, count, SocketFlags.None, target);
                return n == count ? n : 0;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock || e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
            {
                return 0;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // An ICMP port unreachable for an earlier datagram: UDP carries on, this one was not sent.
                return 0;
            }
            catch (SocketException e)
            {
                slot.Fail(HostSocketErrors.OfTransfer(e.SocketErrorCode, sending: true));
                return -1;
            }
        }

        private int ReceiveDatagram(HostSocketSlot slot, byte[] buffer, int offset, int count, out uint address, out int port)
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

            int n = Math.Min(count, slot.DatagramCount);
            Array.Copy(slot.Datagram, slot.DatagramOffset, buffer, offset, n);
            slot.DatagramOffset += n;
            slot.DatagramCount -= n;
            address = slot.DatagramAddress;
            port = slot.DatagramPort;
            return n;
        }

        private static int ReceiveStream(HostSocketSlot slot, byte[] buffer, int offset, int count)
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

            int n = slot.Socket.Receive(buffer, offset, count, SocketFlags.None, out SocketError error);
            if (error == SocketError.WouldBlock)
            {
                return 0;
            }

            if (error != SocketError.Success)
            {
                slot.Fail(HostSocketErrors.OfTransfer(error, sending: false));
                return -1;
            }

            if (n == 0)
            {
                // FIN: every byte before it has been read.
                slot.State = SocketState.Ended;
                return -1;
            }

            return n;
        }

        // Takes the next non-empty datagram from the OS into the slot; false when none is waiting.
        private static bool ReadDatagram(HostSocketSlot slot)
        {
            while (slot.Socket.Poll(0, SelectMode.SelectRead))
            {
                int n;
                try
                {
                    n = slot.Socket.ReceiveFrom(slot.Datagram, 0, slot.Datagram.Length, SocketFlags.None, ref slot.ReceivedFrom);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused
                    || e.SocketErrorCode == SocketError.ConnectionReset || e.SocketErrorCode == SocketError.WouldBlock)
                {
                    // An ICMP error for an earlier send, reported here: not a datagram, UDP carries on.
                    continue;
                }
                catch (SocketException e)
                {
                    slot.Fail(HostSocketErrors.OfTransfer(e.SocketErrorCode, sending: false));
                    return false;
                }

                if (n > 0)
                {
                    var from = (IPEndPoint)slot.ReceivedFrom;
                    slot.DatagramOffset = 0;
                    slot.DatagramCount = n;
                    slot.DatagramAddress = HostAddress.ToUint(from.Address);
                    slot.DatagramPort = from.Port;
                    return true;
                }
            }

            return false;
        }

        // A connect under way finishes when the socket turns writable; SO_ERROR says how (and is cleared by reading it).
        private static void Progress(HostSocketSlot slot)
        {
            if (slot.State != SocketState.Connecting)
            {
                return;
            }

            if (!slot.Socket.Poll(0, SelectMode.SelectWrite) && !slot.Socket.Poll(0, SelectMode.SelectError))
            {
                return;
            }

            var error = (SocketError)(int)slot.Socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error);
            if (error == SocketError.Success)
            {
                slot.State = SocketState.Open;
            }
            else
            {
                slot.Fail(HostSocketErrors.OfConnect(error));
            }
        }

        // The slot of a socket that may move data: connect progress made; null when it cannot (Send/Receive then return -1).
        private HostSocketSlot Ready(int socket)
        {
            HostSocketSlot slot = Find(socket);
            if (slot == null)
            {
                return null;
            }

            Progress(slot);
            return slot.State == SocketState.Open || slot.State == SocketState.Ended || slot.State == SocketState.Connecting ? slot : null;
        }

        private static bool Endpoint(HostSocketSlot slot, bool local, out uint address, out int port)
        {
            address = 0;
            port = 0;
            if (slot == null || slot.Socket == null)
            {
                return false;
            }

            try
            {
                if ((local ? slot.Socket.LocalEndPoint : slot.Socket.RemoteEndPoint) is IPEndPoint endpoint)
                {
                    address = HostAddress.ToUint(endpoint.Address);
                    port = endpoint.Port;
                    return true;
                }
            }
            catch (SocketException)
            {
                // Not connected (yet, or any more): no peer to report.
            }

            return false;
        }

        private int Allocate(out HostSocketSlot slot)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].State == SocketState.Free)
                {
                    slot = _slots[i];
                    slot.Reset();
                    return i + 1;
                }
            }

            slot = null;
            return -1;
        }

        private HostSocketSlot Find(int socket)
        {
            if (socket < 1 || socket > _slots.Length)
            {
                return null;
            }

            HostSocketSlot slot = _slots[socket - 1];
            return slot.State == SocketState.Free ? null : slot;
        }
    }
}
