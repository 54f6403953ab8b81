namespace EdSoftNano.DataMode
{
    /// <summary>
    /// Host → network decoding of spec 4.3 / 5.4 / 6.4: a bare ETX ends the data, DLE makes the
    /// next byte payload (DLE ETX → ETX, DLE DLE → DLE). Resumable across blocks (a DLE at the
    /// end of one read escapes the first byte of the next). The ETX itself is consumed, the bytes
    /// after it are not: they belong to the command interpreter.
    /// </summary>
    public sealed class DleUnescaper
    {
        private bool _afterDle;
        private bool _ended;

        /// <summary>True once a bare ETX was decoded; further input is not consumed until <see cref="Reset"/>.</summary>
        public bool Ended => _ended;

        /// <summary>True when the last byte consumed was an escaping DLE.</summary>
        public bool AfterDle => _afterDle;

        /// <summary>Starts a new data session.</summary>
        public void Reset()
        {
            _afterDle = false;
            _ended = false;
        }

        /// <summary>
        /// Decodes input[inOffset, inOffset + inCount) into output[outOffset, outOffset + outCount).
        /// Returns how many input bytes were consumed (up to and including a bare ETX);
        /// <paramref name="produced"/> tells how many payload bytes were written.
        /// </summary>
        public int Decode(byte[] input, int inOffset, int inCount, byte[] output, int outOffset, int outCount, out int produced)
        {
            int i = inOffset;
            int inEnd = inOffset + inCount;
            int o = outOffset;
            int outEnd = outOffset + outCount;
            int nextEtx = -2;
            int nextDle = -2;
            while (!_ended && i < inEnd)
            {
                if (_afterDle)
                {
                    // The spec defines DLE ETX and DLE DLE; any other byte after a DLE is taken
                    // literally too, which is what an escape means and keeps decode(encode(x)) = x.
                    if (o == outEnd)
                    {
                        break;
                    }

                    output[o++] = input[i++];
                    _afterDle = false;
                    continue;
                }

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

                if (i == inEnd)
                {
                    break;
                }

                if (input[i++] == DleCodes.Etx)
                {
                    _ended = true;
                }
                else
                {
                    _afterDle = true;
                }
            }

            produced = o - outOffset;
            return i - inOffset;
        }
    }
}
