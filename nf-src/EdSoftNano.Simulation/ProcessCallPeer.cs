using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace EdSoftNano.Simulation
{
    /// <summary>
    /// A data call carried to a program's stdin/stdout (the virtual device's --ppp-peer): each call
    /// starts <c>/bin/sh -c COMMAND</c> afresh, e.g. <c>socat - EXEC:'slirp-fullbolt ppp'</c>, and
    /// hanging up ends it. Its stderr is passed to ours so the peer's log stays visible.
    /// </summary>
    public sealed class ProcessCallPeer : IDataCallPeer, IDisposable
    {
        private readonly string _command;
        private readonly TextWriter _log;
        private readonly object _gate = new object();
        private byte[] _pending = new byte[64 * 1024];
        private int _head;
        private int _count;
        private Process _process;
        private Stream _stdin;
        private volatile bool _ended;
        private int _generation;

        public ProcessCallPeer(string command, TextWriter log = null)
        {
            _command = command;
            _log = log ?? Console.Error;
        }

        /// <summary>The peer process of the current call (null between calls).</summary>
        public Process Process => _process;

        public bool Ended => _ended && Available == 0;

        private int Available
        {
            get { lock (_gate) { return _count; } }
        }

        public void Connected()
        {
            HangUp();
            var psi = new ProcessStartInfo("/bin/sh")
            {
                ArgumentList = { "-c", _command },
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            _ended = false;
            int generation;
            lock (_gate) { _head = 0; _count = 0; generation = ++_generation; }
            Process process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + _command);
            _process = process;
            _stdin = process.StandardInput.BaseStream;
            Stream stdout = process.StandardOutput.BaseStream;
            process.ErrorDataReceived += (s, e) => { if (e.Data != null) { lock (_log) { _log.WriteLine("ppp-peer: " + e.Data); } } };
            process.BeginErrorReadLine();
            var reader = new Thread(() => Pump(stdout, generation)) { IsBackground = true, Name = "ppp-peer stdout" };
            reader.Start();
        }

        public void Send(byte[] buffer, int offset, int count)
        {
            Stream stdin = _stdin;
            if (stdin == null || _ended)
            {
                return;
            }

            try
            {
                stdin.Write(buffer, offset, count);
                stdin.Flush();
            }
            catch (IOException)
            {
                _ended = true;
            }
            catch (ObjectDisposedException)
            {
                _ended = true;
            }
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                int n = Math.Min(count, _count);
                for (int i = 0; i < n; i++)
                {
                    buffer[offset + i] = _pending[(_head + i) % _pending.Length];
                }

                _head = (_head + n) % _pending.Length;
                _count -= n;
                Monitor.PulseAll(_gate);
                return n;
            }
        }

        public void HangUp()
        {
            Process process = _process;
            _process = null;
            _stdin = null;
            if (process == null)
            {
                return;
            }

            try
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(2000))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(2000);
                }
            }
            catch (InvalidOperationException)
            {
            }
            catch (IOException)
            {
            }

            process.Dispose();
            _ended = true;
        }

        public void Dispose() => HangUp();

        private void Pump(Stream stdout, int generation)
        {
            var block = new byte[4096];
            try
            {
                int n;
                while ((n = stdout.Read(block, 0, block.Length)) > 0)
                {
                    lock (_gate)
                    {
                        if (generation != _generation)
                        {
                            return;   // an old call's output: that call is over
                        }

                        // The firmware reads as fast as its ring allows; while it lags, so does the peer.
                        while (_pending.Length - _count < n)
                        {
                            Monitor.Wait(_gate, 100);
                        }

                        for (int i = 0; i < n; i++)
                        {
                            _pending[(_head + _count + i) % _pending.Length] = block[i];
                        }

                        _count += n;
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }

            lock (_gate)
            {
                if (generation == _generation)
                {
                    _ended = true;
                }
            }
        }
    }
}
