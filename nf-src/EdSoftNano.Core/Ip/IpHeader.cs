namespace EdSoftNano.Ip
{
    /// <summary>
    /// The fields of one IPv4 header (RFC 791 3.1) that the stack uses, validated by
    /// <see cref="TryParse"/>; <see cref="Emit"/> writes the header we send. Parse and emit work on
    /// caller-owned buffers, never allocate and never throw.
    /// </summary>
    public struct IpHeader
    {
        /// <summary>Offsets of the header fields.</summary>
        public const int VersionOffset = 0;
        public const int TotalLengthOffset = 2;
        public const int IdentificationOffset = 4;
        public const int FragmentOffset = 6;
        public const int TtlOffset = 8;
        public const int ProtocolOffset = 9;
        public const int ChecksumOffset = 10;
        public const int SourceOffset = 12;
        public const int DestinationOffset = 16;

        /// <summary>Flag bits in the 16-bit flags/fragment-offset word.</summary>
        public const int FlagDontFragment = 0x4000;
        public const int FlagMoreFragments = 0x2000;
        public const int FragmentOffsetMask = 0x1FFF;

        /// <summary>The limited broadcast address, accepted as a destination besides our own.</summary>
        public const uint Broadcast = 0xFFFFFFFF;

        /// <summary>Header length in bytes (IHL × 4, options included).</summary>
        public int HeaderLength;

        /// <summary>Total length of the datagram, header included.</summary>
        public int TotalLength;

        public int Identification;

        /// <summary>DF: the sender forbids fragmentation.</summary>
        public bool DontFragment;

        /// <summary>MF: more fragments follow this one.</summary>
        public bool MoreFragments;

        /// <summary>Where this fragment's payload starts in the whole datagram's payload, in bytes.</summary>
        public int FragmentByteOffset;

        public int Ttl;

        public int Protocol;

        /// <summary>Addresses, host byte order.</summary>
        public uint Source;
        public uint Destination;

        /// <summary>The payload length of this datagram or fragment.</summary>
        public int PayloadLength => TotalLength - HeaderLength;

        /// <summary>True when this is a piece of a larger datagram (MF set or a non-zero offset).</summary>
        public bool IsFragment => MoreFragments || FragmentByteOffset != 0;

        /// <summary>
        /// Checks buffer[offset, offset + count) as an IPv4 header: version 4, IHL at least 5, a total
        /// length that covers the header and fits in <paramref name="count"/> (a longer buffer is link
        /// padding), and the header checksum. Returns <see cref="IpDrop.None"/> with the fields in
        /// <paramref name="header"/>, or why the datagram is dropped.
        /// </summary>
        public static int TryParse(byte[] buffer, int offset, int count, out IpHeader header)
        {
            header = default(IpHeader);
            if (count < IpConstants.HeaderLength)
            {
                return IpDrop.Truncated;
            }

            int b0 = buffer[offset + VersionOffset];
            if ((b0 >> 4) != 4)
            {
                return IpDrop.BadVersion;
            }

            int ihl = (b0 & 0x0F) * 4;
            if (ihl < IpConstants.HeaderLength)
            {
                return IpDrop.BadHeaderLength;
            }

            int total = Get16(buffer, offset + TotalLengthOffset);
            if (ihl > count || total < ihl || total > count)
            {
                return total > count ? IpDrop.Truncated : IpDrop.BadHeaderLength;
            }

            if (InternetChecksum.Compute(buffer, offset, ihl) != 0)
            {
                return IpDrop.BadChecksum;
            }

            int fragment = Get16(buffer, offset + FragmentOffset);
            header.HeaderLength = ihl;
            header.TotalLength = total;
            header.Identification = Get16(buffer, offset + IdentificationOffset);
            header.DontFragment = (fragment & FlagDontFragment) != 0;
            header.MoreFragments = (fragment & FlagMoreFragments) != 0;
            header.FragmentByteOffset = (fragment & FragmentOffsetMask) * 8;
            header.Ttl = buffer[offset + TtlOffset];
            header.Protocol = buffer[offset + ProtocolOffset];
            header.Source = Get32(buffer, offset + SourceOffset);
            header.Destination = Get32(buffer, offset + DestinationOffset);
            return IpDrop.None;
        }

        /// <summary>
        /// Writes our 20-byte header (no options, DF set, not a fragment) at buffer[offset] for a
        /// datagram of <paramref name="totalLength"/> bytes, checksum included.
        /// </summary>
        public static void Emit(byte[] buffer, int offset, int totalLength, int identification, int ttl, int protocol, uint source, uint destination)
        {
            buffer[offset] = 0x45;
            buffer[offset + 1] = 0;
            Put16(buffer, offset + TotalLengthOffset, totalLength);
            Put16(buffer, offset + IdentificationOffset, identification);
            Put16(buffer, offset + FragmentOffset, FlagDontFragment);
            buffer[offset + TtlOffset] = (byte)ttl;
            buffer[offset + ProtocolOffset] = (byte)protocol;
            Put16(buffer, offset + ChecksumOffset, 0);
            Put32(buffer, offset + SourceOffset, source);
            Put32(buffer, offset + DestinationOffset, destination);
            Put16(buffer, offset + ChecksumOffset, InternetChecksum.Compute(buffer, offset, IpConstants.HeaderLength));
        }

        /// <summary>Big-endian 16-bit read (the byte order of every header field on the wire).</summary>
        public static int Get16(byte[] buffer, int offset)
        {
            return (buffer[offset] << 8) | buffer[offset + 1];
        }

        /// <summary>Big-endian 32-bit read.</summary>
        public static uint Get32(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        /// <summary>Big-endian 16-bit write.</summary>
        public static void Put16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 8);
            buffer[offset + 1] = (byte)value;
        }

        /// <summary>Big-endian 32-bit write.</summary>
        public static void Put32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }
    }
}
