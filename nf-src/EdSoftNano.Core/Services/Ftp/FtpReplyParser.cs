namespace EdSoftNano.Services.Ftp
{
    /// <summary>
    /// Reads FTP control replies (RFC 959 4.2): "xyz text" on one line, or "xyz-" … "xyz text"
    /// over several lines, where only a line that starts with the same code and a space ends the
    /// reply. Resumable (correct when fed one byte at a time); it stops after the last byte of a
    /// complete reply, so a second reply already received stays with the caller. Keeps the text
    /// of the reply's last line (the 227 numbers) in a fixed buffer; nothing is allocated.
    /// </summary>
    public sealed class FtpReplyParser
    {
        /// <summary>Bytes of a line kept; the rest of a longer line is read and dropped.</summary>
        public const int LineCapacity = 128;

        private readonly byte[] _line = new byte[LineCapacity];
        private int _lineLength;
        private bool _multiLine;
        private int _firstCode;
        private int _code;

        /// <summary>The code of the last complete reply (100 … 599), 0 while none is complete.</summary>
        public int Code => _code;

        /// <summary>The last line of the complete reply, CR LF taken off (bytes 0 … <see cref="LineLength"/>).</summary>
        public byte[] Line => _line;

        /// <summary>How many bytes of <see cref="Line"/> are valid.</summary>
        public int LineLength => _lineLength;

        /// <summary>Forgets any partial reply: a new control connection.</summary>
        public void Reset()
        {
            _lineLength = 0;
            _multiLine = false;
            _firstCode = 0;
            _code = 0;
        }

        /// <summary>
        /// Reads control bytes. Returns how many were consumed; when a reply completed on the last
        /// of them, <see cref="Code"/> holds it until the next call.
        /// </summary>
        public int Feed(byte[] buffer, int offset, int count)
        {
            if (_code != 0)
            {
                // The previous reply was collected: start the next one.
                _code = 0;
                _lineLength = 0;
            }

            for (int i = 0; i < count; i++)
            {
                byte b = buffer[offset + i];
                if (b != (byte)'\n')
                {
                    if (b != (byte)'\r' && _lineLength < LineCapacity)
                    {
                        _line[_lineLength++] = b;
                    }

                    continue;
                }

                if (EndOfLine())
                {
                    return i + 1;
                }

                _lineLength = 0;
            }

            return count;
        }

        // A line is complete: true when it ends the reply.
        private bool EndOfLine()
        {
            int code = LineCode();
            if (code == 0)
            {
                // Text inside a multi-line reply, or noise before a reply: not a reply line.
                return false;
            }

            bool more = _lineLength > 3 && _line[3] == (byte)'-';
            if (!_multiLine)
            {
                if (more)
                {
                    _multiLine = true;
                    _firstCode = code;
                    return false;
                }

                _code = code;
                return true;
            }

            if (code == _firstCode && !more)
            {
                _multiLine = false;
                _code = code;
                return true;
            }

            return false;
        }

        // The line's three-digit code when it has the shape "xyz", "xyz " or "xyz-", else 0.
        private int LineCode()
        {
            if (_lineLength < 3 || (_lineLength > 3 && _line[3] != (byte)' ' && _line[3] != (byte)'-'))
            {
                return 0;
            }

            int code = 0;
            for (int i = 0; i < 3; i++)
            {
                int digit = _line[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return 0;
                }

                code = (code * 10) + digit;
            }

            return code >= 100 && code <= 599 ? code : 0;
        }
    }
}
