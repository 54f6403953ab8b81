namespace EdSoftNano.VirtualDevice
{
    /// <summary>The --modem option: "sim", or "serial:DEVICE@BAUD".</summary>
    internal readonly struct ModemSpec
    {
        private ModemSpec(string device, int baud)
        {
            Device = device;
            Baud = baud;
        }

        public bool Serial => Device != null;

        public string Device { get; }

        public int Baud { get; }

        public static bool TryParse(string text, out ModemSpec spec, out string problem)
        {
            spec = default;
            problem = null;
            if (text == null || text == "sim")
            {
                return true;
            }

            const string prefix = "serial:";
            if (!text.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                problem = "expected sim or serial:DEVICE@BAUD, got \"" + text + "\"";
                return false;
            }

            string rest = text.Substring(prefix.Length);
            int at = rest.LastIndexOf('@');
            int baud = 115200;
            if (at >= 0)
            {
                if (!int.TryParse(rest.Substring(at + 1), out baud) || baud <= 0)
                {
                    problem = "bad baud rate in \"" + text + "\"";
                    return false;
                }

                rest = rest.Substring(0, at);
            }

            if (rest.Length == 0)
            {
                problem = "no device in \"" + text + "\"";
                return false;
            }

            spec = new ModemSpec(rest, baud);
            return true;
        }
    }
}
