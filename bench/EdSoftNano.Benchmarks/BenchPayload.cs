using System;
using System.Collections.Generic;

namespace EdSoftNano.Benchmarks
{
    /// <summary>Payloads for the data-mode benchmarks: random bytes with a given share of ETX/DLE.</summary>
    public static class BenchPayload
    {
        /// <summary>Payload bytes one benchmark operation moves (the MB/s column divides by this).</summary>
        public const int Bytes = 1 << 20;

        public static byte[] Create(int specialPercent, int seed)
        {
            var random = new Random(seed);
            var bytes = new byte[Bytes];
            random.NextBytes(bytes);
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == 0x03 || bytes[i] == 0x10)
                {
                    bytes[i] = 0x41;
                }

                if (random.Next(100) < specialPercent)
                {
                    bytes[i] = random.Next(2) == 0 ? (byte)0x03 : (byte)0x10;
                }
            }

            return bytes;
        }

        /// <summary>The host's coding of <paramref name="payload"/> (spec 4.3), written the plain way.</summary>
        public static byte[] Escape(byte[] payload)
        {
            var output = new List<byte>(payload.Length * 2);
            foreach (byte b in payload)
            {
                if (b == 0x03 || b == 0x10)
                {
                    output.Add(0x10);
                }

                output.Add(b);
            }

            return output.ToArray();
        }
    }
}
