using System;
using System.Net;
using System.Net.Sockets;
using EdSoftNano.Ports;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>
    /// The host port on 127.0.0.1:PORT, one host connection at a time. Like a board on a serial
    /// line, the device keeps running between connections: when the host goes away its output
    /// is dropped and the next connection finds the device as it was.
    /// </summary>
    public sealed class TcpHostLink : IByteLink, IDisposable
    {
        private readonly TcpListener _listener;
        private Socket _client;

        public TcpHostLink(int port)
        {
            _listener = new TcpListener(IPAddress.Loopback, port);
            _listener.Start(1);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
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

                int n = _client.Receive(buffer, offset, count, SocketFlags.None);
                if (n == 0)
                {
                    DropClient();
                }

                return n;
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

            try
            {
                _client.Send(buffer, offset, count, SocketFlags.None);
            }
            catch (SocketException)
            {
                DropClient();
            }
        }

        public void Dispose()
        {
            DropClient();
            _listener.Stop();
        }

        private void DropClient()
        {
            _client?.Dispose();
            _client = null;
        }
    }
}
