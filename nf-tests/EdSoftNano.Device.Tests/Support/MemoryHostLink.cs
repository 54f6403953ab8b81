using System;
using EdSoftNano.Ports;

namespace EdSoftNano.Device.Tests.Support
{
    /// <summary>
    /// The host UART in RAM: <see cref="Send"/> queues what the host MCU types, the firmware's
    /// answers collect until <see cref="TakeOutput"/>. Text is ASCII, one byte per character.
    /// </summary>
    public sealed class MemoryHostLink : IByteLink
    {
        private readonly byte[] _input = new byte[4096];
        private readonly byte[] _output = new byte[16384];
        private int _inputHead;
        private int _inputCount;
        private int _outputCount;

        /// <summary>Bytes typed and not yet read by the firmware.</summary>
        public int Pending => _inputCount;

        public void Send(string text)
        {
            if (_inputHead + _inputCount + text.Length > _input.Length)
            {
                // Compact: the test never queues more than the buffer holds at once.
                Array.Copy(_input, _inputHead, _input, 0, _inputCount);
                _inputHead = 0;
            }

            if (_inputCount + text.Length > _input.Length)
            {
                throw new InvalidOperationException("host input too long for the test link");
            }

            for (int i = 0; i < text.Length; i++)
            {
                _input[_inputHead + _inputCount + i] = (byte)text[i];
            }

            _inputCount += text.Length;
        }

        /// <summary>What the firmware wrote since the last call, as text.</summary>
        public string TakeOutput()
        {
            string text = Text.Of(_output, 0, _outputCount);
            _outputCount = 0;
            return text;
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = count < _inputCount ? count : _inputCount;
            Array.Copy(_input, _inputHead, buffer, offset, n);
            _inputHead += n;
            _inputCount -= n;
            if (_inputCount == 0)
            {
                _inputHead = 0;
            }

            return n;
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
            if (_outputCount + count > _output.Length)
            {
                throw new InvalidOperationException("host output overflowed the test link");
            }

            Array.Copy(buffer, offset, _output, _outputCount, count);
            _outputCount += count;
        }
    }
}
