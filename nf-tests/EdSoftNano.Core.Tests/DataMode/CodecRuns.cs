using System;
using System.Collections.Generic;
using EdSoftNano.DataMode;

namespace EdSoftNano.Tests.DataMode
{
    /// <summary>Drives a codec over a whole input, with input blocks and output room cut by cycling chunk sizes.</summary>
    public static class CodecRuns
    {
        public static byte[] Escape(DleEscaper escaper, byte[] input, int[] inChunks, int[] outChunks)
        {
            var result = new List<byte>();
            var room = new byte[64];
            int position = 0;
            int step = 0;
            while (position < input.Length || escaper.HasPending)
            {
                int inCount = Math.Min(inChunks[step % inChunks.Length], input.Length - position);
                int outCount = outChunks[step % outChunks.Length];
                step++;
                int consumed = escaper.Encode(input, position, inCount, room, 0, outCount, out int produced);
                if (consumed == 0 && produced == 0)
                {
                    throw new InvalidOperationException("escaper made no progress at " + position);
                }

                position += consumed;
                result.AddRange(new ArraySegment<byte>(room, 0, produced));
            }

            return result.ToArray();
        }

        /// <summary>Decodes until the bare ETX or the end of <paramref name="input"/>.</summary>
        public static byte[] Unescape(DleUnescaper decoder, byte[] input, int[] inChunks, int[] outChunks, out int consumedTotal, out bool ended)
        {
            var result = new List<byte>();
            var room = new byte[64];
            int position = 0;
            int step = 0;
            while (position < input.Length && !decoder.Ended)
            {
                int inCount = Math.Min(inChunks[step % inChunks.Length], input.Length - position);
                int outCount = outChunks[step % outChunks.Length];
                step++;
                int consumed = decoder.Decode(input, position, inCount, room, 0, outCount, out int produced);
                if (consumed == 0 && produced == 0)
                {
                    throw new InvalidOperationException("decoder made no progress at " + position);
                }

                position += consumed;
                result.AddRange(new ArraySegment<byte>(room, 0, produced));
            }

            consumedTotal = position;
            ended = decoder.Ended;
            return result.ToArray();
        }
    }
}
