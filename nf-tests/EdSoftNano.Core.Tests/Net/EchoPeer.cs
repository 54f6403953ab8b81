using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace EdSoftNano.Tests.Net
{
    /// <summary>A TCP echo server on 127.0.0.1 for one connection: sends back every byte, closes when its caller does.</summary>
    public sealed class EchoPeer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Thread _thread;

        public EchoPeer()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _thread = new Thread(Serve) { IsBackground = true };
            _thread.Start();
        }

        public int Port { get; }

        public long Echoed => Interlocked.Read(ref _echoed);

        private long _echoed;

        /// <summary>True once the caller closed and everything was echoed.</summary>
        public bool Finished => !_thread.IsAlive;

        public void Dispose() => _listener.Stop();

        private void Serve()
        {
            try
            {
                using TcpClient client = _listener.AcceptTcpClient();
                NetworkStream stream = client.GetStream();
                byte[] buffer = new byte[16384];
                int n;
                while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    stream.Write(buffer, 0, n);
                    Interlocked.Add(ref _echoed, n);
                }
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is System.IO.IOException)
            {
            }
        }
    }
}
