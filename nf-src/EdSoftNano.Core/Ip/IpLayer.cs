using EdSoftNano.Ppp;

namespace EdSoftNano.Ip
{
    /// <summary>
    /// IPv4 for one point-to-point link (RFC 791, RFC 1122 3.2.1 as a host): checks each received
    /// datagram, joins fragments, hands payloads to the transport of their protocol, and puts our
    /// header in front of what the transports send.
    /// <para>
    /// Input: version 4, IHL of at least 5 (options are skipped, never interpreted), a total length
    /// within what arrived, the header checksum, a TTL above 0, and a destination that is our address
    /// or 255.255.255.255; anything else is dropped and counted in <see cref="Counters"/>. A protocol
    /// nobody registered is answered with ICMP protocol unreachable.
    /// </para>
    /// <para>
    /// Output: a 20-byte header with TTL 64, an identification counter and DF set. We never fragment
    /// what we send: a transport keeps within <see cref="Mtu"/> (TCP through its MSS, UDP refuses a
    /// larger datagram). Everything runs on the caller's thread; time is passed in.
    /// </para>
    /// </summary>
    public sealed class IpLayer : IPppIpInput, IIpOutput
    {
        private readonly IIpLink _link;
        private readonly Reassembly _reassembly;
        private readonly IpCounters _counters = new IpCounters();
        private IIpTransport _icmp;
        private IIpTransport _udp;
        private IIpTransport _tcp;
        private IIcmpErrors _errors;
        private uint _local;
        private uint _peer;
        private int _identification;

        // The datagram being delivered, so that a transport can have it rejected (RejectCurrent).
        private byte[] _current;
        private int _currentOffset;
        private int _currentLength;

        /// <param name="link">Where datagrams go (PPP, a TUN device in tests).</param>
        /// <param name="reassemblySlots">Fragmented datagrams joined at once.</param>
        /// <param name="reassemblyBytes">Largest datagram joined from fragments, header included (our MRU).</param>
        /// <param name="seed">Start of the identification counter.</param>
        public IpLayer(IIpLink link, int reassemblySlots, int reassemblyBytes, uint seed)
        {
            _link = link;
            _reassembly = new Reassembly(reassemblySlots, reassemblyBytes);
            _identification = (int)(seed & 0xFFFF);
        }

        /// <summary>Drop reasons and traffic counts.</summary>
        public IpCounters Counters => _counters;

        /// <summary>The fragment reassembly (tests read how many are under way).</summary>
        public Reassembly Reassembly => _reassembly;

        /// <inheritdoc />
        public uint LocalAddress => _local;

        /// <summary>The peer's address (IPCP), 0 while the link is down.</summary>
        public uint PeerAddress => _peer;

        /// <inheritdoc />
        public int Mtu => _link.Mtu;

        /// <summary>Registers the transport of <paramref name="protocol"/> (ICMP, UDP or TCP).</summary>
        public void Attach(int protocol, IIpTransport transport)
        {
            switch (protocol)
            {
                case IpConstants.ProtocolIcmp: _icmp = transport; break;
                case IpConstants.ProtocolUdp: _udp = transport; break;
                case IpConstants.ProtocolTcp: _tcp = transport; break;
                default: throw new System.ArgumentOutOfRangeException("protocol");
            }
        }

        /// <summary>Who sends the ICMP errors (the ICMP layer).</summary>
        public void SetErrorSender(IIcmpErrors errors)
        {
            _errors = errors;
        }

        /// <summary>The transport registered for <paramref name="protocol"/>, or null (ICMP hands errors on with it).</summary>
        public IIpTransport Transport(int protocol)
        {
            switch (protocol)
            {
                case IpConstants.ProtocolIcmp: return _icmp;
                case IpConstants.ProtocolUdp: return _udp;
                case IpConstants.ProtocolTcp: return _tcp;
                default: return null;
            }
        }

        /// <summary>The link is up with these addresses (IPCP opened).</summary>
        public void LinkUp(uint localAddress, uint peerAddress)
        {
            _local = localAddress;
            _peer = peerAddress;
            _reassembly.Clear();
        }

        /// <summary>The link is gone: nothing more is accepted or sent; fragments under way are dropped.</summary>
        public void LinkDown()
        {
            _local = 0;
            _peer = 0;
            _reassembly.Clear();
        }

