namespace EdSoftNano.Services.Ftp
{
    /// <summary>
    /// The address of a 227 reply to PASV (RFC 959 4.1.2, 4.2): "227 Entering Passive Mode
    /// (h1,h2,h3,h4,p1,p2)". As RFC 1123 4.1.2.6 advises, the six numbers are found by scanning
    /// for the first digit after the code, not by the brackets, whose presence varies by server.
    /// </summary>
    public static class PasvReply
    {
        /// <summary>
        /// Reads the six numbers from line[offset, offset + count) (the reply line, code included).
        /// False when there are not six numbers of 0 … 255 separated by commas.
        /// </summary>
        public static bool TryParse(byte[] line, int offset, int count, out uint address, out int port)
        {
            address = 0;
            port = 0;
            int end = offset + count;
            int i = offset + 3;
            while (i < end && !IsDigit(line[i]))
            {
                i++;
            }

            uint value = 0;
            for (int field = 0; field < 6; field++)
            {
                if (field > 0)
                {
                    if (i >= end || line[i] != (byte)',')
                    {
                        return false;
                    }

                    i++;
                }

                int start = i;
                int number = 0;
                while (i < end && IsDigit(line[i]) && i - start < 3)
                {
                    number = (number * 10) + (line[i] - '0');
                    i++;
                }

                if (i == start || number > 255 || (i < end && IsDigit(line[i])))
                {
                    return false;
                }

                if (field < 4)
                {
                    value = (value << 8) | (uint)number;
                }
                else
                {
                    port = (port << 8) | number;
                }
            }

            address = value;
            return true;
        }

        private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';
    }
}
