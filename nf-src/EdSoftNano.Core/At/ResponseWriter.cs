using EdSoftNano.Ports;

namespace EdSoftNano.At
{
    /// <summary>
    /// Frames responses on the host link the way a V.250 modem does. Verbose (ATV1): an
    /// information block is "&lt;CR&gt;&lt;LF&gt;line&lt;CR&gt;&lt;LF&gt;line&lt;CR&gt;&lt;LF&gt;" and a final result "&lt;CR&gt;&lt;LF&gt;OK&lt;CR&gt;&lt;LF&gt;".
    /// Numeric (ATV0): information lines end with &lt;CR&gt;&lt;LF&gt;, final results are "&lt;code&gt;&lt;CR&gt;".
    /// Bytes are collected in one preallocated buffer and written out in blocks.
    /// </summary>
    public sealed class ResponseWriter
    {
        private const byte Cr = 13;
        private const byte Lf = 10;

        private readonly IByteLink _link;
        private readonly byte[] _buffer;
        private int _length;
        private bool _inBlock;

        public ResponseWriter(IByteLink link, byte[] buffer)
        {
            _link = link;
            _buffer = buffer;
        }

        /// <summary>ATV1 (true, default) or ATV0.</summary>
        public bool Verbose = true;

        /// <summary>One information line (a display row, a get answer, "DIALING" …).</summary>
        public void Line(string text)
        {
            if (Verbose && !_inBlock)
            {
                Put(Cr);
                Put(Lf);
            }

            _inBlock = true;
            Put(text);
            Put(Cr);
            Put(Lf);
        }

        /// <summary>An empty line inside an information block (the #VALL block separator).</summary>
        public void BlankLine()
        {
            Put(Cr);
            Put(Lf);
        }

        /// <summary>A final or unsolicited result code of spec 9.1; ends the information block.</summary>
        public void Result(ResultCode code)
        {
            if (Verbose)
            {
                Framed(ResultText.Of(code));
            }
            else
            {
                PutNumber((int)code);
                Put(Cr);
            }

            _inBlock = false;
        }

        /// <summary>A result with a verbose text of its own (e.g. "CONNECT 9600"), same framing as Result.</summary>
        public void ResultWithText(string verbose, int numeric)
        {
            if (Verbose)
            {
                Framed(verbose);
            }
            else
            {
                PutNumber(numeric);
                Put(Cr);
            }

            _inBlock = false;
        }

        /// <summary>"#CME ERROR: &lt;code&gt;" (spec 9.2); ends the information block.</summary>
        public void Error(int code)
        {
            if (Verbose)
            {
                Put(Cr);
                Put(Lf);
            }

            Put("#CME ERROR: ");
            PutNumber(code);
            Put(Cr);
            if (Verbose)
            {
                Put(Lf);
            }

            _inBlock = false;
        }

        /// <summary>A text that is not ours (the modem's answer, +CME ERROR: 600) framed as a result.</summary>
        public void Framed(string text)
        {
            Put(Cr);
            Put(Lf);
            Put(text);
            Put(Cr);
            Put(Lf);
            _inBlock = false;
        }

        /// <summary>Bytes passed through unchanged (echo, the modem's answers).</summary>
        public void Raw(byte[] data, int offset, int count)
        {
            while (count > 0)
            {
                int room = _buffer.Length - _length;
                if (room == 0)
                {
                    Flush();
                    room = _buffer.Length;
                }

                int n = count < room ? count : room;
                System.Array.Copy(data, offset, _buffer, _length, n);
                _length += n;
                offset += n;
                count -= n;
            }
        }

        /// <summary>One byte passed through unchanged.</summary>
        public void Raw(byte b) => Put(b);

        /// <summary>Writes what is buffered to the link.</summary>
        public void Flush()
        {
            if (_length > 0)
            {
                _link.Write(_buffer, 0, _length);
                _length = 0;
            }
        }

        private void Put(byte b)
        {
            if (_length == _buffer.Length)
            {
                Flush();
            }

            _buffer[_length++] = b;
        }

        private void Put(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                Put((byte)text[i]);
            }
        }

        private void PutNumber(int value)
        {
            if (value < 0)
            {
                Put((byte)'-');
                value = -value;
            }

            int divisor = 1;
            while (value / divisor >= 10)
            {
                divisor *= 10;
            }

            while (divisor > 0)
            {
                Put((byte)('0' + (value / divisor) % 10));
                divisor /= 10;
            }
        }
    }
}
