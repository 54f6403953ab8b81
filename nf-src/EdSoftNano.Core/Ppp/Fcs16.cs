namespace EdSoftNano.Ppp
{
    /// <summary>
    /// The 16-bit frame check sequence of RFC 1662 (section C.2): CRC-CCITT, reflected polynomial
    /// 0x8408, initial value 0xFFFF, sent complemented, low byte first. Running the FCS over a
    /// frame and its own (complemented) FCS gives <see cref="Good"/>. Table driven.
    /// </summary>
    public static class Fcs16
    {
        /// <summary>Value to start a computation with.</summary>
        public const ushort Initial = 0xFFFF;

        /// <summary>Residue of a good frame: the FCS run over the data and its FCS field.</summary>
        public const ushort Good = 0xF0B8;

        /// <summary>Length of the FCS field in bytes.</summary>
        public const int Length = 2;

        private const int Polynomial = 0x8408;

        // Built once, at type initialisation: 256 ushorts (512 bytes), then no allocation.
        private static readonly ushort[] _table = BuildTable();

        /// <summary>Feeds buf[offset, offset + count) into a running FCS that started at <see cref="Initial"/>.</summary>
        public static ushort Update(ushort fcs, byte[] buf, int offset, int count)
        {
            ushort[] table = _table;
            int f = fcs;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                f = (f >> 8) ^ table[(f ^ buf[i]) & 0xFF];
            }

            return (ushort)f;
        }

        /// <summary>Feeds one byte into a running FCS.</summary>
        public static ushort Update(ushort fcs, byte b)
        {
            return (ushort)((fcs >> 8) ^ _table[(fcs ^ b) & 0xFF]);
        }

        /// <summary>The FCS field value (already complemented) of buf[offset, offset + count): sent low byte first.</summary>
        public static ushort Compute(byte[] buf, int offset, int count)
        {
            return (ushort)(Update(Initial, buf, offset, count) ^ 0xFFFF);
        }

        private static ushort[] BuildTable()
        {
            ushort[] table = new ushort[256];
            for (int n = 0; n < 256; n++)
            {
                int v = n;
                for (int bit = 0; bit < 8; bit++)
                {
                    v = (v & 1) != 0 ? (v >> 1) ^ Polynomial : v >> 1;
                }

                table[n] = (ushort)v;
            }

            return table;
        }
    }
}
