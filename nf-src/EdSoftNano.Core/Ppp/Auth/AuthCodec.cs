namespace EdSoftNano.Ppp.Auth
{
    /// <summary>
    /// Codes and layout of PAP (RFC 1334 2.2) and CHAP (RFC 1994 4) packets, and the small helpers
    /// the four roles share: header write and check, credential copy, constant-time compare.
    /// </summary>
    public static class AuthCodec
    {
        /// <summary>PAP Authenticate-Request (RFC 1334 2.2.1).</summary>
        public const byte PapRequest = 1;
        /// <summary>PAP Authenticate-Ack (RFC 1334 2.2.2).</summary>
        public const byte PapAck = 2;
        /// <summary>PAP Authenticate-Nak (RFC 1334 2.2.2).</summary>
        public const byte PapNak = 3;

        /// <summary>CHAP Challenge (RFC 1994 4.1).</summary>
        public const byte ChapChallenge = 1;
        /// <summary>CHAP Response (RFC 1994 4.1).</summary>
        public const byte ChapResponse = 2;
        /// <summary>CHAP Success (RFC 1994 4.2).</summary>
        public const byte ChapSuccess = 3;
        /// <summary>CHAP Failure (RFC 1994 4.2).</summary>
        public const byte ChapFailure = 4;

        /// <summary>CHAP algorithm number of MD5 in the LCP Authentication-Protocol option (RFC 1994 3).</summary>
        public const int ChapMd5 = 5;

        /// <summary>Code, Identifier, Length.</summary>
        public const int HeaderLength = 4;

        /// <summary>Longest name, password or secret kept (one length octet on the wire).</summary>
        public const int MaxText = 255;

        /// <summary>Transmit buffer that holds any packet the four roles build: a PAP request with a 255-byte name and password.</summary>
        public const int TxBufferLength = HeaderLength + 2 + 2 * MaxText;

        /// <summary>Default restart (retransmit) period, as LCP's.</summary>
        public const int DefaultRestartMs = 3000;

        /// <summary>Default number of requests / challenges sent before giving up.</summary>
        public const int DefaultMaxTransmits = 10;

        /// <summary>Writes Code, Identifier, Length at buf[offset].</summary>
        public static void WriteHeader(byte[] buf, int offset, int code, int id, int length)
        {
            buf[offset] = (byte)code;
            buf[offset + 1] = (byte)id;
            buf[offset + 2] = (byte)(length >> 8);
            buf[offset + 3] = (byte)length;
        }

        /// <summary>The packet's Length field when it is valid (at least a header, within count), else -1.</summary>
        public static int CheckedLength(byte[] packet, int offset, int count)
        {
            if (count < HeaderLength)
            {
                return -1;
            }

            int length = (packet[offset + 2] << 8) | packet[offset + 3];
            return length < HeaderLength || length > count ? -1 : length;
        }

        /// <summary>Copies the low byte of each character of <paramref name="text"/> (at most <see cref="MaxText"/>) into dst; returns the length. Null copies nothing.</summary>
        public static int CopyText(string text, byte[] dst)
        {
            if (text == null)
            {
                return 0;
            }

            int n = text.Length;
            if (n > MaxText)
            {
                n = MaxText;
            }

            for (int i = 0; i < n; i++)
            {
                dst[i] = (byte)text[i];
            }

            return n;
        }

        /// <summary>True when a[ao, ao + al) equals b[bo, bo + bl); the time depends only on the lengths.</summary>
        public static bool SameBytes(byte[] a, int ao, int al, byte[] b, int bo, int bl)
        {
            if (al != bl)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < al; i++)
            {
                diff |= a[ao + i] ^ b[bo + i];
            }

            return diff == 0;
        }
    }
}
