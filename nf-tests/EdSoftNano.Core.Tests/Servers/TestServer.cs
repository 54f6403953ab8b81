using System;
using System.Net;
using System.Net.Sockets;

namespace EdSoftNano.Tests.Servers
{
    /// <summary>One server of <see cref="TestServers"/>: where it listens and its other settings.</summary>
    public sealed class TestServer
    {
        /// <summary>How long a test waits for a server's answer before failing.</summary>
        public const int TimeoutMs = 5000;

        private readonly Func<string, string> _setting;

        internal TestServer(string name, string host, int port, Func<string, string> setting)
        {
            Name = name;
            Host = host;
            Port = port;
            _setting = setting;
        }

        /// <summary>What it is, for messages ("the FTP server (vsftpd)").</summary>
        public string Name { get; }

        /// <summary>Its address, 127.0.0.1.</summary>
        public string Host { get; }

        /// <summary>Its port (UDP and TCP for DNS).</summary>
        public int Port { get; }

        /// <summary>Host and port together.</summary>
        public IPEndPoint EndPoint => new IPEndPoint(IPAddress.Parse(Host), Port);

        /// <summary>The account name (FTP, POP3, SMTP).</summary>
        public string User => Setting("USER");

        /// <summary>The account's password (FTP, POP3, SMTP).</summary>
        public string Password => Setting("PASSWORD");

        /// <summary>EDSOFT_&lt;server&gt;_<paramref name="key"/> from servers.env; throws when missing.</summary>
        public string Setting(string key) => _setting(key);

        /// <summary>A connected TCP socket with <see cref="TimeoutMs"/> on both directions; a server that does
        /// not answer gives an <see cref="InvalidOperationException"/> naming it.</summary>
        public Socket ConnectTcp() => ConnectTcp(Port);

        /// <summary>As <see cref="ConnectTcp()"/>, to another port of the same host (an FTP data port).</summary>
        public Socket ConnectTcp(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
            {
                ReceiveTimeout = TimeoutMs,
                SendTimeout = TimeoutMs,
                NoDelay = true,
            };
            try
            {
                socket.Connect(new IPEndPoint(IPAddress.Parse(Host), port));
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new InvalidOperationException(
                    Name + " does not answer on " + Host + ":" + port + " (" + e.SocketErrorCode + "); " + TestServers.StartHint, e);
            }

            return socket;
        }

        /// <summary>A UDP socket connected to the server, with <see cref="TimeoutMs"/> for receiving.</summary>
        public Socket ConnectUdp()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = TimeoutMs };
            socket.Connect(EndPoint);
            return socket;
        }

        /// <summary>Sends one datagram and returns the answer; no answer (or ICMP port unreachable) throws an
        /// <see cref="InvalidOperationException"/> naming the server.</summary>
        public byte[] ExchangeUdp(byte[] datagram)
        {
            using Socket socket = ConnectUdp();
            socket.Send(datagram);
            var buffer = new byte[65535];
            try
            {
                int n = socket.Receive(buffer);
                return buffer.AsSpan(0, n).ToArray();
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException(
                    Name + " does not answer on udp " + Host + ":" + Port + " (" + e.SocketErrorCode + "); " + TestServers.StartHint, e);
            }
        }
    }
}
