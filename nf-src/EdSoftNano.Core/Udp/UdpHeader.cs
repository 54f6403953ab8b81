using EdSoftNano.Ip;

namespace EdSoftNano.Udp
{
    /// <summary>The UDP header (RFC 768): ports, length, checksum over the pseudo-header.</summary>
    public static class UdpHeader
    {
        public const int Length = 8;
        public const int SourcePortOffset = 0;
        public const int DestinationPortOffset = 2;
        public const int LengthOffset = 4;
        public const int ChecksumOffset = 6;

        /// <summary>
        /// Writes the header at buffer[offset] in front of <paramref name="payloadLength"/> bytes already
        /// in place, with the checksum (a computed 0 is sent as 0xFFFF: 0 means "none", RFC 768).
        /// </summary>
        public static void Emit(byte[] buffer, int offset, int sourcePort, int destinationPort, int payloadLength, uint source, uint destination)
        {
            int length = Length + payloadLength;
            IpHeader.Put16(buffer, offset + SourcePortOffset, sourcePort);
            IpHeader.Put16(buffer, offset + DestinationPortOffset, destinationPort);
            IpHeader.Put16(buffer, offset + LengthOffset, length);
            IpHeader.Put16(buffer, offset + ChecksumOffset, 0);
            uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, IpConstants.ProtocolUdp, length);
            int checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, buffer, offset, length));
            IpHeader.Put16(buffer, offset + ChecksumOffset, checksum == 0 ? 0xFFFF : checksum);
        }

        /// <summary>
        /// The UDP length of the datagram at buffer[offset, offset + count) when its header is sound
        /// and its checksum verifies (or is 0: not computed by the sender); -1 otherwise.
        /// </summary>
        public static int Check(byte[] buffer, int offset, int count, uint source, uint destination)
        {
            if (count < Length)
            {
                return -1;
            }

            int length = IpHeader.Get16(buffer, offset + LengthOffset);
            if (length < Length || length > count)
            {
                return -1;
            }

            if (IpHeader.Get16(buffer, offset + ChecksumOffset) != 0)
            {
                uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, IpConstants.ProtocolUdp, length);
                if (InternetChecksum.Finish(InternetChecksum.Add(sum, buffer, offset, length)) != 0)
                {
                    return -1;
                }
            }

            return length;
        }
    }
}
