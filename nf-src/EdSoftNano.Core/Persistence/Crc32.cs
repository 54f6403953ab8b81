namespace EdSoftNano.Persistence
{
    /// <summary>
    /// CRC-32 of IEEE 802.3 (reflected polynomial 0xEDB88320, initial value and final XOR
    /// 0xFFFFFFFF; check value of "123456789" is 0xCBF43926), table driven. Computed in managed
    /// code because System.IO.Hashing is native on some nanoFramework targets only.
    /// </summary>
    public static class Crc32
    {
        /// <summary>Value to start an incremental computation with (see <see cref="Update"/>).</summary>
        public const uint Initial = 0xFFFFFFFF;

        private const uint Polynomial = 0xEDB88320;

        // Built once, at type initialisation (start-up): 1 KB, then no allocation.
        private static readonly uint[] _table = BuildTable();

        /// <summary>CRC-32 of <paramref name="count"/> bytes of <paramref name="buf"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] buf, int offset, int count)
        {
            return Finish(Update(Initial, buf, offset, count));
        }

        /// <summary>
        /// Feeds bytes into a running CRC. Start with <see cref="Initial"/>, call as often as
        /// needed, then pass the result to <see cref="Finish"/>.
        /// </summary>
        public static uint Update(uint crc, byte[] buf, int offset, int count)
        {
            uint[] table = _table;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = table[(crc ^ buf[i]) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        /// <summary>Turns a running CRC from <see cref="Update"/> into the final CRC-32 value.</summary>
        public static uint Finish(uint crc)
        {
            return crc ^ 0xFFFFFFFF;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
