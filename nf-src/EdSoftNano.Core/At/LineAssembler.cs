namespace EdSoftNano.At
{
    /// <summary>
    /// Assembles command lines from host bytes, one byte at a time (resumable across reads):
    /// bytes before an "AT"/"at" prefix are ignored, CR ends the line, LF is ignored, backspace
    /// removes the last character. A line longer than <see cref="Capacity"/> is marked
    /// <see cref="Overflowed"/> (reported as #CME ERROR: 34881) but still ends at its CR.
    /// </summary>
    public sealed class LineAssembler
    {
        private const byte Cr = 13;
        private const byte Lf = 10;
        private const byte Backspace = 8;

        private enum State { WaitA, WaitT, InLine }

        private readonly byte[] _line;
        private State _state;
        private int _length;
        private bool _overflowed;

        /// <param name="buffer">Holds the characters after "AT"; its length is the input limit.</param>
        public LineAssembler(byte[] buffer)
        {
            _line = buffer;
        }

        /// <summary>Characters after the AT prefix of the last completed line.</summary>
        public byte[] Buffer => _line;

        /// <summary>Number of characters after the AT prefix.</summary>
        public int Length => _length;

        /// <summary>Input limit: characters allowed after "AT".</summary>
        public int Capacity => _line.Length;

        /// <summary>True when the completed line was longer than the input limit.</summary>
        public bool Overflowed => _overflowed;

        /// <summary>True while a line has been started (its "A" or "AT" seen) but not ended.</summary>
        public bool InProgress => _state != State.WaitA;

        /// <summary>Feeds one byte; returns true when it completed a line.</summary>
        public bool Push(byte b)
        {
            switch (_state)
            {
                case State.WaitA:
                    if (b == 'A' || b == 'a')
                    {
                        _state = State.WaitT;
                    }

                    return false;

                case State.WaitT:
                    if (b == 'T' || b == 't')
                    {
                        _state = State.InLine;
                        _length = 0;
                        _overflowed = false;
                    }
                    else if (b == Backspace)
                    {
                        _state = State.WaitA;
                    }
                    else if (b != 'A' && b != 'a')
                    {
                        _state = State.WaitA;
                    }

                    return false;

                default:
                    return PushInLine(b);
            }
        }

        /// <summary>Forgets any partial line.</summary>
        public void Reset()
        {
            _state = State.WaitA;
            _length = 0;
            _overflowed = false;
        }

        private bool PushInLine(byte b)
        {
            if (b == Cr)
            {
                _state = State.WaitA;
                return true;
            }

            if (b == Lf)
            {
                return false;
            }

            if (b == Backspace)
            {
                if (_overflowed)
                {
                    return false;
                }

                if (_length > 0)
                {
                    _length--;
                }
                else
                {
                    _state = State.WaitT;
                }

                return false;
            }

            if (_length < _line.Length)
            {
                _line[_length++] = b;
            }
            else
            {
                _overflowed = true;
            }

            return false;
        }
    }
}
