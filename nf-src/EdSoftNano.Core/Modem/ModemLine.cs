namespace EdSoftNano.Modem
{
    /// <summary>
    /// Classifies one line the modem sent (whole lines, never substrings): a final result code,
    /// an unsolicited result code the driver handles, or anything else (information text).
    /// </summary>
    public static class ModemLine
    {
        public const int KindText = 0;
        public const int KindFinal = 1;
        public const int KindRing = 2;
        public const int KindCring = 3;
        public const int KindClip = 4;
        public const int KindCreg = 5;
        public const int KindCgreg = 6;
        public const int KindSimRemoved = 7;

        /// <summary>The final result a line stands for, or None.</summary>
        public static ModemResult Final(string line)
        {
            switch (line)
            {
                case "OK": return ModemResult.Ok;
                case "ERROR": return ModemResult.Error;
                case "NO CARRIER": return ModemResult.NoCarrier;
                case "BUSY": return ModemResult.Busy;
                case "NO ANSWER": return ModemResult.NoAnswer;
                case "NO DIALTONE": return ModemResult.NoDialtone;
                case "CONNECT": return ModemResult.Connect;
            }

            if (HasPrefix(line, "CONNECT "))
            {
                return ModemResult.Connect;
            }

            if (HasPrefix(line, "+CME ERROR:") || HasPrefix(line, "+CMS ERROR:"))
            {
                return ModemResult.CmeError;
            }

            return ModemResult.None;
        }

        /// <summary>The kind of an unsolicited line (KindText when it is none of ours).</summary>
        public static int Unsolicited(string line)
        {
            if (line == "RING")
            {
                return KindRing;
            }

            if (HasPrefix(line, "+CRING:"))
            {
                return KindCring;
            }

            if (HasPrefix(line, "+CLIP:"))
            {
                return KindClip;
            }

            if (HasPrefix(line, "+CREG:"))
            {
                return KindCreg;
            }

            if (HasPrefix(line, "+CGREG:"))
            {
                return KindCgreg;
            }

            if (line == "+CPIN: NOT READY" || line == "+CPIN: NOT INSERTED" || line == "+SIM: 0")
            {
                return KindSimRemoved;
            }

            return KindText;
        }

        /// <summary>The integer fields after "PREFIX:" ("+CREG: 1,5" → count 2); fields that are not numbers read -1.</summary>
        public static int Fields(string line, int[] values)
        {
            int colon = line.IndexOf(':');
            if (colon < 0)
            {
                return 0;
            }

            int count = 0;
            int value = 0;
            bool digits = false;
            bool number = true;
            for (int i = colon + 1; i <= line.Length; i++)
            {
                char c = i < line.Length ? line[i] : ',';
                if (c == ',')
                {
                    if (count < values.Length)
                    {
                        values[count] = digits && number ? value : -1;
                    }

                    count++;
                    value = 0;
                    digits = false;
                    number = true;
                }
                else if (c >= '0' && c <= '9' && value < 100000000)
                {
                    value = value * 10 + (c - '0');
                    digits = true;
                }
                else if (c != ' ')
                {
                    number = false;
                }
            }

            return count;
        }

        /// <summary>
        /// Whether <paramref name="text"/> begins with <paramref name="prefix"/>, char for char. (.NET's
        /// string.StartsWith is culture-sensitive and skips control characters: "+CM\x8AE ERROR: 3" would
        /// pass for "+CME ERROR:" on the virtual device and not on the board.)
        /// </summary>
        public static bool HasPrefix(string text, string prefix)
        {
            if (text.Length < prefix.Length)
            {
                return false;
            }

            for (int i = 0; i < prefix.Length; i++)
            {
                if (text[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether <paramref name="part"/> occurs anywhere in <paramref name="text"/>, char for char.</summary>
        public static bool Contains(string text, string part)
        {
            for (int i = 0; i + part.Length <= text.Length; i++)
            {
                int j = 0;
                while (j < part.Length && text[i + j] == part[j])
                {
                    j++;
                }

                if (j == part.Length)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The first double-quoted field of a line (+CLIP: "0612345678",129 → 0612345678), or "".</summary>
        public static string FirstQuoted(string line)
        {
            int open = line.IndexOf('"');
            if (open < 0)
            {
                return string.Empty;
            }

            int close = line.IndexOf('"', open + 1);
            return close < 0 ? string.Empty : line.Substring(open + 1, close - open - 1);
        }
    }
}
