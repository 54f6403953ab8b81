using EdSoftNano.Ip;

namespace EdSoftNano.Tcp
{
    /// <summary>The TCP checksum over the pseudo-header and the whole segment (RFC 9293 3.1).</summary>
    public static class TcpChecksum
    {
        /// <summary>The value for the checksum field of segment buffer[offset, offset + length) (its field must be 0), or 0 for a received segment whose checksum is right.</summary>
        public static int Compute(uint source, uint destination, byte[] buffer, int offset, int length)
        {
            uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, IpConstants.ProtocolTcp, length);
            return InternetChecksum.Finish(InternetChecksum.Add(sum, buffer, offset, length));
        }

        /// <summary>Computes the checksum of a segment we built and writes it into its field.</summary>
        public static void Fill(uint source, uint destination, byte[] buffer, int offset, int length)
        {
            int value = Compute(source, destination, buffer, offset, length);
            buffer[offset + TcpHeader.ChecksumOffset] = (byte)(value >> 8);
            buffer[offset + TcpHeader.ChecksumOffset + 1] = (byte)value;
        }
    }
}
