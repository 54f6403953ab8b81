namespace EdSoftNano.Parameters
{
    /// <summary>
    /// Checks a value (quotes already removed) against its row of the table and returns it in
    /// canonical form, or null when it is not a legal value (#CME ERROR: 34882).
    /// </summary>
    public static class ValueRules
    {
        /// <summary>Longest integer text accepted before the range check (guards against overflow).</summary>
        private const int MaxDigits = 9;

        public static string Canonical(ParameterDef def, string value)
        {
            switch (def.Kind)
            {
                case ParameterKind.Integer:
                    return CanonicalInteger(def, value);
                case ParameterKind.IntegerChoice:
                    return CanonicalChoice(def, value);
                case ParameterKind.Text:
                case ParameterKind.Body:
                    return IsPrintable(value, def.MaxLength) ? value : null;
                case ParameterKind.Phone:
                    return IsPhone(value, def.MaxLength) ? value : null;
                case ParameterKind.IPv4:
                    return CanonicalIPv4(value);
                case ParameterKind.HostOrIPv4:
                    return CanonicalHost(value, def.MaxLength);
                case ParameterKind.AddressList:
                    return IsAddress(value, def.MaxLength) ? value : null;
                case ParameterKind.Letter:
                    return CanonicalLetter(def, value);
                default:
                    return null;
            }
        }

        /// <summary>Parses a decimal integer of at most 9 digits; -1 when it is not one.</summary>
        public static int ParseDecimal(string value)
        {
            if (value.Length == 0 || value.Length > MaxDigits)
            {
                return -1;
            }

            int result = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                result = result * 10 + (c - '0');
            }

            return result;
        }

        /// <summary>True for one e-mail address of a RECi/CCRECi list (or "" to clear the list).</summary>
        public static bool IsAddress(string value, int maxLength)
        {
            if (!IsPrintable(value, maxLength))
            {
                return false;
            }

            // ',' separates the addresses of a list and a space never belongs in an address.
            return value.IndexOf(',') < 0 && value.IndexOf(' ') < 0;
        }

        /// <summary>True when every character is printable ASCII and the length is within bounds.</summary>
        public static bool IsPrintable(string value, int maxLength)
        {
            if (value.Length > maxLength)
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < ' ' || c > '~')
                {
                    return false;
                }
            }

            return true;
        }

        private static string CanonicalInteger(ParameterDef def, string value)
        {
            int n = ParseDecimal(value);
            if (n < def.Min || n > def.Max || n % def.Step != 0)
            {
                return null;
            }

            return n.ToString();
        }

        private static string CanonicalChoice(ParameterDef def, string value)
        {
            int n = ParseDecimal(value);
            if (n < 0)
            {
                return null;
            }

            string text = n.ToString();
            string[] choices = def.Choices.Split(new char[] { ',' });
            for (int i = 0; i < choices.Length; i++)
            {
                if (choices[i] == text)
                {
                    return text;
                }
            }

            return null;
        }

        private static string CanonicalLetter(ParameterDef def, string value)
        {
            if (value.Length != 1)
            {
                return null;
            }

            string upper = value.ToUpper();
            return def.Choices.IndexOf(upper[0]) >= 0 ? upper : null;
        }

        private static bool IsPhone(string value, int maxLength)
        {
            if (value.Length > maxLength)
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool digit = c >= '0' && c <= '9';
                if (!digit && !(c == '+' && i == 0 && value.Length > 1))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Dotted-decimal IPv4 in canonical form (no leading zeros), or null.</summary>
        public static string CanonicalIPv4(string value)
        {
            if (value.Length < 7 || value.Length > 15)
            {
                return null;
            }

            string[] parts = value.Split(new char[] { '.' });
            if (parts.Length != 4)
            {
                return null;
            }

            string result = string.Empty;
            for (int i = 0; i < 4; i++)
            {
                if (parts[i].Length > 3)
                {
                    return null;
                }

                int octet = ParseDecimal(parts[i]);
                if (octet < 0 || octet > 255)
                {
                    return null;
                }

                result = i == 0 ? octet.ToString() : string.Concat(result, ".", octet.ToString());
            }

            return result;
        }

        private static string CanonicalHost(string value, int maxLength)
        {
            if (value.Length == 0)
            {
                return value;
            }

            if (value.Length > maxLength)
            {
                return null;
            }

            bool onlyDigitsAndDots = true;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
                if (!ok)
                {
                    return null;
                }

                if (c != '.' && (c < '0' || c > '9'))
                {
                    onlyDigitsAndDots = false;
                }
            }

            // "1.2.3" or "1.2.3.999" is a mistyped address, not a host name.
            if (onlyDigitsAndDots)
            {
                return CanonicalIPv4(value);
            }

            if (value[0] == '.' || value[value.Length - 1] == '.' || value.IndexOf("..") >= 0)
            {
                return null;
            }

            return value;
        }
    }
}
