namespace EdSoftNano.Ppp
{
    /// <summary>
    /// The constants of RFC 1662 HDLC-like framing in octet-stuffed (asynchronous) mode.
    /// </summary>
    public static class HdlcCodes
    {
        /// <summary>Flag sequence: starts and ends every frame.</summary>
        public const byte Flag = 0x7E;

        /// <summary>Control escape: the next byte is sent XOR <see cref="EscapeXor"/>.</summary>
        public const byte Escape = 0x7D;

        /// <summary>Value an escaped byte is XORed with.</summary>
        public const byte EscapeXor = 0x20;

        /// <summary>All-Stations address field.</summary>
        public const byte Address = 0xFF;

        /// <summary>Unnumbered Information control field.</summary>
        public const byte Control = 0x03;

        /// <summary>The ACCM in force before LCP negotiates one, and for LCP's own Configure/Terminate/Code-Reject frames: every control character escaped.</summary>
        public const uint DefaultAccm = 0xFFFFFFFF;

        /// <summary>Shortest frame between two flags, FCS included, that is not discarded as a runt (RFC 1662 4.3, 16-bit FCS).</summary>
        public const int MinFrame = 4;

        /// <summary>
        /// Boxed forms of <see cref="Flag"/>, <see cref="Escape"/> and the 32 control characters,
        /// indexed by value (0x00-0x1F, then [32] = Flag, [33] = Escape), for the native
        /// <see cref="System.Array.IndexOf(System.Array, object, int, int)"/>. Boxed once: boxing at
        /// each scan would allocate on the data path.
        /// </summary>
        internal static readonly object[] Boxed = BuildBoxed();

        private static object[] BuildBoxed()
        {
            object[] boxed = new object[34];
            for (int i = 0; i < 32; i++)
            {
                boxed[i] = (byte)i;
            }

            boxed[32] = Flag;
            boxed[33] = Escape;
            return boxed;
        }
    }
}
