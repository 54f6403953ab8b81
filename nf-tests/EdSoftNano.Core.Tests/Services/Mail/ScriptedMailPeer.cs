using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace EdSoftNano.Tests.Services.Mail
{
    /// <summary>
    /// A mail server played by the test on 127.0.0.1 (an ephemeral port) for the answers the real
    /// test servers never give (a rejected recipient, a refused EHLO …): it sends a greeting, then
    /// answers each line it receives with the reply the test chose for that line's prefix (first
    /// match), and records every line. After DATA's 354 it collects the body up to the "." line.
    /// </summary>
    public sealed class ScriptedMailPeer : IDisposable
    {
        /// <summary>A reply ending with this is sent without CR LF and the peer then closes the connection.</summary>
        public const string CloseMark = "<close>";

        private readonly TcpListener _listener;
        private readonly List<KeyValuePair<string, string>> _replies = new List<KeyValuePair<string, string>>();
        private readonly Thread _thread;
        private volatile bool _stopping;

        public ScriptedMailPeer(string greeting)
        {
            Greeting = greeting;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _thread = new Thread(Run) { IsBackground = true };
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public string Greeting { get; }

        /// <summary>Every line the client sent (body lines excluded), in order.</summary>
        public BlockingCollection<string> Lines { get; } = new BlockingCollection<string>();

        /// <summary>The DATA content as received (still dot-stuffed, end line excluded).</summary>
        public string Body { get; private set; } = "";

        /// <summary>Answers lines starting with <paramref name="prefix"/> with <paramref name="reply"/> (CR LF added; may hold several lines).</summary>
        public ScriptedMailPeer On(string prefix, string reply)
        {
            _replies.Add(new KeyValuePair<string, string>(prefix, reply));
            return this;
        }

        public ScriptedMailPeer Start()
        {
            _thread.Start();
            return this;
        }

        public void Dispose()
        {
            _stopping = true;
            _listener.Stop();
        }

        private void Run()
        {
            try
            {
                using Socket socket = _listener.AcceptSocket();
                socket.ReceiveTimeout = 60000;
                Send(socket, Greeting);
                var line = new StringBuilder();
                var body = new StringBuilder();
                bool inData = false;
                var one = new byte[1];
                while (!_stopping && socket.Receive(one) == 1)
                {
                    line.Append((char)one[0]);
                    if (one[0] != 10)
                    {
                        continue;
                    }

                    string text = line.ToString();
                    line.Clear();
                    if (inData)
                    {
                        if (text == ".\r\n")
                        {
                            inData = false;
                            Body = body.ToString();
                            Lines.Add(".");
                            Send(socket, ReplyFor("."));
                        }
                        else
                        {
                            body.Append(text);
                        }

                        continue;
                    }

                    string command = text.TrimEnd('\r', '\n');
                    Lines.Add(command);
                    string reply = ReplyFor(command);
                    if (reply.EndsWith(CloseMark, StringComparison.Ordinal))
                    {
                        socket.Send(Encoding.ASCII.GetBytes(reply.Substring(0, reply.Length - CloseMark.Length)));
                        break;
                    }

                    Send(socket, reply);
                    if (command == "DATA" && reply.StartsWith("354"))
                    {
                        inData = true;
                    }

                    if (command == "QUIT")
                    {
                        break;
                    }
                }
            }
            catch (Exception) when (_stopping)
            {
            }
            catch (SocketException)
            {
            }
        }

        private string ReplyFor(string command)
        {
            foreach (var pair in _replies)
            {
                if (command.StartsWith(pair.Key, StringComparison.Ordinal))
                {
                    return pair.Value;
                }
            }

            return "250 OK";
        }

        private static void Send(Socket socket, string reply) => socket.Send(Encoding.ASCII.GetBytes(reply + "\r\n"));
    }
}
