namespace EdSoftNano.Ip
{
    /// <summary>
    /// The Internet checksum (RFC 1071): one's-complement sum of 16-bit big-endian words, folded.
    /// Sums are kept unfolded in a uint so a header, a pseudo-header and a payload can be added in
    /// pieces; every piece but the last must have an even length.
    /// </summary>
    public static class InternetChecksum
    {
        /// <summary>Adds buffer[offset, offset + count) to <paramref name="sum"/> (an odd last byte is padded with zero).</summary>
        public static uint Add(uint sum, byte[] buffer, int offset, int count)
        {
            sum = Reduce(sum);
            int end = offset + count - 1;
            int i = offset;
            // Two words per turn: the interpreter pays per loop iteration, not per add.
            for (; i + 3 <= end; i += 4)
            {
                sum += (uint)((buffer[i] << 8) | buffer[i + 1]) + (uint)((buffer[i + 2] << 8) | buffer[i + 3]);
                if ((sum & 0x80000000) != 0)
                {
                    sum = (sum & 0xFFFF) + (sum >> 16);
                }
            }

            for (; i < end; i += 2)
            {
                sum += (uint)((buffer[i] << 8) | buffer[i + 1]);
            }

            if (i == end)
            {
                sum += (uint)(buffer[i] << 8);
            }

            return sum;
        }

        /// <summary>Adds the TCP/UDP pseudo-header (RFC 9293 3.1, RFC 768) to <paramref name="sum"/>.</summary>
        public static uint AddPseudoHeader(uint sum, uint source, uint destination, int protocol, int length)
        {
            sum = Reduce(sum);
            sum += (source >> 16) + (source & 0xFFFF);
            sum += (destination >> 16) + (destination & 0xFFFF);
            sum += (uint)protocol + (uint)length;
            return sum;
        }

        // Keeps a running sum far from uint overflow between pieces.
        private static uint Reduce(uint sum)
        {
            return (sum & 0x80000000) != 0 ? (sum & 0xFFFF) + (sum >> 16) : sum;
        }

        /// <summary>Folds the carries and complements: the value to write into a checksum field.</summary>
        public static int Finish(uint sum)
        {
            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (int)(~sum & 0xFFFF);
        }

        /// <summary>Checksum of one block, ready for the header field; 0 when the block (with its checksum in place) is valid.</summary>
        public static int Compute(byte[] buffer, int offset, int count)
        {
            return Finish(Add(0, buffer, offset, count));
        }
    }
}
