namespace EdSoftNano.Device.Tests.Support
{
    /// <summary>ASCII text to and from bytes without System.Text (one byte per character).</summary>
    public static class Text
    {
        public static string Of(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)buffer[offset + i];
            }

            return new string(chars);
        }

        public static byte[] Bytes(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        /// <summary>The text with CR and LF spelled out, for assertion messages.</summary>
        public static string Visible(string text)
        {
            char[] chars = new char[text.Length * 2];
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\r' || c == '\n')
                {
                    chars[n++] = '\\';
                    chars[n++] = c == '\r' ? 'r' : 'n';
                }
                else
                {
                    chars[n++] = c;
                }
            }

            return new string(chars, 0, n);
        }
    }
}
