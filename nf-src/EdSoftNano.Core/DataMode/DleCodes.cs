namespace EdSoftNano.DataMode
{
    /// <summary>
    /// The two special bytes of data mode (spec 4.2, 4.3, 5.1.1, 6.2) and their boxed forms for
    /// <see cref="System.Array.IndexOf(System.Array, object, int, int)"/>.
    /// </summary>
    public static class DleCodes
    {
        /// <summary>End of text (Ctrl-C): ends data mode or closes the socket.</summary>
        public const byte Etx = 0x03;

        /// <summary>Data link escape: the next byte is payload.</summary>
        public const byte Dle = 0x10;

        // Boxed once: Array.IndexOf(Array, object, …) is a native scan on nanoFramework, but boxing
        // the byte at each call would allocate on the data path.

        /// <summary><see cref="Etx"/> boxed, for Array.IndexOf.</summary>
        public static readonly object BoxedEtx = Etx;

        /// <summary><see cref="Dle"/> boxed, for Array.IndexOf.</summary>
        public static readonly object BoxedDle = Dle;

        /// <summary>
        /// Index of the first ETX or DLE in buffer[from, end), or <paramref name="end"/> when there is
        /// none. <paramref name="nextEtx"/> and <paramref name="nextDle"/> cache the last scans across
        /// calls over the same block (start both at -2, "not scanned"; -1 means "none up to end"), so
        /// each byte is scanned at most once per special byte kind.
        /// </summary>
        public static int NextSpecial(byte[] buffer, int from, int end, ref int nextEtx, ref int nextDle)
        {
            if (nextEtx != -1 && nextEtx < from)
            {
                nextEtx = System.Array.IndexOf(buffer, BoxedEtx, from, end - from);
            }

            if (nextDle != -1 && nextDle < from)
            {
                nextDle = System.Array.IndexOf(buffer, BoxedDle, from, end - from);
            }

            int next = end;
            if (nextEtx >= 0 && nextEtx < next)
            {
                next = nextEtx;
            }

            if (nextDle >= 0 && nextDle < next)
            {
                next = nextDle;
            }

            return next;
        }
    }
}
