using System;
using EdSoftNano.Ports;

namespace EdSoftNano.Simulation
{
    /// <summary>
    /// A host UART that hands every written block to a callback and keeps nothing (long transfers
    /// checked on the fly, allocation tests). Reads return nothing.
    /// </summary>
    public sealed class SinkHostLink : IByteLink
    {
        private readonly Action<byte[], int, int> _onWrite;

        /// <param name="onWrite">Called with each written block; null just counts.</param>
        public SinkHostLink(Action<byte[], int, int> onWrite = null)
        {
            _onWrite = onWrite;
        }

        /// <summary>Bytes written so far.</summary>
        public long BytesWritten { get; private set; }

        /// <summary>Number of Write calls.</summary>
        public long Writes { get; private set; }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => 0;

        public void Write(byte[] buffer, int offset, int count)
        {
            BytesWritten += count;
            Writes++;
            _onWrite?.Invoke(buffer, offset, count);
        }
    }
}
