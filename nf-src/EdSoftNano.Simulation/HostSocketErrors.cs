using System.Net.Sockets;
using EdSoftNano.At;

namespace EdSoftNano.Simulation
{
    /// <summary>The spec 9.2 code a host socket error stands for, by where it happened.</summary>
    public static class HostSocketErrors
    {
        /// <summary>A connect that did not succeed: refused (RST to the SYN), or nobody answered.</summary>
        public static int OfConnect(SocketError error)
        {
            switch (error)
            {
                case SocketError.TimedOut:
                case SocketError.HostUnreachable:
                case SocketError.NetworkUnreachable:
                case SocketError.HostDown:
                case SocketError.NetworkDown:
                    return ErrorCodes.NoResponseFromServer;
                default:
                    return ErrorCodes.OpenSessionFailed;
            }
        }

        /// <summary>An open connection that broke while sending or receiving.</summary>
        public static int OfTransfer(SocketError error, bool sending)
        {
            switch (error)
            {
                case SocketError.ConnectionReset:
                case SocketError.ConnectionAborted:
                case SocketError.Shutdown:
                case SocketError.NotConnected:
                    return ErrorCodes.TcpContextCancelled;
                case SocketError.TimedOut:
                    return ErrorCodes.NoResponseFromServer;
                default:
                    return sending ? ErrorCodes.DataSendFailed : ErrorCodes.TcpContextCancelled;
            }
        }

        /// <summary>A bind that failed (port in use, no permission): a local resource is unavailable.</summary>
        public static int OfBind(SocketError error) => ErrorCodes.InternalResourceUnavailable;
    }
}
