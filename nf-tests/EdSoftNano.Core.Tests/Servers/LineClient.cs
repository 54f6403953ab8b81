using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;

namespace EdSoftNano.Tests.Servers
{
    /// <summary>
    /// The test side of a CRLF text protocol (FTP control, POP3, SMTP) over a plain socket: send lines, read
    /// lines, read FTP/SMTP replies ("250-..." continued, "250 ..." last) and POP3 dot-terminated lists.
    /// Every read waits at most <see cref="TestServer.TimeoutMs"/>.
    /// </summary>
    public sealed class LineClient : IDisposable
    {
        private readonly Socket _socket;
        private readonly byte[] _buffer = new byte[4096];
        private int _start;
        private int _end;

        /// <summary>Connects to <paramref name="server"/>.</summary>
        public LineClient(TestServer server)
        {
            Server = server;
            _socket = server.ConnectTcp();
        }

        /// <summary>The server this client talks to.</summary>
        public TestServer Server { get; }

        /// <summary>Sends <paramref name="line"/> and CRLF.</summary>
        public void SendLine(string line) => Send(Encoding.ASCII.GetBytes(line + "\r\n"));

        /// <summary>Sends raw bytes.</summary>
        public void Send(byte[] bytes) => _socket.Send(bytes);

        /// <summary>The next line without its CRLF; throws when the server closes or falls silent.</summary>
        public string ReadLine()
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end)
                {
                    Fill();
                }

                byte b = _buffer[_start++];
                if (b == '\n' && line.Count > 0 && line[line.Count - 1] == '\r')
                {
                    line.RemoveAt(line.Count - 1);
                    return Encoding.ASCII.GetString(line.ToArray());
                }

                line.Add(b);
            }
        }

        /// <summary>An FTP/SMTP reply: every line of it; the last one starts with the code and a space.</summary>
        public IReadOnlyList<string> ReadReply()
        {
            var lines = new List<string>();
            string line = ReadLine();
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return lines;
            }

            string last = line.Substring(0, 3) + " ";
            while (!line.StartsWith(last, StringComparison.Ordinal))
            {
                line = ReadLine();
                lines.Add(line);
            }

            return lines;
        }

        /// <summary>Reads a reply and checks its code; returns its last line.</summary>
        public string Expect(int code)
        {
            IReadOnlyList<string> reply = ReadReply();
            string last = reply[reply.Count - 1];
            if (!last.StartsWith(code + " ", StringComparison.Ordinal))
            {
                throw new InvalidDataException(Server.Name + ": expected " + code + ", got \"" + string.Join("\\r\\n", reply) + "\"");
            }

            return last;
        }

        /// <summary>Sends <paramref name="line"/>, then as <see cref="Expect"/>.</summary>
        public string Command(string line, int code)
        {
            SendLine(line);
            return Expect(code);
        }

        /// <summary>A POP3 multi-line body after its +OK line: the lines up to the lone ".", still dot-stuffed.</summary>
        public IReadOnlyList<string> ReadDotTerminated()
        {
            var lines = new List<string>();
            for (string line = ReadLine(); line != "."; line = ReadLine())
            {
                lines.Add(line);
            }

            return lines;
        }

        /// <inheritdoc />
        public void Dispose() => _socket.Dispose();

        private void Fill()
        {
            int n = _socket.Receive(_buffer);
            if (n == 0)
            {
                throw new EndOfStreamException(Server.Name + " closed the connection");
            }

            _start = 0;
            _end = n;
        }
    }
}
