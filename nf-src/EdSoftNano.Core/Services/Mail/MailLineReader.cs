using EdSoftNano.Ports;

namespace EdSoftNano.Services.Mail
{
    /// <summary>
    /// Cuts what a mail server sends (SMTP replies, POP3 status and message lines) into lines, read
    /// from one socket into a buffer allocated once. A line longer than the buffer comes out in
    /// pieces (<see cref="LineComplete"/> false for all but the last), so nothing is ever dropped.
    /// </summary>
    public sealed class MailLineReader
    {
        /// <summary>No whole line yet: call again on a later turn.</summary>
        public const int NoLine = 0;

        /// <summary>A line (or a piece of a long one) is in <see cref="Buffer"/>.</summary>
        public const int Line = 1;

        /// <summary>The socket ended or failed before a whole line came.</summary>
        public const int Closed = -1;

        private readonly byte[] _buffer;
        private int _start;
        private int _end;
        private int _scanned;
        private bool _closed;

        public MailLineReader(byte[] buffer)
        {
            _buffer = buffer;
            Reset();
        }

        /// <summary>Holds the line after <see cref="Next"/> returned <see cref="Line"/>.</summary>
        public byte[] Buffer => _buffer;

        public int LineOffset { get; private set; }

        /// <summary>Bytes of the line without its CR LF.</summary>
        public int LineLength { get; private set; }

        /// <summary>False when the line went on past the buffer: the next piece follows.</summary>
        public bool LineComplete { get; private set; }

        /// <summary>True when the current piece starts a line (the first piece of a long one, or a whole one).</summary>
        public bool LineStart { get; private set; }

        /// <summary>Forgets everything buffered (a new connection).</summary>
        public void Reset()
        {
            _start = 0;
            _end = 0;
            _scanned = 0;
            _closed = false;
            LineStart = true;
            LineComplete = true;
        }

        /// <summary>Reads from <paramref name="socket"/> as needed; <see cref="Line"/>, <see cref="NoLine"/> or <see cref="Closed"/>.</summary>
        public int Next(INetStack net, int socket)
        {
            LineStart = LineComplete;
            while (true)
            {
                for (int i = _start + _scanned; i < _end; i++)
                {
                    if (_buffer[i] == 10)
                    {
                        int length = i - _start;
                        if (length > 0 && _buffer[i - 1] == 13)
                        {
                            length--;
                        }

                        LineOffset = _start;
                        LineLength = length;
                        LineComplete = true;
                        _start = i + 1;
                        _scanned = 0;
                        return Line;
                    }
                }

                _scanned = _end - _start;
                if (_start > 0)
                {
                    System.Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                if (_end == _buffer.Length)
                {
                    // A line longer than the buffer: hand out all but a trailing CR, which may pair with the next LF.
                    int length = _buffer[_end - 1] == 13 ? _end - 1 : _end;
                    LineOffset = 0;
                    LineLength = length;
                    LineComplete = false;
                    _start = length;
                    _scanned = 0;
                    return Line;
                }

                if (_closed)
                {
                    return Closed;
                }

                int n = net.Receive(socket, _buffer, _end, _buffer.Length - _end);
                if (n == 0)
                {
                    return NoLine;
                }

                if (n < 0)
                {
                    _closed = true;
                    if (_end == _start)
                    {
                        return Closed;
                    }

                    // The unfinished last line still goes out, as a piece; Closed comes next.
                    LineOffset = _start;
                    LineLength = _end - _start;
                    LineComplete = false;
                    _start = _end;
                    _scanned = 0;
                    return Line;
                }

                _end += n;
            }
        }
    }
}
