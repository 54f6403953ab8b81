using System;
using EdSoftNano.At;
using EdSoftNano.Ip;
using EdSoftNano.Ports;

namespace EdSoftNano.Udp
{
    /// <summary>
    /// UDP (RFC 768) sockets in a fixed table of slots 0..Slots-1. A bound socket exchanges datagrams
    /// with anyone (SendTo / ReceiveFrom); a connected one sends to its peer and takes only the
    /// peer's datagrams. Each socket queues what it receives in its own preallocated ring of
    /// records (source address, port, length, data); a full ring drops the new datagram. A datagram
    /// for a port nobody holds is answered with ICMP port unreachable.
    /// <para>
    /// An ICMP port unreachable about what a connected socket sent does not fail it: as with the
    /// host's sockets (HostNetStack), the next Send reports 0 (not sent) once and the socket
    /// carries on; <see cref="Refusals"/> counts them.
    /// </para>
    /// </summary>
    public sealed class UdpLayer : IIpTransport
    {
        /// <summary>Bytes in front of each queued datagram: address (4), port (2), length (2).</summary>
        public const int RecordHeader = 8;

        /// <summary>The range ephemeral ports are taken from (RFC 6335 dynamic ports).</summary>
        public const int EphemeralFirst = 49152;
        public const int EphemeralLast = 65535;

        private const int Free = 0;
        private const int Opened = 1;
        private const int Failed = 2;

        private readonly IpLayer _ip;
        private readonly byte[] _tx;
        private readonly byte[] _ring;
        private readonly int _ringBytes;
        private readonly int[] _state;
        private readonly int[] _error;
        private readonly int[] _localPort;
        private readonly uint[] _remoteAddress;
        private readonly int[] _remotePort;
        private readonly int[] _head;
        private readonly int[] _used;
        private readonly int[] _readOffset;
        private readonly bool[] _refusedPending;
        private readonly int[] _refusals;
        private int _nextEphemeral;

        /// <param name="ip">The IP layer; the constructor attaches itself to it.</param>
        /// <param name="slots">Sockets that can be open at once.</param>
        /// <param name="ringBytes">Receive queue per socket (records of <see cref="RecordHeader"/> + data).</param>
        /// <param name="tx">Send buffer: IP and UDP headers and the largest datagram we send (the MTU).</param>
        /// <param name="seed">Where the ephemeral ports start.</param>
        public UdpLayer(IpLayer ip, int slots, int ringBytes, byte[] tx, uint seed)
        {
            _ip = ip;
            _tx = tx;
            _ringBytes = ringBytes;
            _ring = new byte[slots * ringBytes];
            _state = new int[slots];
            _error = new int[slots];
            _localPort = new int[slots];
            _remoteAddress = new uint[slots];
            _remotePort = new int[slots];
            _head = new int[slots];
            _used = new int[slots];
            _readOffset = new int[slots];
            _refusedPending = new bool[slots];
            _refusals = new int[slots];
            _nextEphemeral = EphemeralFirst + (int)(seed % (uint)(EphemeralLast - EphemeralFirst + 1));
            ip.Attach(IpConstants.ProtocolUdp, this);
        }

        /// <summary>Number of socket slots.</summary>
        public int Slots => _state.Length;

        /// <summary>Datagrams received but dropped: bad header or checksum, or a full receive queue.</summary>
        public int Dropped { get; private set; }

        /// <summary>Datagrams to a port nobody holds (answered with ICMP port unreachable).</summary>
        public int NoPort { get; private set; }

        /// <summary>
        /// Opens a socket on <paramref name="localPort"/> (0: an ephemeral port), connected to
        /// <paramref name="remoteAddress"/>:<paramref name="remotePort"/> unless the address is 0.
        /// The slot, or -1 when the table is full; a port already held gives a Failed slot (36872).
        /// </summary>
        public int Open(int localPort, uint remoteAddress, int remotePort)
        {
            int slot = 0;
            while (slot < _state.Length && _state[slot] != Free)
            {
                slot++;
            }

            if (slot == _state.Length)
            {
                return -1;
            }

            _state[slot] = Opened;
            _error[slot] = 0;
            _remoteAddress[slot] = remoteAddress;
            _remotePort[slot] = remotePort;
            _head[slot] = 0;
            _used[slot] = 0;
            _readOffset[slot] = 0;
            _refusedPending[slot] = false;
            _refusals[slot] = 0;
            _localPort[slot] = 0;
            if (localPort == 0)
            {
                localPort = EphemeralPort();
            }
            else if (PortInUse(localPort))
            {
                _state[slot] = Failed;
                _error[slot] = ErrorCodes.InternalResourceUnavailable;
                return slot;
            }

            _localPort[slot] = localPort;
            return slot;
        }

