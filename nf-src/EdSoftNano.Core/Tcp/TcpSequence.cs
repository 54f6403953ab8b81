namespace EdSoftNano.Tcp
{
    /// <summary>Sequence-number comparisons modulo 2^32 (RFC 9293 3.4): a is before b when b - a, as a signed 32-bit value, is positive.</summary>
    public static class TcpSequence
    {
        /// <summary>a &lt; b.</summary>
        public static bool Lt(uint a, uint b) => (int)(a - b) < 0;

        /// <summary>a &lt;= b.</summary>
        public static bool Le(uint a, uint b) => (int)(a - b) <= 0;

        /// <summary>a &gt; b.</summary>
        public static bool Gt(uint a, uint b) => (int)(a - b) > 0;

        /// <summary>a &gt;= b.</summary>
        public static bool Ge(uint a, uint b) => (int)(a - b) >= 0;

        /// <summary>low &lt;= s &lt; low + length (a window of length 0 holds nothing).</summary>
        public static bool InWindow(uint s, uint low, int length) => (int)(s - low) >= 0 && (int)(s - low) < length;
    }
}
