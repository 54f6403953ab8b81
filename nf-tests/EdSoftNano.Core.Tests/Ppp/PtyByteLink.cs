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
        private readonly StreamInbox _inbox;

        public PtyByteLink(string path)
        {
            _stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
            _inbox = new StreamInbox(_stream, "pty-reader");
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => _inbox.Read(buffer, offset, count, timeoutMs);

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
