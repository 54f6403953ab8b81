using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using EdSoftNano.Ports;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>An IByteLink over a pty (or any character device) path, on real time: a reader thread fills a queue.</summary>
    public sealed class PtyByteLink : IByteLink, IDisposable
    {
        private readonly FileStream _stream;
        private readonly Queue<byte> _in = new Queue<byte>();
        private readonly Thread _reader;
        private bool _ended;

        public PtyByteLink(string path)
        {
            _stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
            _reader = new Thread(ReadLoop) { IsBackground = true, Name = "pty-reader" };
            _reader.Start();
        }

        private void ReadLoop()
        {
            byte[] buf = new byte[4096];
            try
            {
                while (true)
                {
                    int n = _stream.Read(buf, 0, buf.Length);
                    if (n <= 0) { break; }
                    lock (_in)
                    {
                        for (int i = 0; i < n; i++) { _in.Enqueue(buf[i]); }
                        Monitor.PulseAll(_in);
                    }
                }
            }
            catch (IOException) { }
            catch (ObjectDisposedException) { }

            lock (_in) { _ended = true; Monitor.PulseAll(_in); }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            lock (_in)
            {
                if (_in.Count == 0 && !_ended && timeoutMs > 0) { Monitor.Wait(_in, timeoutMs); }
                if (_in.Count == 0) { return _ended ? -1 : 0; }
                int n = 0;
                while (n < count && _in.Count > 0) { buffer[offset + n++] = _in.Dequeue(); }
                return n;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _stream.Write(buffer, offset, count);
            _stream.Flush();
        }

        public void Dispose()
        {
            try { _stream.Dispose(); } catch (IOException) { }
        }
    }
}
