namespace EdSoftNano.At
{
    /// <summary>
    /// The V.250 commands the interpreter answers itself because they shape its own output:
    /// E (echo), V (verbose/numeric results) and Q (quiet, refused as spec 1.2 says). A line made
    /// only of these (e.g. "ATE0", "ATE1V0") is answered here; any other line goes to the modem.
    /// </summary>
    public static class BasicCommands
    {
        public static bool TryRun(byte[] line, int length, AtInterpreter interpreter, ResponseWriter writer)
        {
            if (length == 0 || !IsOnlyEvq(line, length))
            {
                return false;
            }

            bool echo = interpreter.Echo;
            bool verbose = writer.Verbose;
            int i = 0;
            while (i < length)
            {
                byte letter = Upper(line[i++]);
                int value = 0;
                if (i < length && line[i] >= '0' && line[i] <= '9')
                {
                    value = line[i++] - '0';
                }

                if (value > 1)
                {
                    writer.Result(ResultCode.Error);
                    return true;
                }

                if (letter == 'Q' && value == 1)
                {
                    // Spec 1.2: quiet mode is not allowed by the embedded application.
                    writer.Framed("+CME ERROR: 600");
                    return true;
                }

                if (letter == 'E')
                {
                    echo = value == 1;
                }
                else if (letter == 'V')
                {
                    verbose = value == 1;
                }
            }

            interpreter.Echo = echo;
            writer.Verbose = verbose;
            writer.Result(ResultCode.Ok);
            return true;
        }

        private static bool IsOnlyEvq(byte[] line, int length)
        {
            int i = 0;
            while (i < length)
            {
                byte letter = Upper(line[i++]);
                if (letter != 'E' && letter != 'V' && letter != 'Q')
                {
                    return false;
                }

                if (i < length && line[i] >= '0' && line[i] <= '9')
                {
                    i++;
                }
            }

            return true;
        }

        private static byte Upper(byte b) => b >= 'a' && b <= 'z' ? (byte)(b - 32) : b;
    }
}
