namespace EdSoftNano.At
{
    /// <summary>
    /// An AT# line split into name, operation and argument. Names are case-insensitive and may
    /// contain spaces ("AT#GPRS MODE=0", "AT# DIALN1"): they are upper-cased and the spaces dropped.
    /// One instance is reused for every line.
    /// </summary>
    public sealed class ParsedCommand
    {
        /// <summary>Canonical name (aliases resolved), without '#'.</summary>
        public string Name;
        public CommandOp Op;
        /// <summary>Text after '=' (or from the quote of "AT#NAME\"value\""); empty otherwise.</summary>
        public string Argument;

        /// <summary>Parses the characters after "AT#" of <paramref name="line"/>.</summary>
        public void Parse(string line, int start)
        {
            Name = string.Empty;
            Argument = string.Empty;
            Op = CommandOp.Execute;

            int i = start;
            char[] name = new char[line.Length - start];
            int nameLength = 0;
            while (i < line.Length)
            {
                char c = line[i];
                if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                {
                    name[nameLength++] = c;
                }
                else if (c >= 'a' && c <= 'z')
                {
                    name[nameLength++] = (char)(c - 'a' + 'A');
                }
                else if (c != ' ')
                {
                    break;
                }

                i++;
            }

            Name = CommandNames.Canonical(new string(name, 0, nameLength));
            if (nameLength == 0)
            {
                Op = CommandOp.Invalid;
                return;
            }

            if (i == line.Length)
            {
                return;
            }

            char op = line[i];
            if (op == '?')
            {
                Op = IsBlank(line, i + 1) ? CommandOp.Get : CommandOp.Invalid;
            }
            else if (op == '=')
            {
                Op = CommandOp.Set;
                Argument = line.Substring(i + 1);
            }
            else if (op == '"')
            {
                // Appendix A.6.1 writes AT#SENDERADDR"module@domain.com": read it as a set.
                Op = CommandOp.Set;
                Argument = line.Substring(i);
            }
            else
            {
                Op = CommandOp.Invalid;
            }
        }

        private static bool IsBlank(string line, int from)
        {
            for (int i = from; i < line.Length; i++)
            {
                if (line[i] != ' ')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
