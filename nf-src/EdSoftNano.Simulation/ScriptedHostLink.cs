using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using EdSoftNano.Ports;

namespace EdSoftNano.Simulation
{
    /// <summary>
    /// The host UART in a test: bytes the test queues are read by the firmware (never blocking,
    /// so the test stays on virtual time), and everything the firmware writes is captured.
    /// </summary>
    public sealed class ScriptedHostLink : IByteLink
    {
        private readonly Queue<byte> _input = new Queue<byte>();
        private readonly MemoryStream _output = new MemoryStream();
        private bool _ended;

        /// <summary>Largest number of bytes one Read returns (to test resumable parsing).</summary>
        public int MaxReadChunk { get; set; } = int.MaxValue;

        public void Send(string ascii) => Send(Encoding.Latin1.GetBytes(ascii));

        public void Send(byte[] bytes)
        {
            foreach (byte b in bytes)
            {
                _input.Enqueue(b);
            }
        }

        /// <summary>After the queued bytes, Read reports the end of the stream.</summary>
        public void End() => _ended = true;

        public int Pending => _input.Count;

        /// <summary>Everything written so far, as Latin-1 text; clears the capture.</summary>
        public string TakeOutput()
        {
            string text = Encoding.Latin1.GetString(_output.ToArray());
            _output.SetLength(0);
            return text;
        }

        public byte[] TakeOutputBytes()
        {
            byte[] bytes = _output.ToArray();
            _output.SetLength(0);
            return bytes;
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_input.Count == 0)
            {
                return _ended ? -1 : 0;
            }

            int n = Math.Min(Math.Min(count, _input.Count), MaxReadChunk);
            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = _input.Dequeue();
            }

            return n;
        }

        public void Write(byte[] buffer, int offset, int count) => _output.Write(buffer, offset, count);
    }
}
