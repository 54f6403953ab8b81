namespace EdSoftNano.Net
{
    /// <summary>
    /// The DNS wire format (RFC 1035 4.1) as far as a stub resolver needs it: emit a recursive
    /// query for an A record, parse the response's header and answers. Caller-owned buffers, no
    /// allocation; parsing checks every length and never throws.
    /// </summary>
    public static class DnsMessage
    {
        /// <summary>DNS over UDP carries at most this many bytes without EDNS (RFC 1035 4.2.1).</summary>
        public const int MaxUdpLength = 512;

        public const int ServerPort = 53;

        public const int HeaderLength = 12;

        /// <summary>An encoded name (length octets and labels, root included) is at most 255 octets (RFC 1035 2.3.4).</summary>
        public const int MaxNameLength = 255;

        public const int MaxLabelLength = 63;

        /// <summary>Longest query <see cref="EmitQuery"/> writes: header, the longest name, QTYPE and QCLASS.</summary>
        public const int MaxQueryLength = HeaderLength + MaxNameLength + 4;

        public const int TypeA = 1;
        public const int ClassIn = 1;

        public const int ResponseOk = 0;
        public const int ResponseServerFailure = 2;
        public const int ResponseNameError = 3;

        // Header field offsets and flag bits (RFC 1035 4.1.1).
        private const int IdOffset = 0;
        private const int FlagsOffset = 2;
        private const int QuestionCountOffset = 4;
        private const int AnswerCountOffset = 6;
        private const int FlagResponse = 0x8000;
        private const int OpcodeMask = 0x7800;
        private const int FlagTruncated = 0x0200;
        private const int FlagRecursionDesired = 0x0100;
        private const int ResponseCodeMask = 0x000F;
        private const int PointerMask = 0xC0;

        /// <summary>
        /// Writes a standard query with recursion desired for the A record of <paramref name="name"/>
        /// (a trailing dot is allowed). Returns its length, or -1 when the name is empty, not ASCII,
        /// has an empty or over-long label, or when the buffer is too small.
        /// </summary>
        public static int EmitQuery(byte[] buffer, int offset, int id, string name)
        {
            int nameLength = EncodedNameLength(name);
            if (nameLength < 0 || buffer.Length - offset < HeaderLength + nameLength + 4)
            {
                return -1;
            }

            PutUInt16(buffer, offset + IdOffset, id);
            PutUInt16(buffer, offset + FlagsOffset, FlagRecursionDesired);
            PutUInt16(buffer, offset + QuestionCountOffset, 1);
            for (int i = AnswerCountOffset; i < HeaderLength; i++)
            {
                buffer[offset + i] = 0;
            }

            int at = offset + HeaderLength;
            int labelAt = at++;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c == '.')
                {
                    buffer[labelAt] = (byte)(at - labelAt - 1);
                    labelAt = at++;
                }
                else
                {
                    buffer[at++] = (byte)c;
                }
            }

            // A trailing dot already closed the last label: its length octet is the root's zero.
            buffer[labelAt] = (byte)(at - labelAt - 1);
            if (at - labelAt - 1 != 0)
            {
                buffer[at++] = 0;
            }

            PutUInt16(buffer, at, TypeA);
            PutUInt16(buffer, at + 2, ClassIn);
            return at + 4 - offset;
        }

        /// <summary>
        /// Reads a response: false when it is not one (QR clear, another opcode) or is malformed
        /// (a length that runs past <paramref name="count"/>, a reserved label type). The answer
        /// section may be cut short when TC is set; the records before the cut still count.
        /// </summary>
        public static bool TryParseReply(byte[] buffer, int offset, int count, out DnsReply reply)
        {
            reply = new DnsReply();
            if (offset < 0 || count < HeaderLength || buffer.Length - offset < count)
            {
                return false;
            }

            int flags = GetUInt16(buffer, offset + FlagsOffset);
            if ((flags & FlagResponse) == 0 || (flags & OpcodeMask) != 0)
            {
                return false;
            }

            reply.Id = GetUInt16(buffer, offset + IdOffset);
            reply.ResponseCode = flags & ResponseCodeMask;
            reply.Truncated = (flags & FlagTruncated) != 0;
            int questions = GetUInt16(buffer, offset + QuestionCountOffset);
            int answers = GetUInt16(buffer, offset + AnswerCountOffset);
            int end = offset + count;
            int at = offset + HeaderLength;
            for (int i = 0; i < questions; i++)
            {
                at = SkipName(buffer, at, end);
                if (at < 0 || end - at < 4)
                {
                    return false;
                }

                at += 4;
            }

            for (int i = 0; i < answers; i++)
            {
                at = SkipName(buffer, at, end);
                if (at < 0 || end - at < 10)
                {
                    return reply.Truncated;
                }

                int type = GetUInt16(buffer, at);
                int cls = GetUInt16(buffer, at + 2);
                int dataLength = GetUInt16(buffer, at + 8);
                at += 10;
                if (end - at < dataLength)
                {
                    return reply.Truncated;
                }

                if (!reply.HasAddress && type == TypeA && cls == ClassIn && dataLength == 4)
                {
                    reply.HasAddress = true;
                    reply.Address = (uint)buffer[at] << 24 | (uint)buffer[at + 1] << 16 | (uint)buffer[at + 2] << 8 | buffer[at + 3];
                }

                at += dataLength;
            }

            return true;
        }

        /// <summary>Octets <paramref name="name"/> takes on the wire, or -1 when it cannot be a host name query.</summary>
        public static int EncodedNameLength(string name)
        {
            if (name == null || name.Length == 0 || name == ".")
            {
                return -1;
            }

            int label = 0;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c == '.')
                {
                    if (label == 0)
                    {
                        return -1;
                    }

                    label = 0;
                }
                else if (c <= ' ' || c >= 0x7F || ++label > MaxLabelLength)
                {
                    return -1;
                }
            }

            // Labels and dots map one to one onto length octets and labels, plus the first length
            // octet and the root; a trailing dot stands for the root already.
            int length = name.Length + (label == 0 ? 1 : 2);
            return length <= MaxNameLength ? length : -1;
        }

        // Past a name at 'at': its labels up to the root, or up to a compression pointer (RFC 1035 4.1.4).
        private static int SkipName(byte[] buffer, int at, int end)
        {
            while (at < end)
            {
                int length = buffer[at];
                if (length == 0)
                {
                    return at + 1;
                }

                if ((length & PointerMask) == PointerMask)
                {
                    return end - at >= 2 ? at + 2 : -1;
                }

                if ((length & PointerMask) != 0)
                {
                    return -1;
                }

                at += 1 + length;
            }

            return -1;
        }

        private static int GetUInt16(byte[] buffer, int at) => buffer[at] << 8 | buffer[at + 1];

        private static void PutUInt16(byte[] buffer, int at, int value)
        {
            buffer[at] = (byte)(value >> 8);
            buffer[at + 1] = (byte)value;
        }
    }
}
