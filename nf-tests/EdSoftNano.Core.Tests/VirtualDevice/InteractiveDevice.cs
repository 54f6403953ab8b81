using System;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace EdSoftNano.Tests.VirtualDevice
{
    /// <summary>
    /// The virtual device process driven like a host MCU drives a board: write a line, read until the
    /// answer is complete, then write the next. Output is kept byte for byte (Latin-1).
    /// </summary>
    public sealed class InteractiveDevice : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _unread = new StringBuilder();
        private readonly StringBuilder _errors = new StringBuilder();
        private readonly Thread _reader;

        public InteractiveDevice(string arguments)
        {
            _process = VirtualDeviceProcess.Start(arguments);
            _reader = new Thread(ReadAll) { IsBackground = true };
            _reader.Start();
            // Drained always: a --ppp-peer's log comes here and must never fill the pipe and block the device.
            _process.ErrorDataReceived += (s, e) => { if (e.Data != null) { lock (_errors) { _errors.AppendLine(e.Data); } } };
            _process.BeginErrorReadLine();
        }

        /// <summary>The device process's id.</summary>
        public int Pid => _process.Id;

        /// <summary>Everything the device wrote to stderr so far (its diagnostics, a --ppp-peer's log).</summary>
        public string ErrorLog { get { lock (_errors) { return _errors.ToString(); } } }

        /// <summary>Waits up to <paramref name="ms"/> for <paramref name="what"/> in <see cref="ErrorLog"/>.</summary>
        public bool WaitForError(string what, int ms)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(ms);
            while (DateTime.UtcNow < deadline)
            {
                if (ErrorLog.Contains(what)) { return true; }
                Thread.Sleep(50);
            }

            return ErrorLog.Contains(what);
        }

        /// <summary>Writes <paramref name="line"/> and returns everything the device says until <paramref name="end"/> matches it.</summary>
        public string Exchange(string line, string end, int timeoutMs = 30000)
        {
            byte[] bytes = Encoding.Latin1.GetBytes(line);
            _process.StandardInput.BaseStream.Write(bytes, 0, bytes.Length);
            _process.StandardInput.BaseStream.Flush();
            return ReadUntil(end, timeoutMs);
        }

        /// <summary>Waits until the output read so far matches the regular expression <paramref name="end"/>; returns and consumes it.</summary>
        public string ReadUntil(string end, int timeoutMs = 30000)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            var pattern = new Regex(end, RegexOptions.Singleline);
            lock (_unread)
            {
                while (true)
                {
                    string text = _unread.ToString();
                    Match match = pattern.Match(text);
                    if (match.Success)
                    {
                        int used = match.Index + match.Length;
                        _unread.Remove(0, used);
                        return text.Substring(0, used);
                    }

                    TimeSpan left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || _process.HasExited && !Monitor.Wait(_unread, 200))
                    {
                        throw new TimeoutException("no /" + end + "/ in the device's output: " + Escape(text));
                    }

                    Monitor.Wait(_unread, left);
                }
            }
        }

        /// <summary>Closes stdin and waits for the device to exit; returns its exit code.</summary>
        public int Close()
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(30000))
            {
                _process.Kill(true);
                throw new TimeoutException("the virtual device did not exit at the end of stdin");
            }

            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(true);
            }

            _process.Dispose();
        }

        public static string Escape(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n");

        private void ReadAll()
        {
            var buffer = new char[512];
            while (true)
            {
                int n = _process.StandardOutput.Read(buffer, 0, buffer.Length);
                lock (_unread)
                {
                    if (n > 0)
                    {
                        _unread.Append(buffer, 0, n);
                    }

                    Monitor.PulseAll(_unread);
                }

                if (n <= 0)
                {
                    return;
                }
            }
        }
    }
}
