using EdSoftNano.Ip;
using EdSoftNano.Ports;

namespace EdSoftNano.Icmp
{
    /// <summary>
    /// ICMP (RFC 792, RFC 1122 3.2.2) for the host: answers echo requests (the peer can ping us),
    /// runs our own pings (<see cref="PingStart"/>), hands destination-unreachable and
    /// time-exceeded messages to the transport named in the quoted header, and sends the errors the
    /// IP layer and UDP ask for — never about an ICMP error, a broadcast, a non-first fragment, or
    /// to a source that is not one host, so no exchange of errors can feed itself.
    /// </summary>
    public sealed class IcmpLayer : IIpTransport, IIcmpErrors
    {
        /// <summary>ICMP header: type, code, checksum, and 4 bytes (echo: identifier and sequence).</summary>
        public const int HeaderLength = 8;

        /// <summary>Data bytes of our echo requests (as Windows' ping: 32).</summary>
        public const int PingDataLength = 32;

        /// <summary>Most of an offending datagram an error quotes: the largest IP header and 8 bytes (RFC 792).</summary>
        public const int MaxQuote = 60 + 8;

        /// <summary>Bytes of the buffer for our pings and errors: IP header, ICMP header and the larger of ping data and quote.</summary>
        public const int BufferLength = IpConstants.HeaderLength + HeaderLength + (MaxQuote > PingDataLength ? MaxQuote : PingDataLength);

        private const int Free = 0;
        private const int Waiting = 1;
        private const int Answered = 2;
        private const int Unanswered = 3;

        private readonly IpLayer _ip;
        private readonly byte[] _buffer;
        private readonly int _identifier;
        private readonly int[] _state;
        private readonly uint[] _address;
        private readonly int[] _sequence;
        private readonly long[] _sentMs;
        private readonly long[] _deadline;
        private readonly int[] _roundTrip;
        private int _nextSequence;

        /// <param name="ip">The IP layer this ICMP answers for; the constructor attaches itself to it.</param>
        /// <param name="buffer"><see cref="BufferLength"/> bytes for what this layer originates.</param>
        /// <param name="pingSlots">Pings that can wait for their reply at once.</param>
        /// <param name="identifier">Echo identifier of our pings (any 16-bit value; the owner passes a seed).</param>
        public IcmpLayer(IpLayer ip, byte[] buffer, int pingSlots, int identifier)
        {
            _ip = ip;
            _buffer = buffer;
            _identifier = identifier & 0xFFFF;
            _state = new int[pingSlots];
            _address = new uint[pingSlots];
            _sequence = new int[pingSlots];
            _sentMs = new long[pingSlots];
            _deadline = new long[pingSlots];
            _roundTrip = new int[pingSlots];
            ip.Attach(IpConstants.ProtocolIcmp, this);
            ip.SetErrorSender(this);
        }

        /// <summary>Echo requests we answered.</summary>
        public int EchoRepliesSent { get; private set; }

        /// <summary>ICMP errors we sent.</summary>
        public int ErrorsSent { get; private set; }

        /// <summary>Destination-unreachable and time-exceeded messages received and passed on.</summary>
        public int ErrorsReceived { get; private set; }

        /// <summary>Messages dropped: bad checksum, too short, or an echo we could not answer.</summary>
        public int Dropped { get; private set; }

        /// <summary>Sends one echo request; a query handle (1 and up), or -1 when no slot is free.</summary>
        public int PingStart(uint address, int timeoutMs, long nowMs)
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

            _nextSequence = (_nextSequence + 1) & 0xFFFF;
            _address[slot] = address;
            _sequence[slot] = _nextSequence;
            _sentMs[slot] = nowMs;
            _deadline[slot] = nowMs + (timeoutMs > 0 ? timeoutMs : 1);
            int icmp = IpConstants.HeaderLength;
            _buffer[icmp] = IcmpTypes.EchoRequest;
            _buffer[icmp + 1] = 0;
            IpHeader.Put16(_buffer, icmp + 2, 0);
            IpHeader.Put16(_buffer, icmp + 4, _identifier);
            IpHeader.Put16(_buffer, icmp + 6, _nextSequence);
            for (int i = 0; i < PingDataLength; i++)
            {
                // The classic pattern: 'a' .. 'w' repeating.
                _buffer[icmp + HeaderLength + i] = (byte)('a' + i % 23);
            }

