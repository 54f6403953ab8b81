namespace EdSoftNano.Session
{
    /// <summary>Dotted-decimal text of IPv4 addresses held as uint in host byte order (a.b.c.d = a&lt;&lt;24 | …).</summary>
    public static class IPv4Text
    {
        public static string Format(uint address)
            => string.Concat(
                string.Concat(((address >> 24) & 0xFF).ToString(), ".", ((address >> 16) & 0xFF).ToString()),
                ".",
                string.Concat(((address >> 8) & 0xFF).ToString(), ".", (address & 0xFF).ToString()));

        /// <summary>Parses a canonical dotted quad (as the parameter store keeps them); 0 for anything else.</summary>
        public static uint Parse(string text)
        {
            uint result = 0;
            int octet = 0;
            int parts = 0;
            bool digits = false;
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : '.';
                if (c == '.')
                {
                    if (!digits || octet > 255)
                    {
                        return 0;
                    }

                    result = (result << 8) | (uint)octet;
                    parts++;
                    octet = 0;
                    digits = false;
                }
                else if (c >= '0' && c <= '9')
                {
                    octet = octet * 10 + (c - '0');
                    digits = true;
                }
                else
                {
                    return 0;
                }
            }

            return parts == 4 ? result : 0;
        }
    }
}
