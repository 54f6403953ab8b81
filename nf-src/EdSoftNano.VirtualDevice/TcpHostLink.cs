using System;
using System.Net;
using System.Net.Sockets;
using EdSoftNano.Ports;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>
    /// The host port on 127.0.0.1:PORT, one host connection at a time. Like a board on a serial
    /// line, the device keeps running between connections: when the host goes away its output
    /// is dropped and the next connection finds the device as it was. Like a UART driver's receive
    /// buffer, the socket is read in blocks of up to <see cref="ReceiveBlock"/> bytes and the
    /// firmware's small reads are served from that block: one system call per block, not per read.
    /// Writes are gathered the same way and sent by <see cref="Flush"/> (the main loop calls it
    /// after every step, and a read that may wait sends them first): the host gets everything a
    /// step wrote in one send, in the order it was written.
    /// </summary>
    public sealed class TcpHostLink : IByteLink, IDisposable
    {
        /// <summary>Size of the receive block (the OS socket is read this much at a time).</summary>
        public const int ReceiveBlock = 65536;

        private readonly TcpListener _listener;
        private readonly byte[] _received = new byte[ReceiveBlock];
        private readonly byte[] _toSend = new byte[ReceiveBlock];
        private int _toSendCount;
        private int _receivedOffset;
        private int _receivedCount;
        private Socket _client;

        public TcpHostLink(int port)
        {
            _listener = new TcpListener(IPAddress.Loopback, port);
            _listener.Start(1);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>Bytes read from and written to host connections so far (the main loop's progress test).</summary>
        public long BytesMoved { get; private set; }

        /// <summary>
        /// Waits at most <paramref name="timeoutMs"/> for host input (or a host to connect); true when
        /// there is some. For the main loop's idle wait while a data session runs.
        /// </summary>
        public bool WaitReadable(int timeoutMs)
        {
            if (_receivedCount > 0)
            {
                return true;
            }

            try
            {
                Socket socket = _client ?? _listener.Server;
                return socket.Poll(timeoutMs * 1000, SelectMode.SelectRead);
            }
            catch (SocketException)
            {
                DropClient();
                return false;
            }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_receivedCount > 0)
            {
                int n = count < _receivedCount ? count : _receivedCount;
                Array.Copy(_received, _receivedOffset, buffer, offset, n);
                _receivedOffset += n;
                _receivedCount -= n;
                return n;
            }

            if (timeoutMs > 0)
            {
                Flush();
            }

            if (_client == null)
            {
                if (!_listener.Server.Poll(timeoutMs * 1000, SelectMode.SelectRead))
                {
                    return 0;
                }

                _client = _listener.AcceptSocket();
                _client.NoDelay = true;
                return 0;
            }

            try
            {
                if (!_client.Poll(timeoutMs * 1000, SelectMode.SelectRead))
                {
                    return 0;
                }

                int got = _client.Receive(_received, 0, _received.Length, SocketFlags.None);
                if (got == 0)
                {
                    DropClient();
                    return 0;
                }

                BytesMoved += got;
                _receivedOffset = 0;
                _receivedCount = got;
                return Read(buffer, offset, count, 0);
            }
            catch (SocketException)
            {
                DropClient();
                return 0;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (_client == null)
            {
                return;
            }

            if (count > _toSend.Length - _toSendCount)
            {
                Flush();
                if (count >= _toSend.Length)
                {
                    Send(buffer, offset, count);
                    return;
                }
            }

            Array.Copy(buffer, offset, _toSend, _toSendCount, count);
            _toSendCount += count;
        }

        /// <summary>Sends what <see cref="Write"/> gathered (blocking, like a UART write).</summary>
        public void Flush()
        {
            if (_toSendCount > 0)
            {
                int count = _toSendCount;
                _toSendCount = 0;
                Send(_toSend, 0, count);
            }
        }

        public void Dispose()
        {
            Flush();
            DropClient();
            _listener.Stop();
        }

        private void Send(byte[] buffer, int offset, int count)
        {
            if (_client == null)
            {
                return;
            }

            try
            {
                _client.Send(buffer, offset, count, SocketFlags.None);
                BytesMoved += count;
            }
            catch (SocketException)
            {
                DropClient();
            }
        }

        private void DropClient()
        {
            _toSendCount = 0;
            _client?.Dispose();
            _client = null;
            _receivedOffset = 0;
            _receivedCount = 0;
        }
    }
}
