using System.Net;
using System.Net.Sockets;
using EdSoftNano.Ports;

namespace EdSoftNano.Device.Ports
{
    /// <summary>One handle of a <see cref="NanoNetStack"/>: the nanoFramework socket and what the port's contract adds to it.</summary>
    internal sealed class NanoSocketSlot
    {
        /// <summary>How a connect handed to the <see cref="NanoConnector"/> ended (written by its thread, under the stack's lock).</summary>
        public const int ConnectPending = 0;
        public const int ConnectDone = 1;
        public const int ConnectFailed = 2;

        public Socket Socket;
        public bool Udp;

        /// <summary>A UDP socket with one peer (UdpConnect): read with Receive, which allocates no endpoint.</summary>
        public bool ConnectedUdp;
        public SocketState State;
        public int Error;

        /// <summary>Bumped whenever the handle is let go, so that a connect finishing late cannot touch its successor.</summary>
        public int Generation;

        public IPEndPoint ConnectTo;
        public int ConnectOutcome;
        public int ConnectError;

        // UDP: the datagram being handed out, in a buffer lent by the stack's pool while the socket is open.
        public byte[] Datagram;
        public int DatagramBuffer = -1;
        public int DatagramOffset;
        public int DatagramCount;
        public uint DatagramAddress;
        public int DatagramPort;
        public uint PeerAddress;
        public int PeerPort;

        // The last SendTo destination, reused while it does not change.
        public IPEndPoint SendTarget;
        public uint SendTargetAddress;
        public int SendTargetPort;

        // ReceiveFrom's endpoint (the runtime replaces it by a new one per datagram) and the last sender decoded.
        public EndPoint ReceivedFrom;
        public EndPoint LastFrom;
        public uint LastFromAddress;
        public int LastFromPort;

        public void Reset()
        {
            Socket = null;
            Udp = false;
            ConnectedUdp = false;
            State = SocketState.Free;
            Error = 0;
            Generation++;
            ConnectTo = null;
            ConnectOutcome = ConnectPending;
            ConnectError = 0;
            Datagram = null;
            DatagramBuffer = -1;
            DatagramOffset = 0;
            DatagramCount = 0;
            PeerAddress = 0;
            PeerPort = 0;
            SendTarget = null;
            LastFrom = null;
        }

        public void Fail(int code)
        {
            State = SocketState.Failed;
            Error = code;
        }
    }
}
