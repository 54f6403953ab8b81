namespace EdSoftNano.At
{
    /// <summary>
    /// Recognises a modem's final result codes by whole line (never by substring): OK, ERROR,
    /// NO CARRIER, BUSY, NO ANSWER, NO DIALTONE, CONNECT[ speed], +CME ERROR: n, +CMS ERROR: n.
    /// </summary>
    public static class FinalResult
    {
        private static readonly string[] Exact = new string[] { "OK", "ERROR", "NO CARRIER", "BUSY", "NO ANSWER", "NO DIALTONE", "CONNECT" };
        private static readonly string[] Prefixes = new string[] { "+CME ERROR:", "+CMS ERROR:", "CONNECT " };

        public static bool IsFinal(byte[] line, int count)
        {
            for (int i = 0; i < Exact.Length; i++)
            {
                if (Equals(line, count, Exact[i]))
                {
                    return true;
                }
            }

            for (int i = 0; i < Prefixes.Length; i++)
            {
                if (count > Prefixes[i].Length && Equals(line, Prefixes[i].Length, Prefixes[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Equals(byte[] line, int count, string text)
        {
            if (count != text.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (line[i] != text[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
