using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace EdSoftNano.Tests.Services.Ftp
{
    /// <summary>
    /// A minimal FTP control server on 127.0.0.1 for the replies vsftpd never gives (it answers 331
    /// to any USER): real sockets, one connection, each command line answered by
    /// <see cref="Answer"/> (null: close the connection). Optionally serves one passive data
    /// connection that sends <see cref="DataBytes"/> and closes.
    /// </summary>
    public sealed class ScriptedFtpServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly TcpListener _data = new TcpListener(IPAddress.Loopback, 0);
        private readonly Thread _thread;

        public ScriptedFtpServer(Func<string, string> answer, string greeting = "220 scripted\r\n")
        {
            Answer = answer;
            _listener.Start();
            _data.Start();
            _thread = new Thread(() => Run(greeting)) { IsBackground = true };
            _thread.Start();
        }

        /// <summary>The reply (with CR LF) to each command line; "{PASV}" in it is replaced by the data port's 227 numbers.</summary>
        public Func<string, string> Answer { get; }

        /// <summary>What the data connection sends after RETR, before it closes.</summary>
        public byte[] DataBytes { get; set; } = new byte[0];

        /// <summary>The control reply once the data connection has closed.</summary>
        public string AfterData { get; set; } = "226 done\r\n";

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        private string PasvNumbers
        {
            get
            {
                int port = ((IPEndPoint)_data.LocalEndpoint).Port;
                return "127,0,0,1," + (port >> 8) + "," + (port & 255);
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _data.Stop();
        }

        private void Run(string greeting)
        {
            try
            {
                using Socket control = _listener.AcceptSocket();
                Send(control, greeting);
                var line = new StringBuilder();
                var one = new byte[1];
                while (control.Receive(one) == 1)
                {
                    if (one[0] != (byte)'\n')
                    {
                        line.Append((char)one[0]);
                        continue;
                    }

                    string command = line.ToString().TrimEnd('\r');
                    line.Clear();
                    string reply = Answer(command);
                    if (reply == null)
                    {
                        return;
                    }

                    Send(control, reply.Replace("{PASV}", PasvNumbers));
                    if (command.StartsWith("RETR", StringComparison.Ordinal) && reply.StartsWith("150", StringComparison.Ordinal))
                    {
                        using Socket data = _data.AcceptSocket();
                        data.Send(DataBytes);
                        data.Shutdown(SocketShutdown.Both);
                        Send(control, AfterData);
                    }
                }
            }
            catch (SocketException)
            {
                // Disposed while waiting.
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private static void Send(Socket socket, string text) => socket.Send(Encoding.ASCII.GetBytes(text));
    }
}