        /// <summary>Frees the slot (idempotent); queued datagrams are discarded.</summary>
        public void Close(int slot)
        {
            if (Valid(slot))
            {
                _state[slot] = Free;
            }
        }

        /// <summary>Every open socket fails with <paramref name="error"/> (the link went down).</summary>
        public void FailAll(int error)
        {
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] == Opened)
                {
                    _state[i] = Failed;
                    _error[i] = error;
                }
            }
        }

        /// <summary>Free, Open or Failed.</summary>
        public SocketState State(int slot)
        {
            if (!Valid(slot) || _state[slot] == Free)
            {
                return SocketState.Free;
            }

            return _state[slot] == Opened ? SocketState.Open : SocketState.Failed;
        }

        /// <summary>The spec 9.2 code of a failed socket, else 0.</summary>
        public int Error(int slot) => Valid(slot) && _state[slot] != Free ? _error[slot] : 0;

        /// <summary>ICMP port unreachables received about this socket's datagrams.</summary>
        public int Refusals(int slot) => Valid(slot) ? _refusals[slot] : 0;

        /// <summary>Our address and port; false for a free slot.</summary>
        public bool GetLocal(int slot, out uint address, out int port)
        {
            bool used = Valid(slot) && _state[slot] != Free;
            address = used ? _ip.LocalAddress : 0;
            port = used ? _localPort[slot] : 0;
            return used;
        }

        /// <summary>The peer of a connected socket; false when there is none.</summary>
        public bool GetRemote(int slot, out uint address, out int port)
        {
            bool connected = Valid(slot) && _state[slot] != Free && _remoteAddress[slot] != 0;
            address = connected ? _remoteAddress[slot] : 0;
            port = connected ? _remotePort[slot] : 0;
            return connected;
        }

        /// <summary>Sends one datagram to the connected peer (see <see cref="SendTo"/>).</summary>
        public int Send(int slot, byte[] buffer, int offset, int count)
        {
            if (!Valid(slot) || _state[slot] != Opened || _remoteAddress[slot] == 0)
            {
                return -1;
            }

            if (_refusedPending[slot])
            {
                // The peer's port was closed for an earlier datagram: reported once, as the host's sockets do.
                _refusedPending[slot] = false;
                return 0;
            }

            return SendTo(slot, buffer, offset, count, _remoteAddress[slot], _remotePort[slot]);
        }

        /// <summary>
        /// Sends one datagram, all or nothing: <paramref name="count"/>, 0 when the link cannot take
        /// it now, -1 when the socket failed. A datagram longer than the link's MTU allows (we never
        /// fragment) fails the socket with 38017.
        /// </summary>
        public int SendTo(int slot, byte[] buffer, int offset, int count, uint address, int port)
        {
            if (!Valid(slot) || _state[slot] != Opened)
            {
                return -1;
            }

            int room = (_tx.Length < _ip.Mtu ? _tx.Length : _ip.Mtu) - IpConstants.HeaderLength - UdpHeader.Length;
            if (count > room || count < 0)
            {
                _state[slot] = Failed;
                _error[slot] = ErrorCodes.DataSendFailed;
                return -1;
            }

            int udp = IpConstants.HeaderLength;
            Array.Copy(buffer, offset, _tx, udp + UdpHeader.Length, count);
            UdpHeader.Emit(_tx, udp, _localPort[slot], port, count, _ip.LocalAddress, address);
            return _ip.Send(IpConstants.ProtocolUdp, address, _tx, 0, UdpHeader.Length + count) ? count : 0;
        }

        /// <summary>
        /// Copies the next queued datagram (or the rest of it) to buffer: the count, 0 when none is
        /// waiting, -1 when the socket failed. A datagram longer than <paramref name="count"/> is
        /// handed out over several calls, each reporting the same sender.
        /// </summary>
        public int ReceiveFrom(int slot, byte[] buffer, int offset, int count, out uint address, out int port)
        {
            address = 0;
            port = 0;
            if (!Valid(slot) || _state[slot] != Opened)
            {
                return -1;
            }

            if (_used[slot] == 0 || count <= 0)
            {
                return 0;
            }

            int head = _head[slot];
            address = (RingByte(slot, head) << 24) | (RingByte(slot, head + 1) << 16) | (RingByte(slot, head + 2) << 8) | RingByte(slot, head + 3);
            port = (int)((RingByte(slot, head + 4) << 8) | RingByte(slot, head + 5));
            int length = (int)((RingByte(slot, head + 6) << 8) | RingByte(slot, head + 7));
            int left = length - _readOffset[slot];
            int n = count < left ? count : left;
            CopyOut(slot, head + RecordHeader + _readOffset[slot], buffer, offset, n);
            _readOffset[slot] += n;
            if (_readOffset[slot] == length)
            {
                _readOffset[slot] = 0;
                _head[slot] = (head + RecordHeader + length) % _ringBytes;
                _used[slot] -= RecordHeader + length;
            }

            return n;
        }

        /// <inheritdoc />
        public void Receive(uint source, uint destination, byte[] buffer, int offset, int length, long nowMs)
        {
            int udpLength = UdpHeader.Check(buffer, offset, length, source, destination);
            if (udpLength < 0)
            {
                Dropped++;
                return;
            }

            int sourcePort = IpHeader.Get16(buffer, offset + UdpHeader.SourcePortOffset);
            int destinationPort = IpHeader.Get16(buffer, offset + UdpHeader.DestinationPortOffset);
            int slot = Match(source, sourcePort, destinationPort);
            if (slot < 0)
            {
                NoPort++;
                if (destination != IpHeader.Broadcast)
                {
                    _ip.RejectCurrent(IcmpTypes.CodePortUnreachable);
                }

                return;
            }

            int data = udpLength - UdpHeader.Length;
            if (_used[slot] + RecordHeader + data > _ringBytes)
            {
                Dropped++;
                return;
            }

            int tail = (_head[slot] + _used[slot]) % _ringBytes;
            SetRingByte(slot, tail, (byte)(source >> 24));
            SetRingByte(slot, tail + 1, (byte)(source >> 16));
            SetRingByte(slot, tail + 2, (byte)(source >> 8));
            SetRingByte(slot, tail + 3, (byte)source);
            SetRingByte(slot, tail + 4, (byte)(sourcePort >> 8));
            SetRingByte(slot, tail + 5, (byte)sourcePort);
            SetRingByte(slot, tail + 6, (byte)(data >> 8));
            SetRingByte(slot, tail + 7, (byte)data);
            CopyIn(slot, tail + RecordHeader, buffer, offset + UdpHeader.Length, data);
            _used[slot] += RecordHeader + data;
        }

        /// <inheritdoc />
        public void Unreachable(int icmpType, int icmpCode, uint destination, byte[] original, int offset, int length, long nowMs)
        {
            int udp = offset + (original[offset] & 0x0F) * 4;
            int localPort = IpHeader.Get16(original, udp + UdpHeader.SourcePortOffset);
            int remotePort = IpHeader.Get16(original, udp + UdpHeader.DestinationPortOffset);
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] == Opened && _localPort[i] == localPort && _remoteAddress[i] == destination && _remotePort[i] == remotePort)
                {
                    _refusals[i]++;
                    _refusedPending[i] = icmpType == IcmpTypes.DestinationUnreachable;
                }
            }
        }

        // A connected socket of that peer first, then a bound socket of the port.
        private int Match(uint source, int sourcePort, int destinationPort)
        {
            int bound = -1;
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] != Opened || _localPort[i] != destinationPort)
                {
                    continue;
                }

                if (_remoteAddress[i] == 0)
                {
                    bound = i;
                }
                else if (_remoteAddress[i] == source && _remotePort[i] == sourcePort)
                {
                    return i;
                }
            }

            return bound;
        }

        private bool PortInUse(int port)
        {
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] != Free && _localPort[i] == port)
                {
                    return true;
                }
            }

            return false;
        }

        private int EphemeralPort()
        {
            while (true)
            {
                int port = _nextEphemeral;
                _nextEphemeral = port == EphemeralLast ? EphemeralFirst : port + 1;
                if (!PortInUse(port))
                {
                    return port;
                }
            }
        }

        private bool Valid(int slot) => slot >= 0 && slot < _state.Length;

        private uint RingByte(int slot, int position) => _ring[slot * _ringBytes + position % _ringBytes];

        private void SetRingByte(int slot, int position, byte value)
        {
            _ring[slot * _ringBytes + position % _ringBytes] = value;
        }

        // Copies into the slot's ring at position (mod ring size): at most two block copies.
        private void CopyIn(int slot, int position, byte[] source, int offset, int count)
        {
            position %= _ringBytes;
            int first = _ringBytes - position < count ? _ringBytes - position : count;
            int baseIndex = slot * _ringBytes;
            Array.Copy(source, offset, _ring, baseIndex + position, first);
            Array.Copy(source, offset + first, _ring, baseIndex, count - first);
        }

        private void CopyOut(int slot, int position, byte[] target, int offset, int count)
        {
            position %= _ringBytes;
            int first = _ringBytes - position < count ? _ringBytes - position : count;
            int baseIndex = slot * _ringBytes;
            Array.Copy(_ring, baseIndex + position, target, offset, first);
            Array.Copy(_ring, baseIndex, target, offset + first, count - first);
        }
    }
}
