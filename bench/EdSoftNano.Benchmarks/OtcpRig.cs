using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EdSoftNano.Benchmarks
{
    /// <summary>Which relay sits between the host client and the TCP sink.</summary>
    public enum OtcpPath
    {
        /// <summary>The virtual device process in #OTCP data mode (DLE/ETX coding on the host side).</summary>
        Device,

        /// <summary><c>socat TCP-LISTEN:p,reuseaddr,fork TCP:127.0.0.1:sink</c>: forwards the bytes unchanged.</summary>
        Socat,
    }

    /// <summary>
    /// The host client, the TCP sink and the relay between them (the virtual device as a process,
    /// or socat) for <see cref="OtcpThroughputBenchmarks"/>. The host sends and receives the same
    /// DLE-escaped bytes on both paths: the device decodes/encodes them, socat just forwards them,
    /// so the bytes on the host's wire are the same job.
    /// </summary>
    public sealed class OtcpRig : IDisposable
    {
        private const string Banner = "\r\nOk_Info_WaitingForData\r\n";
        private const string Ok = "\r\nOK\r\n";
        private const string ClosedTrailer = "\u0003\r\nOk_Info_SocketClosed\r\n\r\nOK\r\n";

        private readonly OtcpPath _path;
        private readonly TcpListener _sink;
        private readonly byte[] _payload;
        private readonly byte[] _escaped;
        private readonly byte[] _sinkBuffer;
        private readonly byte[] _hostBuffer;
        private readonly byte[] _otcp = Encoding.ASCII.GetBytes("AT#OTCP=1\r");
        private readonly byte[] _etx = { 0x03 };
        private readonly byte[] _closedTrailer = Encoding.Latin1.GetBytes(ClosedTrailer);
        private Process _relay;
        private string _flashPath;
        private int _relayPort;
        private Socket _deviceHost;

        public OtcpRig(OtcpPath path, int payloadBytes, int seed)
        {
            _path = path;
            _payload = new byte[payloadBytes];
            new Random(seed).NextBytes(_payload);
            _escaped = BenchPayload.Escape(_payload);
            _sinkBuffer = new byte[_escaped.Length + 4096];
            _hostBuffer = new byte[_escaped.Length + 4096];
            _sink = new TcpListener(IPAddress.Loopback, 0);
            _sink.Start(16);
        }

        /// <summary>The relay's process id (the device or socat), for a profiler to attach to.</summary>
        public int RelayProcessId => _relay?.Id ?? 0;

        public int SinkPort => ((IPEndPoint)_sink.LocalEndpoint).Port;

        /// <summary>Payload bytes (before escaping) one operation moves.</summary>
        public int PayloadBytes => _payload.Length;

        /// <summary>The escaped form, what the host's wire carries.</summary>
        public int EscapedBytes => _escaped.Length;

        /// <summary>Starts the relay process and, for the device, runs the AT set-up dialogue.</summary>
        public void Start()
        {
            _relayPort = FreePort();
            if (_path == OtcpPath.Socat)
            {
                _relay = StartProcess("socat", $"TCP-LISTEN:{_relayPort},bind=127.0.0.1,reuseaddr,fork TCP:127.0.0.1:{SinkPort}");
                WaitListening(_relayPort);
                return;
            }

            _flashPath = Path.Combine(Path.GetTempPath(), "edsoftnano-bench-" + Guid.NewGuid().ToString("N") + ".bin");
            string device = Path.Combine(AppContext.BaseDirectory, "EdSoftNano.VirtualDevice.dll");
            _relay = StartProcess("dotnet", $"\"{device}\" --tcp {_relayPort} --flash \"{_flashPath}\"");
            _deviceHost = WaitListening(_relayPort);
            Exchange("ATE0\r", "OK\r\n");
            Exchange("AT+CGATT=1\r", "OK\r\n");
            Exchange("AT#CONNECTIONSTART\r", "Ok_Info_GprsActivation\r\n");
            Exchange("AT#TCPSERV=1,\"127.0.0.1\"\r", "OK\r\n");
            Exchange($"AT#TCPPORT=1,{SinkPort}\r", "OK\r\n");
            Exchange("AT#DLEMODE=1,1\r", "OK\r\n");
            Exchange("AT#TCPTXDELAY=1,0\r", "OK\r\n");
        }

        /// <summary>Host → relay → sink: the host writes the escaped payload (and, to the device, a bare ETX).</summary>
        public long HostToSink(bool verify)
        {
            Task<int> sink = Task.Run(SinkReceiveAll);
            Socket host = OpenHost();
            host.Send(_escaped, 0, _escaped.Length, SocketFlags.None);
            if (_path == OtcpPath.Device)
            {
                host.Send(_etx, 0, 1, SocketFlags.None);
                ReadUntil(host, Ok);
            }
            else
            {
                host.Shutdown(SocketShutdown.Send);
                ReadToEnd(host, 0);
                host.Dispose();
            }

            int got = sink.GetAwaiter().GetResult();
            byte[] expected = _path == OtcpPath.Device ? _payload : _escaped;
            if (got != expected.Length)
            {
                throw new InvalidOperationException($"{_path} host→sink: sink got {got} of {expected.Length} bytes");
            }

            if (verify && !_sinkBuffer.AsSpan(0, got).SequenceEqual(expected))
            {
                throw new InvalidOperationException($"{_path} host→sink: the sink's bytes differ");
            }

            return got;
        }

        /// <summary>Sink → relay → host: the sink writes the payload (to socat: its escaped form) and closes.</summary>
        public long SinkToHost(bool verify)
        {
            byte[] sent = _path == OtcpPath.Device ? _payload : _escaped;
            Task sink = Task.Run(() => SinkSendAndClose(sent));
            Socket host = OpenHost();
            int got;
            int expected;
            if (_path == OtcpPath.Device)
            {
                expected = _escaped.Length + _closedTrailer.Length;
                got = ReadAtLeast(host, expected);
            }
            else
            {
                expected = _escaped.Length;
                got = ReadToEnd(host, 0);
                host.Dispose();
            }

            sink.GetAwaiter().GetResult();
            if (got != expected)
            {
                throw new InvalidOperationException($"{_path} sink→host: host got {got} of {expected} bytes");
            }

            if (verify)
            {
                bool same = _hostBuffer.AsSpan(0, _escaped.Length).SequenceEqual(_escaped)
                    && (_path == OtcpPath.Socat || _hostBuffer.AsSpan(_escaped.Length, _closedTrailer.Length).SequenceEqual(_closedTrailer));
                if (!same)
                {
                    throw new InvalidOperationException($"{_path} sink→host: the host's bytes differ");
                }
            }

            return got;
        }

        public void Dispose()
        {
            _deviceHost?.Dispose();
            if (_relay != null && !_relay.HasExited)
            {
                _relay.Kill(entireProcessTree: true);
                _relay.WaitForExit(5000);
            }

            _relay?.Dispose();
            _sink.Stop();
            if (_flashPath != null && File.Exists(_flashPath))
            {
                File.Delete(_flashPath);
            }
        }

        // The device: send AT#OTCP=1 on the one host connection and wait for the banner. Socat: a new connection.
        private Socket OpenHost()
        {
            if (_path == OtcpPath.Device)
            {
                _deviceHost.Send(_otcp, 0, _otcp.Length, SocketFlags.None);
                ReadUntil(_deviceHost, Banner);
                return _deviceHost;
            }

            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(IPAddress.Loopback, _relayPort);
            return socket;
        }

        private int SinkReceiveAll()
        {
            using Socket peer = _sink.AcceptSocket();
            int total = 0;
            while (true)
            {
                int room = _sinkBuffer.Length - total;
                int n = peer.Receive(_sinkBuffer, total, room > 65536 ? 65536 : room, SocketFlags.None);
                if (n == 0)
                {
                    return total;
                }

                total += n;
            }
        }

        private void SinkSendAndClose(byte[] bytes)
        {
            using Socket peer = _sink.AcceptSocket();
            peer.NoDelay = true;
            peer.Send(bytes, 0, bytes.Length, SocketFlags.None);
            peer.Shutdown(SocketShutdown.Send);

            // Wait for the relay's close so the FIN is not cut short by an RST.
            var drain = new byte[256];
            while (peer.Receive(drain) > 0)
            {
            }
        }

        private int ReadAtLeast(Socket socket, int count)
        {
            int total = 0;
            while (total < count)
            {
                int room = _hostBuffer.Length - total;
                int n = socket.Receive(_hostBuffer, total, room > 65536 ? 65536 : room, SocketFlags.None);
                if (n == 0)
                {
                    throw new InvalidOperationException("the host connection closed after " + total + " bytes");
                }

                total += n;
            }

            return total;
        }

        private int ReadToEnd(Socket socket, int total)
        {
            while (true)
            {
                int room = _hostBuffer.Length - total;
                int n = socket.Receive(_hostBuffer, total, room > 65536 ? 65536 : room, SocketFlags.None);
                if (n == 0)
                {
                    return total;
                }

                total += n;
            }
        }

        // Command-mode replies are short: read them byte-exact until they end with `end`.
        private string ReadUntil(Socket socket, string end)
        {
            var text = new StringBuilder();
            var one = new byte[256];
            socket.ReceiveTimeout = 30000;
            while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
            {
                int n = socket.Receive(one, 0, 1, SocketFlags.None);
                if (n == 0)
                {
                    throw new InvalidOperationException("the device closed the host port; it said: " + text);
                }

                text.Append((char)one[0]);
            }

            socket.ReceiveTimeout = 0;
            return text.ToString();
        }

        private void Exchange(string command, string end)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(command);
            _deviceHost.Send(bytes, 0, bytes.Length, SocketFlags.None);
            ReadUntil(_deviceHost, end);
        }

        private static Process StartProcess(string file, string arguments)
        {
            var info = new ProcessStartInfo(file, arguments)
            {
                UseShellExecute = false,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + file);
            process.ErrorDataReceived += (_, _) => { };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            return process;
        }

        // Connects once the relay listens; the device keeps this connection as its host port.
        private Socket WaitListening(int port)
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                if (_relay.HasExited)
                {
                    throw new InvalidOperationException(_path + " exited with " + _relay.ExitCode);
                }

                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Connect(IPAddress.Loopback, port);
                    if (_path == OtcpPath.Socat)
                    {
                        // A probe: socat forks for it and connects to the sink; take and drop that.
                        using Socket peer = _sink.AcceptSocket();
                        socket.Dispose();
                        return null;
                    }

                    return socket;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    socket.Dispose();
                    Thread.Sleep(50);
                }
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }
    }
}
