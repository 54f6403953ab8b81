using System;
using EdSoftNano.Ports;

namespace EdSoftNano.Device.Tests.Support
{
    /// <summary>
    /// A modem UART in RAM that answers every command line (up to its CR) with "\r\nOK\r\n", as a
    /// GSM module does with echo off. Keeps everything the firmware wrote, for the test to read.
    /// </summary>
    public sealed class OkModemLink : IByteLink
    {
        private static readonly byte[] OkReply = { 0x0D, 0x0A, (byte)'O', (byte)'K', 0x0D, 0x0A };

        private readonly byte[] _written = new byte[8192];
        private readonly byte[] _replies = new byte[4096];
        private int _writtenCount;
        private int _replyHead;
        private int _replyCount;

        /// <summary>Command lines the firmware sent (each ends with CR).</summary>
        public int Commands { get; private set; }

        /// <summary>Everything the firmware wrote to the modem, as text.</summary>
        public string Written => Text.Of(_written, 0, _writtenCount);

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = count < _replyCount ? count : _replyCount;
            Array.Copy(_replies, _replyHead, buffer, offset, n);
            _replyHead += n;
            _replyCount -= n;
            if (_replyCount == 0)
            {
                _replyHead = 0;
            }

            return n;
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[offset + i];
                if (_writtenCount < _written.Length)
                {
                    _written[_writtenCount++] = b;
                }

                if (b == 0x0D)
                {
                    Commands++;
                    Queue(OkReply);
                }
            }
        }

        private void Queue(byte[] reply)
        {
            if (_replyHead + _replyCount + reply.Length > _replies.Length)
            {
                Array.Copy(_replies, _replyHead, _replies, 0, _replyCount);
                _replyHead = 0;
            }

            Array.Copy(reply, 0, _replies, _replyHead + _replyCount, reply.Length);
            _replyCount += reply.Length;
        }
    }
}
