using EdSoftNano.Ip;

namespace EdSoftNano.Tcp
{
    /// <summary>
    /// The fixed TCP header (RFC 9293 3.1) and the one option we use, MSS (kind 2). Parse and emit
    /// work on caller-owned buffers and never allocate. The checksum is not part of this struct:
    /// <see cref="TcpChecksum"/> computes and checks it over the whole segment.
    /// </summary>
    public struct TcpHeader
    {
        /// <summary>Header without options.</summary>
        public const int Length = 20;

        /// <summary>Header with the MSS option (SYNs we send).</summary>
        public const int LengthWithMss = 24;

        /// <summary>Offset of the checksum field.</summary>
        public const int ChecksumOffset = 16;

        /// <summary>No more data from the sender.</summary>
        public const int Fin = 0x01;

        /// <summary>Synchronize sequence numbers.</summary>
        public const int Syn = 0x02;

        /// <summary>Reset the connection.</summary>
        public const int Rst = 0x04;

        /// <summary>Push.</summary>
        public const int Psh = 0x08;

        /// <summary>The acknowledgment field is significant.</summary>
        public const int Ack = 0x10;

        /// <summary>The urgent pointer is significant (we ignore urgent data).</summary>
        public const int Urg = 0x20;

        /// <summary>Source port.</summary>
        public int SourcePort;

        /// <summary>Destination port.</summary>
        public int DestinationPort;

        /// <summary>Sequence number of the first octet (or of the SYN).</summary>
        public uint Sequence;

        /// <summary>Next sequence number the sender expects (valid with <see cref="Ack"/>).</summary>
        public uint Acknowledgment;

        /// <summary>Header length in bytes, options included (data offset * 4).</summary>
        public int HeaderLength;

        /// <summary>Control bits (FIN … URG; CWR/ECE are ignored).</summary>
        public int Flags;

        /// <summary>Receive window (unscaled: we neither send nor accept window scaling).</summary>
        public int Window;

        /// <summary>The MSS option's value; 0 when absent (emit: no option).</summary>
        public int Mss;

        /// <summary>True when every bit of <paramref name="flag"/> is set.</summary>
        public bool Has(int flag) => (Flags & flag) == flag;

        /// <summary>
        /// Reads the header of the segment buffer[offset, offset + count): false when it is shorter
        /// than 20 bytes or its data offset does not fit. A malformed option list ends option parsing
        /// (the segment is still valid, RFC 9293 3.1 says to be robust).
        /// </summary>
        public static bool TryParse(byte[] buffer, int offset, int count, out TcpHeader header)
        {
            header = new TcpHeader();
            if (count < Length)
            {
                return false;
            }

            int headerLength = (buffer[offset + 12] >> 4) * 4;
            if (headerLength < Length || headerLength > count)
            {
                return false;
            }

            header.SourcePort = IpHeader.Get16(buffer, offset);
            header.DestinationPort = IpHeader.Get16(buffer, offset + 2);
            header.Sequence = IpHeader.Get32(buffer, offset + 4);
            header.Acknowledgment = IpHeader.Get32(buffer, offset + 8);
            header.HeaderLength = headerLength;
            header.Flags = buffer[offset + 13] & 0x3F;
            header.Window = IpHeader.Get16(buffer, offset + 14);
            int i = offset + Length;
            int end = offset + headerLength;
            while (i < end)
            {
                int kind = buffer[i];
                if (kind == 0)
                {
                    break;
                }

                if (kind == 1)
                {
                    i++;
                    continue;
                }

                if (i + 1 >= end)
                {
                    break;
                }

                int length = buffer[i + 1];
                if (length < 2 || i + length > end)
                {
                    break;
                }

                if (kind == 2 && length == 4)
                {
                    header.Mss = IpHeader.Get16(buffer, i + 2);
                }

                i += length;
            }

            return true;
        }

        /// <summary>Writes the header (with the MSS option when <see cref="Mss"/> is not 0) at buffer[offset]; the checksum field is left 0. Returns the header length.</summary>
        public int Emit(byte[] buffer, int offset)
        {
            int length = Mss != 0 ? LengthWithMss : Length;
            IpHeader.Put16(buffer, offset, SourcePort);
            IpHeader.Put16(buffer, offset + 2, DestinationPort);
            IpHeader.Put32(buffer, offset + 4, Sequence);
            IpHeader.Put32(buffer, offset + 8, Acknowledgment);
            buffer[offset + 12] = (byte)((length / 4) << 4);
            buffer[offset + 13] = (byte)Flags;
            IpHeader.Put16(buffer, offset + 14, Window);
            buffer[offset + 16] = 0;
            buffer[offset + 17] = 0;
            buffer[offset + 18] = 0;
            buffer[offset + 19] = 0;
            if (Mss != 0)
            {
                buffer[offset + 20] = 2;
                buffer[offset + 21] = 4;
                IpHeader.Put16(buffer, offset + 22, Mss);
            }

            return length;
        }
    }
}
