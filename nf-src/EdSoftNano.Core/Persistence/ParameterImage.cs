using EdSoftNano.Parameters;

namespace EdSoftNano.Persistence
{
    /// <summary>
    /// Codec of the versioned binary image that holds every parameter value in a flash bank.
    /// All integers are little-endian:
    /// <code>
    /// offset  size  field
    ///      0     4  magic 'E' 'D' 'S' 'N' (45 44 53 4E)
    ///      4     1  format version, 1
    ///      5     1  reserved, written 0, not checked (covered by the CRC)
    ///      6     4  sequence number (uint32), +1 per save, wraps
    ///     10     2  payload length P (uint16): the bytes of all entries
    ///     12     P  entries, each: stableId (u8), slot (u8), length L (u16), L ASCII bytes (0x00-0x7F)
    ///   12+P     4  CRC-32 (IEEE 802.3) over bytes 0 .. 12+P-1
    /// </code>
    /// Every slot of every parameter is written, in table order, so an image is self-describing.
    /// A reader skips entries whose stableId or slot it does not know (a later firmware may add
    /// parameters) and leaves parameters that the image lacks as the caller pre-filled them.
    /// Bytes after the CRC (the erased rest of a bank) are ignored.
    /// </summary>
    public static class ParameterImage
    {
        /// <summary>Format version written and accepted.</summary>
        public const byte FormatVersion = 1;

        /// <summary>Bytes before the first entry.</summary>
        public const int HeaderLength = 12;

        /// <summary>Bytes of an entry before its value.</summary>
        public const int EntryHeaderLength = 4;

        /// <summary>Bytes of the trailing CRC-32.</summary>
        public const int CrcLength = 4;

        /// <summary>Largest payload the uint16 length field can describe.</summary>
        public const int MaxPayloadLength = 0xFFFF;

        /// <summary>Longest value of an address list (RECi, CCRECi): 10 addresses of 120 characters and separators.</summary>
        public const int MaxAddressListLength = 1300;

        private const int MagicOffset = 0;
        private const int VersionOffset = 4;
        private const int ReservedOffset = 5;
        private const int SequenceOffset = 6;
        private const int PayloadLengthOffset = 10;

        private const byte Magic0 = (byte)'E';
        private const byte Magic1 = (byte)'D';
        private const byte Magic2 = (byte)'S';
        private const byte Magic3 = (byte)'N';

        /// <summary>Length of the image when every slot holds a value of its maximum length.</summary>
        public static readonly int MaxImageLength = ComputeMaxImageLength();

        /// <summary>
        /// Writes the image of <paramref name="values"/> (one string per slot, length at least
        /// <see cref="ParameterTable.SlotCount"/>; null is stored as empty) at
        /// <paramref name="offset"/>. Returns the image length, or -1 when it does not fit in the
        /// buffer, a value holds a character above 0x7F, or the arguments are unusable. Nothing is
        /// written when the image does not fit; after a non-ASCII value the buffer is unspecified.
        /// Does not allocate.
        /// </summary>
        public static int Encode(string[] values, uint sequence, byte[] buffer, int offset)
        {
            if (values == null || buffer == null || offset < 0 || offset > buffer.Length || values.Length < ParameterTable.SlotCount)
            {
                return -1;
            }

            // Size first, so a save that cannot fit leaves the buffer alone.
            ParameterDef[] all = ParameterTable.All;
            int payload = 0;
            for (int i = 0; i < all.Length; i++)
            {
                ParameterDef def = all[i];
                for (int s = 0; s < def.Slots; s++)
                {
                    string v = values[def.FirstSlot + s];
                    payload += EntryHeaderLength + (v == null ? 0 : v.Length);
                }
            }

            int total = HeaderLength + payload + CrcLength;
            if (payload > MaxPayloadLength || total > buffer.Length - offset)
            {
                return -1;
            }

            buffer[offset + MagicOffset] = Magic0;
            buffer[offset + MagicOffset + 1] = Magic1;
            buffer[offset + MagicOffset + 2] = Magic2;
            buffer[offset + MagicOffset + 3] = Magic3;
            buffer[offset + VersionOffset] = FormatVersion;
            buffer[offset + ReservedOffset] = 0;
            WriteUInt32(buffer, offset + SequenceOffset, sequence);
            WriteUInt16(buffer, offset + PayloadLengthOffset, payload);

            int p = offset + HeaderLength;
            for (int i = 0; i < all.Length; i++)
            {
                ParameterDef def = all[i];
                for (int s = 0; s < def.Slots; s++)
                {
                    string v = values[def.FirstSlot + s];
                    int length = v == null ? 0 : v.Length;
                    buffer[p] = def.StableId;
                    buffer[p + 1] = (byte)s;
                    WriteUInt16(buffer, p + 2, length);
                    p += EntryHeaderLength;
                    for (int c = 0; c < length; c++)
                    {
                        char ch = v[c];
                        if (ch > (char)0x7F)
                        {
                            return -1;
                        }

                        buffer[p++] = (byte)ch;
                    }
                }
            }

            WriteUInt32(buffer, p, Crc32.Compute(buffer, offset, HeaderLength + payload));
            return total;
        }

