namespace EdSoftNano.At
{
    /// <summary>
    /// Splits and unquotes set-command arguments: a value is either bare (spaces around it
    /// trimmed) or one double-quoted string with nothing after the closing quote.
    /// </summary>
    public static class ArgumentReader
    {
        private static readonly char[] Space = new char[] { ' ' };

        /// <summary>The unquoted value, or null when the quoting is malformed (syntax error).</summary>
        public static string Unquote(string argument)
        {
            string text = argument.Trim(Space);
            if (text.Length > 0 && text[0] == '"')
            {
                int close = text.IndexOf('"', 1);
                if (close != text.Length - 1)
                {
                    return null;
                }

                return text.Substring(1, text.Length - 2);
            }

            return text.IndexOf('"') >= 0 ? null : text;
        }

        /// <summary>Index of the ',' that ends the socket id of "id,value", or -1.</summary>
        public static int IdSeparator(string argument) => argument.IndexOf(',');

        /// <summary>Socket id 1 or 2 from its (possibly quoted) text; 0 when it is not one.</summary>
        public static int SocketId(string text)
        {
            string id = Unquote(text);
            if (id == "1")
            {
                return 1;
            }

            return id == "2" ? 2 : 0;
        }
    }
}
