using EdSoftNano.Ports;

namespace EdSoftNano.At
{
    /// <summary>
    /// Carries the host's plain AT commands (no '#') to the GSM modem and its answer back
    /// unchanged, until the modem's final result code or a timeout. While no command is out,
    /// whatever the modem says (URCs such as +CREG: 1) is relayed to the host as it arrives.
    /// At start-up it turns the modem's echo off (ATE0): the interpreter echoes for the host.
    /// </summary>
    public sealed class ModemPassthrough
    {
        /// <summary>How long a plain command may take before the host gets ERROR.</summary>
        public const int CommandTimeoutMs = 30000;

        /// <summary>Dialing and network commands (ATD, AT+COPS, AT+CGATT) may take minutes.</summary>
        public const int LongCommandTimeoutMs = 180000;

        private const byte Cr = 13;
        private const byte Lf = 10;

        private readonly IByteLink _modem;
        private readonly ResponseWriter _out;
        private readonly byte[] _io;
        private readonly byte[] _lineBuf = new byte[64];
        private int _lineLength;
        private bool _lineTooLong;
        private long _deadline;
        private bool _swallow;

        public ModemPassthrough(IByteLink modem, ResponseWriter writer, byte[] ioBuffer)
        {
            _modem = modem;
            _out = writer;
            _io = ioBuffer;
        }

        /// <summary>True while a command is out and its final result has not come.</summary>
        public bool Busy { get; private set; }

        /// <summary>Sends ATE0 and swallows its answer, so the modem does not echo the host twice.</summary>
        public void Start(long nowMs)
        {
            _io[0] = (byte)'A';
            _io[1] = (byte)'T';
            _io[2] = (byte)'E';
            _io[3] = (byte)'0';
            _io[4] = Cr;
            _modem.Write(_io, 0, 5);
            _swallow = true;
            Busy = true;
            _deadline = nowMs + CommandTimeoutMs;
        }

        /// <summary>Sends "AT" + <paramref name="count"/> bytes of <paramref name="line"/> + CR.</summary>
        public void Send(byte[] prefix, byte[] line, int count, long nowMs)
        {
            _io[0] = prefix[0];
            _io[1] = prefix[1];
            int n = count < _io.Length - 3 ? count : _io.Length - 3;
            System.Array.Copy(line, 0, _io, 2, n);
            _io[n + 2] = Cr;
            _modem.Write(_io, 0, n + 3);
            _swallow = false;
            Busy = true;
            _deadline = nowMs + (IsLong(line, count) ? LongCommandTimeoutMs : CommandTimeoutMs);
        }

        /// <summary>Relays what the modem has sent; ends a command on its final result or timeout.</summary>
        public void Poll(long nowMs)
        {
            int n;
            while ((n = _modem.Read(_io, 0, _io.Length, 0)) > 0)
            {
                if (!_swallow)
                {
                    _out.Raw(_io, 0, n);
                }

                for (int i = 0; i < n; i++)
                {
                    Track(_io[i]);
                }
            }

            if (Busy && nowMs - _deadline >= 0)
            {
                Busy = false;
                if (!_swallow)
                {
                    _out.Result(ResultCode.Error);
                }

                _swallow = false;
            }
        }

        private void Track(byte b)
        {
            if (b == Cr || b == Lf)
            {
                if (_lineLength > 0 && !_lineTooLong && Busy && FinalResult.IsFinal(_lineBuf, _lineLength))
                {
                    Busy = false;
                    _swallow = false;
                }

                _lineLength = 0;
                _lineTooLong = false;
                return;
            }

            if (_lineLength < _lineBuf.Length)
            {
                _lineBuf[_lineLength++] = b;
            }
            else
            {
                _lineTooLong = true;
            }
        }

        private static bool IsLong(byte[] line, int count)
        {
            if (count > 0 && (line[0] == 'D' || line[0] == 'd'))
            {
                return true;
            }

            return StartsWith(line, count, "+COPS") || StartsWith(line, count, "+CGATT");
        }

        private static bool StartsWith(byte[] line, int count, string text)
        {
            if (count < text.Length)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                int c = line[i];
                if (c >= 'a' && c <= 'z')
                {
                    c -= 'a' - 'A';
                }

                if (c != text[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
