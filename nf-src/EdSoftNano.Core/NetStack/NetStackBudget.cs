using EdSoftNano.Icmp;
using EdSoftNano.Net;
using EdSoftNano.Ppp;
using EdSoftNano.Tcp;

namespace EdSoftNano.NetStack
{
    /// <summary>
    /// Every buffer of the managed IP stack (<see cref="ManagedNetStack"/>), part of the firmware's
    /// budget beside App/Budget and Session/PppBudget. All are allocated once, in the stack's
    /// constructor; the sizes fit a PPP link with the default 1500-byte MRU.
    /// </summary>
    public static class NetStackBudget
    {
        /// <summary>Largest datagram we receive or send, header included: PPP's default MRU.</summary>
        public const int Datagram = LcpOption.DefaultMru;

        /// <summary>Fragmented datagrams joined at once, each in a buffer of <see cref="Datagram"/> bytes.</summary>
        public const int ReassemblySlots = 2;

        /// <summary>TCP connections and listeners (handles 1..TcpSlots), as the TCP layer's budget says why.</summary>
        public const int TcpSlots = TcpBudget.Slots;

        /// <summary>Per TCP connection: bytes queued to send, unacknowledged included.</summary>
        public const int TcpSendBuffer = TcpBudget.SendBufferBytes;

        /// <summary>Per TCP connection: received bytes not yet read (the window we offer).</summary>
        public const int TcpReceiveBuffer = TcpBudget.ReceiveBufferBytes;

        /// <summary>UDP sockets (handles TcpSlots+1..TcpSlots+UdpSlots): the UDP service and two DNS queries, one spare.</summary>
        public const int UdpSlots = 4;

        /// <summary>Per UDP socket: the receive queue, room for one 1460-byte datagram (App/Budget.DataFrame) and its record.</summary>
        public const int UdpRing = 1536;

        /// <summary>UDP's one send buffer: the IP and UDP headers and the largest datagram.</summary>
        public const int UdpSend = Datagram;

        /// <summary>ICMP's buffer for our pings and the errors we send.</summary>
        public const int IcmpBuffer = IcmpLayer.BufferLength;

        /// <summary>Pings waiting for their reply at once.</summary>
        public const int PingSlots = 2;

        /// <summary>DNS query and response work buffer (shared by the resolver's slots).</summary>
        public const int DnsBuffer = DnsMessage.MaxUdpLength;

        /// <summary>The TCP layer's buffers: send and receive per slot and its one segment buffer.</summary>
        public const int Tcp = TcpBudget.Total;

        /// <summary>Sum of the buffers above, in bytes.</summary>
        public const int Total = ReassemblySlots * Datagram + Tcp + UdpSlots * UdpRing + UdpSend + IcmpBuffer + DnsBuffer;
    }
}
