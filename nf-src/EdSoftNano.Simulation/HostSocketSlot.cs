using System.Net;
using System.Net.Sockets;
using EdSoftNano.Ports;

namespace EdSoftNano.Simulation
{
    /// <summary>One handle of a <see cref="HostNetStack"/>: the OS socket and what the port's contract adds to it.</summary>
    internal sealed class HostSocketSlot
    {
        /// <summary>The largest UDP payload over IPv4: a received datagram is held whole and handed out in pieces.</summary>
        public const int MaxDatagram = 65507;

        public Socket Socket;
        public bool Udp;
        public SocketState State;
        public int Error;

        // The datagram being handed out, allocated on the slot's first UDP use and kept.
        public byte[] Datagram;
        public int DatagramOffset;
        public int DatagramCount;
        public uint DatagramAddress;
        public int DatagramPort;

        // The last SendTo destination, reused while it does not change.
        public IPEndPoint SendTarget;
        public EndPoint ReceivedFrom = new IPEndPoint(IPAddress.Any, 0);

        public void Reset()
        {
            Socket = null;
            Udp = false;
            State = SocketState.Free;
            Error = 0;
            DatagramOffset = 0;
            DatagramCount = 0;
            SendTarget = null;
        }

        public void Fail(int code)
        {
            State = SocketState.Failed;
            Error = code;
        }
    }
}