        /// <summary>
        /// Checks the image in <paramref name="count"/> bytes at <paramref name="offset"/> (magic,
        /// version, every length, the CRC, ASCII values) and only when all of it is sound writes the
        /// values it holds into <paramref name="values"/> (length at least
        /// <see cref="ParameterTable.SlotCount"/>). Unknown parameters and slots are skipped; slots
        /// the image lacks keep what <paramref name="values"/> held. Never throws; on false nothing
        /// was written and <paramref name="sequence"/> is 0. Load path: allocates one char buffer
        /// and one string per value.
        /// </summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, string[] values, out uint sequence)
        {
            int longest;
            if (values == null || values.Length < ParameterTable.SlotCount || !Check(buffer, offset, count, out sequence, out longest))
            {
                sequence = 0;
                return false;
            }

            // Load path: one scratch array for the longest value, then one string per value.
            char[] chars = new char[longest];
            int p = offset + HeaderLength;
            int end = p + ReadUInt16(buffer, offset + PayloadLengthOffset);
            while (p < end)
            {
                int id = buffer[p];
                int slot = buffer[p + 1];
                int length = ReadUInt16(buffer, p + 2);
                p += EntryHeaderLength;
                ParameterDef def = ParameterTable.FindByStableId(id);
                if (def != null && slot < def.Slots)
                {
                    for (int c = 0; c < length; c++)
                    {
                        chars[c] = (char)buffer[p + c];
                    }

                    values[def.FirstSlot + slot] = length == 0 ? string.Empty : new string(chars, 0, length);
                }

                p += length;
            }

            return true;
        }

        /// <summary>
        /// Checks an image as <see cref="TryDecode"/> does, without decoding its values; gives its
        /// sequence number. Never throws, does not allocate.
        /// </summary>
        public static bool TryCheck(byte[] buffer, int offset, int count, out uint sequence)
        {
            int longest;
            return Check(buffer, offset, count, out sequence, out longest);
        }

        /// <summary>
        /// Longest text a slot of <paramref name="def"/> can hold: 1300 for address lists, the
        /// digits of the widest bound for integers, the longest choice for choice lists, the
        /// maximum length for all other kinds.
        /// </summary>
        public static int MaxValueLength(ParameterDef def)
        {
            switch (def.Kind)
            {
                case ParameterKind.AddressList:
                    return MaxAddressListLength;
                case ParameterKind.Integer:
                {
                    int min = DecimalLength(def.Min);
                    int max = DecimalLength(def.Max);
                    return min > max ? min : max;
                }
                case ParameterKind.IntegerChoice:
                    return LongestChoice(def.Choices);
                default:
                    return def.MaxLength;
            }
        }

        private static bool Check(byte[] buffer, int offset, int count, out uint sequence, out int longest)
        {
            sequence = 0;
            longest = 0;

            // Written so that no sum can overflow whatever the arguments are.
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
            {
                return false;
            }

            if (count < HeaderLength + CrcLength)
            {
                return false;
            }

            if (buffer[offset + MagicOffset] != Magic0 || buffer[offset + MagicOffset + 1] != Magic1
                || buffer[offset + MagicOffset + 2] != Magic2 || buffer[offset + MagicOffset + 3] != Magic3)
            {
                return false;
            }

            if (buffer[offset + VersionOffset] != FormatVersion)
            {
                return false;
            }

            int payload = ReadUInt16(buffer, offset + PayloadLengthOffset);
            if (payload > count - HeaderLength - CrcLength)
            {
                return false;
            }

            int crcOffset = offset + HeaderLength + payload;
            if (ReadUInt32(buffer, crcOffset) != Crc32.Compute(buffer, offset, HeaderLength + payload))
            {
                return false;
            }

            // The CRC only says the bytes are the ones written; the entries must still fit exactly.
            int p = offset + HeaderLength;
            while (p < crcOffset)
            {
                if (crcOffset - p < EntryHeaderLength)
                {
                    return false;
                }

                int length = ReadUInt16(buffer, p + 2);
                p += EntryHeaderLength;
                if (length > crcOffset - p)
                {
                    return false;
                }

                for (int c = 0; c < length; c++)
                {
                    if (buffer[p + c] > 0x7F)
                    {
                        return false;
                    }
                }

                if (length > longest)
                {
                    longest = length;
                }

                p += length;
            }

            sequence = ReadUInt32(buffer, offset + SequenceOffset);
            return true;
        }

        private static int ComputeMaxImageLength()
        {
            ParameterDef[] all = ParameterTable.All;
            int total = HeaderLength + CrcLength;
            for (int i = 0; i < all.Length; i++)
            {
                total += all[i].Slots * (EntryHeaderLength + MaxValueLength(all[i]));
            }

            return total;
        }

        private static int DecimalLength(int value)
        {
            // Widened so that int.MinValue has a magnitude.
            long v = value;
            int length = 1;
            if (v < 0)
            {
                length++;
                v = -v;
            }

            while (v >= 10)
            {
                v /= 10;
                length++;
            }

            return length;
        }

        private static int LongestChoice(string choices)
        {
            if (choices == null)
            {
                return 0;
            }

            int longest = 0;
            int run = 0;
            for (int i = 0; i < choices.Length; i++)
            {
                if (choices[i] == ',')
                {
                    run = 0;
                }
                else if (++run > longest)
                {
                    longest = run;
                }
            }

            return longest;
        }

        private static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }

        private static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        private static int ReadUInt16(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8);
        }

        private static uint ReadUInt32(byte[] buffer, int offset)
        {
            return (uint)(buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24));
        }
    }
}
