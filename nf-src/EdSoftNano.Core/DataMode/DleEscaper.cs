namespace EdSoftNano.DataMode
{
    /// <summary>
    /// Network → host coding of spec 4.2 / 5.4 / 6.2: each ETX of the payload goes to the host as
    /// DLE ETX and each DLE as DLE DLE, so that a bare ETX can mark the end of data. Resumable: an
    /// escape pair cut by a full output block is finished at the next call.
    /// </summary>
    public sealed class DleEscaper
    {
        // The payload byte of an escape pair whose DLE is already out, or -1.
        private int _pending = -1;

        /// <summary>True while the second byte of an escape pair still waits for output room.</summary>
        public bool HasPending => _pending >= 0;

        /// <summary>Forgets a half-written pair (a new data session).</summary>
        public void Reset() => _pending = -1;

        /// <summary>
        /// Escapes input[inOffset, inOffset + inCount) into output[outOffset, outOffset + outCount).
        /// Returns how many input bytes were consumed; <paramref name="produced"/> tells how many
        /// output bytes were written. Stops when either side is exhausted.
        /// </summary>
        public int Encode(byte[] input, int inOffset, int inCount, byte[] output, int outOffset, int outCount, out int produced)
        {
            int o = outOffset;
            int outEnd = outOffset + outCount;
            if (_pending >= 0)
            {
                if (o == outEnd)
                {
                    produced = 0;
                    return 0;
                }

                output[o++] = (byte)_pending;
                _pending = -1;
            }

            int i = inOffset;
            int inEnd = inOffset + inCount;
            int nextEtx = -2;
            int nextDle = -2;
            while (i < inEnd && o < outEnd)
            {
                // Runs between special bytes move with one Array.Copy: the per-byte loop is what costs on the device.
                int special = DleCodes.NextSpecial(input, i, inEnd, ref nextEtx, ref nextDle);
                int run = special - i;
                if (run > 0)
                {
                    int room = outEnd - o;
                    int n = run < room ? run : room;
                    System.Array.Copy(input, i, output, o, n);
                    i += n;
                    o += n;
                    if (n < run)
                    {
                        break;
                    }
                }

                if (i == inEnd || o == outEnd)
                {
                    break;
                }

                output[o++] = DleCodes.Dle;
                byte b = input[i++];
                if (o < outEnd)
                {
                    output[o++] = b;
                }
                else
                {
                    _pending = b;
                }
            }

            produced = o - outOffset;
            return i - inOffset;
        }
    }
}
