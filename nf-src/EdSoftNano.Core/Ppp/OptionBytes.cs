namespace EdSoftNano.Ppp
{
    /// <summary>Byte helpers every control protocol's option code shares (network byte order, bounded copies).</summary>
    internal static class OptionBytes
    {
        /// <summary>Copies up to <paramref name="count"/> bytes into the reply at <paramref name="o"/>, never past <paramref name="room"/>; returns the new end.</summary>
        public static int Put(byte[] src, int from, int count, byte[] reply, int replyOffset, int o, int room)
        {
            int n = count < room - o ? count : room - o;
            if (n > 0)
            {
                System.Array.Copy(src, from, reply, replyOffset + o, n);
            }

            return o + (n > 0 ? n : 0);
        }

        public static uint GetUInt32(byte[] b, int i)
        {
            return ((uint)b[i] << 24) | ((uint)b[i + 1] << 16) | ((uint)b[i + 2] << 8) | b[i + 3];
        }

        public static void PutUInt32(byte[] b, int i, uint v)
        {
            b[i] = (byte)(v >> 24);
            b[i + 1] = (byte)(v >> 16);
            b[i + 2] = (byte)(v >> 8);
            b[i + 3] = (byte)v;
        }
    }
}
