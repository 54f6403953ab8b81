using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>
    /// Reads a stream (a pty, a peer process's stdout) on a thread of its own into a queue, so an
    /// IByteLink over it can answer Read with a timeout: bytes, 0 when none came in time, -1 once
    /// the stream ended.
    /// </summary>
    public sealed class StreamInbox
    {
        private readonly Stream _stream;
        private readonly Queue<byte> _in = new Queue<byte>();
        private bool _ended;

        public StreamInbox(Stream stream, string threadName)
        {
            _stream = stream;
            new Thread(ReadLoop) { IsBackground = true, Name = threadName }.Start();
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
            catch (System.ObjectDisposedException) { }

            lock (_in) { _ended = true; Monitor.PulseAll(_in); }
        }
    }
}