            IpHeader.Put16(_buffer, icmp + 2, InternetChecksum.Compute(_buffer, icmp, HeaderLength + PingDataLength));
            _state[slot] = _ip.Send(IpConstants.ProtocolIcmp, address, _buffer, 0, HeaderLength + PingDataLength) ? Waiting : Unanswered;
            return slot + 1;
        }

        /// <summary>See <see cref="INetStack.PingResult"/>: a final answer releases the query.</summary>
        public NetQueryResult PingResult(int query, long nowMs, out int roundTripMs)
        {
            roundTripMs = 0;
            int slot = query - 1;
            if (slot < 0 || slot >= _state.Length || _state[slot] == Free)
            {
                return NetQueryResult.Failed;
            }

            if (_state[slot] == Waiting && nowMs - _deadline[slot] >= 0)
            {
                _state[slot] = Unanswered;
            }

            if (_state[slot] == Waiting)
            {
                return NetQueryResult.Pending;
            }

            bool answered = _state[slot] == Answered;
            roundTripMs = answered ? _roundTrip[slot] : 0;
            _state[slot] = Free;
            return answered ? NetQueryResult.Done : NetQueryResult.Failed;
        }

        /// <summary>Abandons a ping (idempotent); a late reply is ignored.</summary>
        public void PingCancel(int query)
        {
            int slot = query - 1;
            if (slot >= 0 && slot < _state.Length)
            {
                _state[slot] = Free;
            }
        }

