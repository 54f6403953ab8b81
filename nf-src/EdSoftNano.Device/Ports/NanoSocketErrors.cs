using System.Net.Sockets;
using EdSoftNano.At;

namespace EdSoftNano.Device.Ports
{
    /// <summary>
    /// The spec 9.2 code a nanoFramework socket error stands for, by where it happened. nanoFramework
    /// has no SocketException.SocketErrorCode: <see cref="SocketException.ErrorCode"/> is an int,
    /// the Winsock number of <see cref="SocketError"/> when the runtime threw it, while SO_ERROR read
    /// after a connect (GetSocketOption) can hold lwIP's errno; both spellings are mapped.
    /// </summary>
    internal static class NanoSocketErrors
    {
        // lwIP errno values (lwip/errno.h) for the failures that mean "nobody answered".
        private const int LwipNetDown = 100;
        private const int LwipNetUnreachable = 101;
        private const int LwipConnectionAborted = 103;
        private const int LwipConnectionReset = 104;
        private const int LwipNotConnected = 107;
        private const int LwipTimedOut = 110;
        private const int LwipHostDown = 112;
        private const int LwipHostUnreachable = 113;

        /// <summary>A connect that did not succeed: refused (RST to the SYN), or nobody answered.</summary>
        public static int OfConnect(int error)
        {
            if (error == (int)SocketError.TimedOut || error == (int)SocketError.HostUnreachable
                || error == (int)SocketError.NetworkUnreachable || error == (int)SocketError.HostDown
                || error == (int)SocketError.NetworkDown || error == LwipTimedOut || error == LwipHostUnreachable
                || error == LwipNetUnreachable || error == LwipHostDown || error == LwipNetDown)
            {
                return ErrorCodes.NoResponseFromServer;
            }

            return ErrorCodes.OpenSessionFailed;
        }

        /// <summary>An open connection that broke while sending or receiving.</summary>
        public static int OfTransfer(int error, bool sending)
        {
            if (error == (int)SocketError.ConnectionReset || error == (int)SocketError.ConnectionAborted
                || error == (int)SocketError.Shutdown || error == (int)SocketError.NotConnected
                || error == LwipConnectionReset || error == LwipConnectionAborted || error == LwipNotConnected)
            {
                return ErrorCodes.TcpContextCancelled;
            }

            if (error == (int)SocketError.TimedOut || error == LwipTimedOut)
            {
                return ErrorCodes.NoResponseFromServer;
            }

            return sending ? ErrorCodes.DataSendFailed : ErrorCodes.TcpContextCancelled;
        }

        /// <summary>A socket that could not be made or bound (no socket left in lwIP, port in use).</summary>
        public static int OfOpen() => ErrorCodes.InternalResourceUnavailable;

        /// <summary>A datagram send that may succeed later: the stack has no buffer now, or an ICMP error for an earlier one.</summary>
        public static bool IsTransientDatagram(int error)
            => error == (int)SocketError.WouldBlock || error == (int)SocketError.NoBufferSpaceAvailable
                || error == (int)SocketError.ConnectionRefused || error == (int)SocketError.ConnectionReset
                || error == (int)SocketError.MessageSize || error == (int)SocketError.TryAgain;
    }
}
