namespace EdSoftNano.Ppp
{
    /// <summary>
    /// RFC 1662 octet-stuffed framing, receiving side; resumable across blocks (state: hunting for a
    /// flag, inside a frame, after an escape). <see cref="Decode"/> consumes input up to the end of
    /// the next good frame and stops there with <see cref="FrameReady"/> set; the frame stays in the
    /// decoder's buffer until the next call. Frames with a bad FCS, shorter than 4 octets or longer
    /// than the MRU are dropped and counted, and decoding resynchronises on the next flag; an escape
    /// followed by a flag aborts the frame (RFC 1662 4.4.1); control characters of the receive ACCM
    /// that arrive unescaped were inserted by the link and are discarded. Address/control
    /// (FF 03) and protocol field compression are recognised whether negotiated or not.
    /// </summary>
    public sealed class HdlcDecoder
    {
        private readonly byte[] _frame;
        private readonly HdlcScanner _scanner = new HdlcScanner(HdlcCodes.DefaultAccm);
        private int _maxInfo;
        private int _length;
        private bool _hunting = true;
        private bool _escaped;
        private bool _overflow;
        private bool _ready;
        private int _protocol;
        private int _infoOffset;
        private int _infoLength;
        private int _goodFrames;
        private int _fcsErrors;
        private int _tooLong;
        private int _runts;
        private int _aborts;

        /// <summary>
        /// Creates a decoder whose frames land in <paramref name="frameBuffer"/> (caller-owned, e.g.
        /// from the budget): it must hold the largest information field plus 6 bytes (address,
        /// control, protocol, FCS). The MRU starts at the buffer's limit.
        /// </summary>
        public HdlcDecoder(byte[] frameBuffer)
        {
            _frame = frameBuffer;
            _maxInfo = frameBuffer.Length - 6;
        }

        /// <summary>Largest information field accepted; longer frames are dropped (counted in <see cref="TooLong"/>).</summary>
        public int MaxInfo => _maxInfo;

        /// <summary>True when <see cref="Decode"/> stopped at the end of a good frame.</summary>
        public bool FrameReady => _ready;

        /// <summary>Protocol field of the ready frame.</summary>
        public int Protocol => _protocol;

        /// <summary>The buffer holding the ready frame (the constructor's).</summary>
        public byte[] Buffer => _frame;

        /// <summary>Where the ready frame's information field starts in <see cref="Buffer"/>.</summary>
        public int InfoOffset => _infoOffset;

        /// <summary>Length of the ready frame's information field.</summary>
        public int InfoLength => _infoLength;

        /// <summary>Good frames decoded.</summary>
        public int GoodFrames => _goodFrames;

        /// <summary>Frames dropped for a bad FCS.</summary>
        public int FcsErrors => _fcsErrors;

        /// <summary>Frames dropped for an information field over <see cref="MaxInfo"/>.</summary>
        public int TooLong => _tooLong;

        /// <summary>Frames dropped as shorter than 4 octets, or without a valid header.</summary>
        public int Runts => _runts;

        /// <summary>Frames aborted by an escape followed by a flag.</summary>
        public int Aborts => _aborts;

        /// <summary>The receive ACCM: control characters the link may insert, discarded when unescaped.</summary>
        public uint Accm => _scanner.Accm;

        /// <summary>Sets the receive ACCM and the MRU (capped at the buffer's capacity).</summary>
        public void Configure(uint accm, int mru)
        {
            _scanner.SetAccm(accm);
            int cap = _frame.Length - 6;
            _maxInfo = mru < cap ? mru : cap;
        }

        /// <summary>Drops any partial frame and hunts for a flag (a new data call).</summary>
        public void Reset()
        {
            _hunting = true;
            _escaped = false;
            _overflow = false;
            _ready = false;
            _length = 0;
        }

        /// <summary>
        /// Consumes input[offset, offset + count) up to and including the flag that ends the next good
        /// frame; returns the number of bytes consumed. When it returns with <see cref="FrameReady"/>,
        /// call it again with the rest of the input.
        /// </summary>
        public int Decode(byte[] input, int offset, int count)
        {
            _ready = false;
            int i = offset;
            int end = offset + count;
            byte[] frame = _frame;
            int limit = _maxInfo + 6;
            HdlcScanner scanner = _scanner;
            scanner.Begin();
            while (i < end)
            {
                if (_hunting)
                {
                    int flag = System.Array.IndexOf(input, HdlcCodes.Boxed[32], i, end - i);
                    if (flag < 0)
                    {
                        i = end;
                        break;
                    }

                    i = flag + 1;
                    _hunting = false;
                    StartFrame();
                    continue;
                }

                if (_escaped)
                {
                    byte e = input[i++];
                    if (e == HdlcCodes.Flag)
                    {
                        _aborts++;
                        StartFrame();
                        continue;
                    }

                    if (e < 0x20 && scanner.IsSpecial(e))
                    {
                        continue;
                    }

                    _escaped = false;
                    if (_length < limit)
                    {
                        frame[_length++] = (byte)(e ^ HdlcCodes.EscapeXor);
                    }
                    else
                    {
                        _overflow = true;
                    }

                    continue;
                }

                int special = scanner.Next(input, i, end);
                int run = special - i;
                if (run > 0)
                {
                    int room = limit - _length;
                    int n = run < room ? run : room;
                    if (n > 0)
                    {
                        System.Array.Copy(input, i, frame, _length, n);
                        _length += n;
                    }

                    if (n < run)
                    {
                        _overflow = true;
                    }

                    i = special;
                }

                if (i == end)
                {
                    break;
                }

                byte b = input[i++];
                if (b == HdlcCodes.Flag)
                {
                    if (EndFrame())
                    {
                        _ready = true;
                        break;
                    }
                }
                else if (b == HdlcCodes.Escape)
                {
                    _escaped = true;
                }

                // Otherwise an unescaped control character of the receive ACCM: discarded.
            }

            return i - offset;
        }

        private void StartFrame()
        {
            _length = 0;
            _escaped = false;
            _overflow = false;
        }

        // A flag ended the bytes collected since the last one. True when they are a good frame.
        private bool EndFrame()
        {
            int length = _length;
            bool overflow = _overflow;
            StartFrame();
            if (length == 0 && !overflow)
            {
                return false;   // back-to-back flags: an inter-frame fill, not a frame
            }

            if (overflow)
            {
                _tooLong++;
                return false;
            }

            if (length < HdlcCodes.MinFrame)
            {
                _runts++;
                return false;
            }

            if (Fcs16.Update(Fcs16.Initial, _frame, 0, length) != Fcs16.Good)
            {
                _fcsErrors++;
                return false;
            }

            int p = 0;
            int body = length - Fcs16.Length;
            if (_frame[0] == HdlcCodes.Address && _frame[1] == HdlcCodes.Control)
            {
                p = 2;
            }

            if (p >= body)
            {
                _runts++;
                return false;
            }

            int protocol = _frame[p++];
            if ((protocol & 1) == 0)
            {
                if (p >= body)
                {
                    _runts++;
                    return false;
                }

                protocol = (protocol << 8) | _frame[p++];
            }

            if ((protocol & 1) == 0)
            {
                _runts++;   // a protocol field must end with an odd octet (RFC 1661 2)
                return false;
            }

            if (body - p > _maxInfo)
            {
                _tooLong++;
                return false;
            }

            _protocol = protocol;
            _infoOffset = p;
            _infoLength = body - p;
            _goodFrames++;
            return true;
        }
    }
}
