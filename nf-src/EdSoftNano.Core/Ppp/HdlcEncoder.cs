namespace EdSoftNano.Ppp
{
    /// <summary>
    /// RFC 1662 octet-stuffed framing, sending side. <see cref="Begin"/> takes one frame (protocol
    /// and information field, in the caller's buffer, which must stay untouched until
    /// <see cref="Done"/>); <see cref="Encode"/> then writes the framed bytes into output blocks of
    /// any size — flag, address/control (unless ACFC), protocol (one byte under PFC when it fits),
    /// information, FCS, flag — escaping the flag, the escape and the control characters of the
    /// transmit ACCM. Runs of plain bytes are found with <see cref="HdlcScanner"/> and moved with
    /// Array.Copy. No allocation after construction.
    /// </summary>
    public sealed class HdlcEncoder
    {
        private const int PhaseOpenFlag = 0;
        private const int PhaseHeader = 1;
        private const int PhaseInfo = 2;
        private const int PhaseFcs = 3;
        private const int PhaseCloseFlag = 4;
        private const int PhaseDone = 5;

        private readonly HdlcScanner _negotiated = new HdlcScanner(HdlcCodes.DefaultAccm);
        private readonly HdlcScanner _defaults = new HdlcScanner(HdlcCodes.DefaultAccm);
        private readonly byte[] _header = new byte[4];
        private readonly byte[] _fcs = new byte[Fcs16.Length];
        private HdlcScanner _scanner;
        private bool _acfc;
        private bool _pfc;
        private int _phase = PhaseDone;
        private int _headerLength;
        private byte[] _info;
        private int _infoPos;
        private int _infoEnd;
        private int _segPos;
        private int _pendingEscaped = -1;

        /// <summary>Creates an encoder with the defaults of an unnegotiated link: ACCM 0xFFFFFFFF, no ACFC, no PFC.</summary>
        public HdlcEncoder()
        {
            _scanner = _negotiated;
        }

        /// <summary>True when the current frame is completely written (and before the first <see cref="Begin"/>).</summary>
        public bool Done => _phase == PhaseDone;

        /// <summary>The transmit ACCM: the control characters the peer asked us to escape.</summary>
        public uint Accm => _negotiated.Accm;

        /// <summary>Sets what LCP negotiated for our direction of sending.</summary>
        public void Configure(uint accm, bool acfc, bool pfc)
        {
            _negotiated.SetAccm(accm);
            _acfc = acfc;
            _pfc = pfc;
        }

        /// <summary>Back to the defaults of an unnegotiated link (LCP went down).</summary>
        public void ResetOptions()
        {
            Configure(HdlcCodes.DefaultAccm, false, false);
        }

        /// <summary>
        /// Starts a frame of <paramref name="protocol"/> carrying info[offset, offset + count).
        /// <paramref name="linkDefaults"/> sends it as on an unnegotiated link (ACCM 0xFFFFFFFF,
        /// address/control and a two-byte protocol), as RFC 1661 requires for LCP Configure,
        /// Terminate and Code-Reject packets (codes 1-7).
        /// </summary>
        public void Begin(int protocol, byte[] info, int offset, int count, bool linkDefaults)
        {
            int h = 0;
            if (linkDefaults || !_acfc)
            {
                _header[h++] = HdlcCodes.Address;
                _header[h++] = HdlcCodes.Control;
            }

            if (linkDefaults || !_pfc || protocol > 0xFF)
            {
                _header[h++] = (byte)(protocol >> 8);
            }

            _header[h++] = (byte)protocol;
            _headerLength = h;

            ushort fcs = Fcs16.Update(Fcs16.Initial, _header, 0, h);
            fcs = (ushort)(Fcs16.Update(fcs, info, offset, count) ^ 0xFFFF);
            _fcs[0] = (byte)fcs;
            _fcs[1] = (byte)(fcs >> 8);

            _scanner = linkDefaults ? _defaults : _negotiated;
            _info = info;
            _infoPos = offset;
            _infoEnd = offset + count;
            _segPos = 0;
            _pendingEscaped = -1;
            _phase = PhaseOpenFlag;
        }

        /// <summary>
        /// Writes framed bytes of the current frame into output[offset, offset + count); returns how
        /// many were written (fewer than count only when the frame is <see cref="Done"/>).
        /// </summary>
        public int Encode(byte[] output, int offset, int count)
        {
            int o = offset;
            int end = offset + count;
            while (o < end && _phase != PhaseDone)
            {
                if (_pendingEscaped >= 0)
                {
                    output[o++] = (byte)_pendingEscaped;
                    _pendingEscaped = -1;
                    continue;
                }

                switch (_phase)
                {
                    case PhaseOpenFlag:
                    case PhaseCloseFlag:
                        output[o++] = HdlcCodes.Flag;
                        _phase = _phase == PhaseOpenFlag ? PhaseHeader : PhaseDone;
                        _segPos = 0;
                        break;
                    case PhaseHeader:
                        o = Stuff(_header, ref _segPos, _headerLength, output, o, end);
                        if (_segPos == _headerLength && _pendingEscaped < 0)
                        {
                            _phase = PhaseInfo;
                        }

                        break;
                    case PhaseInfo:
                        o = Stuff(_info, ref _infoPos, _infoEnd, output, o, end);
                        if (_infoPos == _infoEnd && _pendingEscaped < 0)
                        {
                            _phase = PhaseFcs;
                            _segPos = 0;
                            _info = null;
                        }

                        break;
                    default:
                        o = Stuff(_fcs, ref _segPos, Fcs16.Length, output, o, end);
                        if (_segPos == Fcs16.Length && _pendingEscaped < 0)
                        {
                            _phase = PhaseCloseFlag;
                        }

                        break;
                }
            }

            return o - offset;
        }

        /// <summary>The largest framed size of an information field of <paramref name="count"/> bytes (everything escaped).</summary>
        public static int MaxEncodedLength(int count)
        {
            return 2 + 2 * (4 + count + Fcs16.Length);
        }

        // Escapes src[pos, srcEnd) into output[o, outEnd): runs between special bytes go by Array.Copy.
        // Returns the new output position; an escape pair cut by the block end leaves _pendingEscaped.
        private int Stuff(byte[] src, ref int pos, int srcEnd, byte[] output, int o, int outEnd)
        {
            HdlcScanner scanner = _scanner;
            scanner.Begin();
            int i = pos;
            while (i < srcEnd && o < outEnd)
            {
                int special = scanner.Next(src, i, srcEnd);
                int run = special - i;
                if (run > 0)
                {
                    int room = outEnd - o;
                    int n = run < room ? run : room;
                    System.Array.Copy(src, i, output, o, n);
                    i += n;
                    o += n;
                    if (n < run)
                    {
                        break;
                    }
                }

                if (i == srcEnd || o == outEnd)
                {
                    break;
                }

                byte b = src[i++];
                output[o++] = HdlcCodes.Escape;
                if (o < outEnd)
                {
                    output[o++] = (byte)(b ^ HdlcCodes.EscapeXor);
                }
                else
                {
                    _pendingEscaped = b ^ HdlcCodes.EscapeXor;
                }
            }

            pos = i;
            return o;
        }
    }
}
