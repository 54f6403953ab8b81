using System;
using System.Collections.Generic;

namespace EdSoftNano.Tests.DataMode
{
    /// <summary>
    /// The DLE/ETX coding of spec 4.2 / 4.3 written the obvious way, one byte at a time: the
    /// oracle the block codecs and the pump are checked against (never the code under test).
    /// </summary>
    public static class DleReference
    {
        public const byte Etx = 0x03;
        public const byte Dle = 0x10;

        public static byte[] Escape(byte[] payload)
        {
            var output = new List<byte>(payload.Length + payload.Length / 8);
            foreach (byte b in payload)
            {
                if (b == Etx || b == Dle)
                {
                    output.Add(Dle);
                }

                output.Add(b);
            }

            return output.ToArray();
        }

        /// <summary>Escaped payload followed by the bare ETX that ends it.</summary>
        public static byte[] EscapeAndEnd(byte[] payload)
        {
            byte[] escaped = Escape(payload);
            Array.Resize(ref escaped, escaped.Length + 1);
            escaped[^1] = Etx;
            return escaped;
        }

        /// <summary>A random payload in which about <paramref name="specialPercent"/>% of the bytes are ETX or DLE.</summary>
        public static byte[] Payload(int length, int specialPercent, int seed)
        {
            var random = new Random(seed);
            var bytes = new byte[length];
            random.NextBytes(bytes);
            for (int i = 0; i < length; i++)
            {
                if (bytes[i] == Etx || bytes[i] == Dle)
                {
                    bytes[i] = 0x41;
                }

                if (random.Next(100) < specialPercent)
                {
                    bytes[i] = random.Next(2) == 0 ? Etx : Dle;
                }
            }

            return bytes;
        }
    }
}