        /// <inheritdoc />
        public void Receive(long nowMs, byte[] packet, int offset, int count)
        {
            _counters.Increment(IpCounters.Received);
            if (_local == 0)
            {
                _counters.Increment(IpDrop.LinkDown);
                return;
            }

            IpHeader header;
            int drop = IpHeader.TryParse(packet, offset, count, out header);
            if (drop == IpDrop.None && header.Destination != _local && header.Destination != IpHeader.Broadcast)
            {
                drop = IpDrop.NotForUs;
            }

            if (drop == IpDrop.None && header.Ttl == 0)
            {
                drop = IpDrop.TtlExpired;
            }

            if (drop != IpDrop.None)
            {
                _counters.Increment(drop);
                return;
            }

            if (!header.IsFragment)
            {
                Deliver(ref header, packet, offset, offset + header.HeaderLength, header.PayloadLength, nowMs);
                return;
            }

            _counters.Increment(IpCounters.Fragments);
            int completed;
            int result = _reassembly.Add(ref header, packet, offset, nowMs, out completed);
            if (result == Reassembly.Duplicate)
            {
                _counters.Increment(IpCounters.FragmentDuplicates);
                return;
            }

            if (result != IpDrop.None)
            {
                _counters.Increment(result);
                return;
            }

            if (completed >= 0)
            {
                _counters.Increment(IpCounters.Reassembled);
                byte[] buffer = _reassembly.Buffer;
                int h = _reassembly.HeaderOffset(completed);
                header.HeaderLength = IpConstants.HeaderLength;
                header.TotalLength = IpConstants.HeaderLength + _reassembly.PayloadLength(completed);
                header.MoreFragments = false;
                header.FragmentByteOffset = 0;
                Deliver(ref header, buffer, h, h + IpConstants.HeaderLength, _reassembly.PayloadLength(completed), nowMs);
                _reassembly.Release(completed);
            }
        }

        /// <inheritdoc />
        public bool Send(int protocol, uint destination, byte[] buffer, int offset, int transportLength)
        {
            int total = IpConstants.HeaderLength + transportLength;
            if (_local == 0 || total > _link.Mtu)
            {
                _counters.Increment(IpCounters.SendFailed);
                return false;
            }

            _identification = (_identification + 1) & 0xFFFF;
            IpHeader.Emit(buffer, offset, total, _identification, IpConstants.DefaultTtl, protocol, _local, destination);
            if (!_link.SendDatagram(buffer, offset, total))
            {
                _counters.Increment(IpCounters.SendFailed);
                return false;
            }

            _counters.Increment(IpCounters.Sent);
            return true;
        }

        /// <summary>
        /// Called by a transport from inside its Receive: answers the datagram being delivered with
        /// ICMP destination unreachable <paramref name="code"/> (UDP: port unreachable).
        /// </summary>
        public void RejectCurrent(int code)
        {
            if (_current != null && _errors != null)
            {
                _errors.SendError(IcmpTypes.DestinationUnreachable, code, _current, _currentOffset, _currentLength);
            }
        }

        /// <summary>Times out reassemblies (ICMP time exceeded to the sender when the first fragment had come).</summary>
        public void Poll(long nowMs)
        {
            int slot;
            while ((slot = _reassembly.Expired(nowMs)) >= 0)
            {
                _counters.Increment(IpDrop.ReassemblyTimeout);
                if (_reassembly.HasFirstFragment(slot) && _errors != null && _local != 0)
                {
                    // RFC 792: code 1, fragment reassembly time exceeded; the quote is the first fragment's header and 8 bytes.
                    int h = _reassembly.HeaderOffset(slot);
                    _errors.SendError(IcmpTypes.TimeExceeded, IcmpTypes.CodeReassemblyTimeExceeded, _reassembly.Buffer, h, IpConstants.HeaderLength + 8);
                }

                _reassembly.Release(slot);
            }
        }

        /// <summary>When <see cref="Poll"/> must run for a reassembly timeout; long.MaxValue when none is under way.</summary>
        public long NextDeadlineMs => _reassembly.NextDeadlineMs;

        private void Deliver(ref IpHeader header, byte[] buffer, int headerOffset, int payloadOffset, int payloadLength, long nowMs)
        {
            IIpTransport transport = Transport(header.Protocol);
            _current = buffer;
            _currentOffset = headerOffset;
            _currentLength = header.HeaderLength + payloadLength;
            if (transport == null)
            {
                _counters.Increment(IpDrop.UnknownProtocol);
                if (header.Destination != IpHeader.Broadcast)
                {
                    RejectCurrent(IcmpTypes.CodeProtocolUnreachable);
                }
            }
            else
            {
                _counters.Increment(IpCounters.Delivered);
                transport.Receive(header.Source, header.Destination, buffer, payloadOffset, payloadLength, nowMs);
            }

            _current = null;
        }
    }
}