        /// <summary>Every waiting ping fails (the link went down).</summary>
        public void FailAll()
        {
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] == Waiting)
                {
                    _state[i] = Unanswered;
                }
            }
        }

        /// <summary>When a waiting ping times out; long.MaxValue when none waits.</summary>
        public long NextDeadlineMs
        {
            get
            {
                long next = long.MaxValue;
                for (int i = 0; i < _state.Length; i++)
                {
                    if (_state[i] == Waiting && _deadline[i] < next)
                    {
                        next = _deadline[i];
                    }
                }

                return next;
            }
        }

        /// <inheritdoc />
        public void Receive(uint source, uint destination, byte[] buffer, int offset, int length, long nowMs)
        {
            if (length < HeaderLength || InternetChecksum.Compute(buffer, offset, length) != 0)
            {
                Dropped++;
                return;
            }

            int type = buffer[offset];
            switch (type)
            {
                case IcmpTypes.EchoRequest:
                    AnswerEcho(source, destination, buffer, offset, length);
                    break;
                case IcmpTypes.EchoReply:
                    TakeEchoReply(source, buffer, offset, nowMs);
                    break;
                case IcmpTypes.DestinationUnreachable:
                case IcmpTypes.TimeExceeded:
                    PassError(type, buffer[offset + 1], buffer, offset + HeaderLength, length - HeaderLength, nowMs);
                    break;
            }
        }

        /// <inheritdoc />
        public void Unreachable(int icmpType, int icmpCode, uint destination, byte[] original, int offset, int length, long nowMs)
        {
            // An error about an ICMP message we sent: only our pings care (PassError handles them).
        }

        /// <inheritdoc />
        public void SendError(int type, int code, byte[] datagram, int offset, int length)
        {
            if (_ip.LocalAddress == 0 || length < IpConstants.HeaderLength)
            {
                return;
            }

            int ihl = (datagram[offset] & 0x0F) * 4;
            uint source = IpHeader.Get32(datagram, offset + IpHeader.SourceOffset);
            uint destination = IpHeader.Get32(datagram, offset + IpHeader.DestinationOffset);
            int fragment = IpHeader.Get16(datagram, offset + IpHeader.FragmentOffset) & IpHeader.FragmentOffsetMask;
            bool aboutIcmpError = datagram[offset + IpHeader.ProtocolOffset] == IpConstants.ProtocolIcmp
                && (length <= ihl || IcmpTypes.IsError(datagram[offset + ihl]));
            if (aboutIcmpError || fragment != 0 || destination == IpHeader.Broadcast || !IsOneHost(source))
            {
                return;
            }

            int quote = ihl + 8;
            if (quote > length)
            {
                quote = length;
            }

            int icmp = IpConstants.HeaderLength;
            _buffer[icmp] = (byte)type;
            _buffer[icmp + 1] = (byte)code;
            IpHeader.Put16(_buffer, icmp + 2, 0);
            IpHeader.Put32(_buffer, icmp + 4, 0);
            System.Array.Copy(datagram, offset, _buffer, icmp + HeaderLength, quote);
            IpHeader.Put16(_buffer, icmp + 2, InternetChecksum.Compute(_buffer, icmp, HeaderLength + quote));
            if (_ip.Send(IpConstants.ProtocolIcmp, source, _buffer, 0, HeaderLength + quote))
            {
                ErrorsSent++;
            }
        }

        // The reply is written over the request, in the buffer the IP layer lent us: the request's own
        // IP header (at least 20 bytes) is the room our header needs, so no second MTU-sized buffer.
        private void AnswerEcho(uint source, uint destination, byte[] buffer, int offset, int length)
        {
            if (destination != _ip.LocalAddress || !IsOneHost(source) || offset < IpConstants.HeaderLength)
            {
                // Broadcast echo is not answered (RFC 1122 3.2.2.6 allows silence; no storms).
                return;
            }

            buffer[offset] = IcmpTypes.EchoReply;
            IpHeader.Put16(buffer, offset + 2, 0);
            IpHeader.Put16(buffer, offset + 2, InternetChecksum.Compute(buffer, offset, length));
            if (_ip.Send(IpConstants.ProtocolIcmp, source, buffer, offset - IpConstants.HeaderLength, length))
            {
                EchoRepliesSent++;
            }
            else
            {
                Dropped++;
            }
        }

        private void TakeEchoReply(uint source, byte[] buffer, int offset, long nowMs)
        {
            int identifier = IpHeader.Get16(buffer, offset + 4);
            int sequence = IpHeader.Get16(buffer, offset + 6);
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] == Waiting && identifier == _identifier && _sequence[i] == sequence && _address[i] == source)
                {
                    _state[i] = Answered;
                    _roundTrip[i] = (int)(nowMs - _sentMs[i]);
                    return;
                }
            }
        }

        // quote: the offending datagram's IP header and at least 8 bytes of what followed it.
        private void PassError(int type, int code, byte[] buffer, int quote, int length, long nowMs)
        {
            if (length < IpConstants.HeaderLength + 8 || (buffer[quote] >> 4) != 4)
            {
                Dropped++;
                return;
            }

            int ihl = (buffer[quote] & 0x0F) * 4;
            if (ihl < IpConstants.HeaderLength || length < ihl + 8 || IpHeader.Get32(buffer, quote + IpHeader.SourceOffset) != _ip.LocalAddress)
            {
                Dropped++;
                return;
            }

            ErrorsReceived++;
            int protocol = buffer[quote + IpHeader.ProtocolOffset];
            uint destination = IpHeader.Get32(buffer, quote + IpHeader.DestinationOffset);
            if (protocol == IpConstants.ProtocolIcmp)
            {
                FailPing(destination, buffer, quote + ihl);
                return;
            }

            IIpTransport transport = _ip.Transport(protocol);
            if (transport != null)
            {
                transport.Unreachable(type, code, destination, buffer, quote, length, nowMs);
            }
        }

        // Our echo request could not reach: its ping fails now rather than at its timeout.
        private void FailPing(uint destination, byte[] buffer, int icmp)
        {
            if (buffer[icmp] != IcmpTypes.EchoRequest || IpHeader.Get16(buffer, icmp + 4) != _identifier)
            {
                return;
            }

            int sequence = IpHeader.Get16(buffer, icmp + 6);
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] == Waiting && _sequence[i] == sequence && _address[i] == destination)
                {
                    _state[i] = Unanswered;
                }
            }
        }

        // Not 0.0.0.0, not broadcast, not multicast or class E (RFC 1122 3.2.2: no errors to them).
        private static bool IsOneHost(uint address)
        {
            return address != 0 && (address >> 28) < 0xE;
        }
    }
}
