using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace EdSoftNano.Tests.Net
{
    /// <summary>
    /// A DNS server for resolver tests on 127.0.0.x: answers every query the way the test chose
    /// (an A record, NXDOMAIN, SERVFAIL, or silence) and counts the queries it saw.
    /// </summary>
    public sealed class DnsResponder : IDisposable
    {
        public enum Reply { Address, NameError, ServerFailure, Silent }

        private readonly UdpClient _udp;
        // The socket itself: after Dispose, UdpClient.Receive dereferences a null Client (a
        // NullReferenceException on the server thread that kills the test host), a Socket throws
        // ObjectDisposedException, which ends Serve.
        private readonly Socket _socket;
        private readonly Thread _thread;
        private int _queries;

        public DnsResponder(string address, int port, Reply reply, uint answer = 0)
        {
            _udp = new UdpClient(new IPEndPoint(IPAddress.Parse(address), port));
            Mode = reply;
            Answer = answer;
            _socket = _udp.Client;
            Port = ((IPEndPoint)_socket.LocalEndPoint).Port;
            _thread = new Thread(Serve) { IsBackground = true };
            _thread.Start();
        }

        public int Port { get; }

        public Reply Mode { get; set; }

        public uint Answer { get; set; }

        public int Queries => Volatile.Read(ref _queries);

        /// <summary>The name asked last, as the wire spells it (labels joined with dots).</summary>
        public string LastName { get; private set; }

        public void Dispose() => _udp.Dispose();

        private void Serve()
        {
            try
            {
                var datagram = new byte[1500];
                while (true)
                {
                    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    int length = _socket.ReceiveFrom(datagram, ref from);
                    byte[] query = datagram.AsSpan(0, length).ToArray();
                    if (query.Length < 17 || (query[2] & 0x80) != 0)
                    {
                        // Not a query (another test's datagram to a port it thought closed).
                        continue;
                    }

                    Interlocked.Increment(ref _queries);
                    LastName = NameOf(query);
                    if (Mode != Reply.Silent)
                    {
                        byte[] response = Build(query);
                        _socket.SendTo(response, from);
                    }
                }
            }
            catch (ObjectDisposedException)
            {
            }
            catch (SocketException)
            {
            }
        }

        // The query's header and question, turned into a response (RFC 1035 4.1.1) with one A record when answering.
        private byte[] Build(byte[] query)
        {
            bool answering = Mode == Reply.Address;
            byte[] response = new byte[query.Length + (answering ? 16 : 0)];
            Array.Copy(query, response, query.Length);
            int code = Mode == Reply.NameError ? 3 : Mode == Reply.ServerFailure ? 2 : 0;
            response[2] = 0x81;
            response[3] = (byte)(0x80 | code);
            response[7] = (byte)(answering ? 1 : 0);
            if (answering)
            {
                byte[] record =
                {
                    0xC0, 0x0C, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3C, 0x00, 0x04,
                    (byte)(Answer >> 24), (byte)(Answer >> 16), (byte)(Answer >> 8), (byte)Answer,
                };
                record.CopyTo(response, query.Length);
            }

            return response;
        }

        private static string NameOf(byte[] query)
        {
            string name = string.Empty;
            for (int at = 12; at < query.Length && query[at] != 0; at += query[at] + 1)
            {
                name += (name.Length > 0 ? "." : string.Empty) + System.Text.Encoding.ASCII.GetString(query, at + 1, query[at]);
            }

            return name;
        }
    }
}
