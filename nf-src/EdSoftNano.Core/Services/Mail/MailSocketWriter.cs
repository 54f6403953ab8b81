using EdSoftNano.Ports;

namespace EdSoftNano.Services.Mail
{
    /// <summary>
    /// What a mail client sends (commands, header, body) collects here, in one buffer allocated
    /// once, and leaves for the socket as fast as the stack takes it. Callers check
    /// <see cref="Room"/> before they put a piece.
    /// </summary>
    public sealed class MailSocketWriter
    {
        private const string Base64Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        private readonly byte[] _buffer;
        private int _start;
        private int _end;

        public MailSocketWriter(byte[] buffer)
        {
            _buffer = buffer;
        }

        /// <summary>Bytes that can still be put without a flush.</summary>
        public int Room => _buffer.Length - (_end - _start);

        /// <summary>True when everything put has been taken by the stack.</summary>
        public bool Empty => _end == _start;

        public void Reset()
        {
            _start = 0;
            _end = 0;
        }

        public void Put(byte b)
        {
            if (_end == _buffer.Length)
            {
                Compact();
            }

            _buffer[_end++] = b;
        }

        /// <summary>Puts ASCII text (characters above 0xFF become '?').</summary>
        public void Put(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                Put(c > (char)255 ? (byte)'?' : (byte)c);
            }
        }

        /// <summary>Puts a command line: the text and CR LF.</summary>
        public void PutLine(string text)
        {
            Put(text);
            Put(13);
            Put(10);
        }

        /// <summary>Puts <paramref name="text"/> in Base64 and CR LF (AUTH LOGIN's user and password lines, RFC 4954).</summary>
        public void PutBase64Line(string text)
        {
            int i = 0;
            while (i < text.Length)
            {
                int remaining = text.Length - i;
                int b0 = text[i] & 0xFF;
                int b1 = remaining > 1 ? text[i + 1] & 0xFF : 0;
                int b2 = remaining > 2 ? text[i + 2] & 0xFF : 0;
                Put((byte)Base64Digits[b0 >> 2]);
                Put((byte)Base64Digits[((b0 & 3) << 4) | (b1 >> 4)]);
                Put(remaining > 1 ? (byte)Base64Digits[((b1 & 15) << 2) | (b2 >> 6)] : (byte)'=');
                Put(remaining > 2 ? (byte)Base64Digits[b2 & 63] : (byte)'=');
                i += 3;
            }

            Put(13);
            Put(10);
        }

        /// <summary>Hands buffered bytes to the stack; false when the socket has failed.</summary>
        public bool Flush(INetStack net, int socket)
        {
            while (_end > _start)
            {
                int n = net.Send(socket, _buffer, _start, _end - _start);
                if (n < 0)
                {
                    return false;
                }

                if (n == 0)
                {
                    return true;
                }

                _start += n;
            }

            _start = 0;
            _end = 0;
            return true;
        }

        private void Compact()
        {
            System.Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
    }
}
