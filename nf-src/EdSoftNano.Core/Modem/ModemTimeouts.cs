namespace EdSoftNano.Modem
{
    /// <summary>How long the modem may take (27.007 modules answer most commands in well under a second).</summary>
    public static class ModemTimeouts
    {
        public const int Command = 5000;
        /// <summary>The host's own commands: it may send anything, some take long.</summary>
        public const int HostCommand = 30000;
        /// <summary>ATD, ATA, AT+COPS, AT+CGATT: network procedures.</summary>
        public const int Network = 180000;
        /// <summary>Guard time of the +++ escape (S12 default: 1 s), before and after.</summary>
        public const int EscapeGuard = 1000;
        /// <summary>How long after the escape the modem may take to say OK.</summary>
        public const int EscapeAnswer = 3000;
        /// <summary>
        /// After a command timed out, the "AT" sent before the next one must be answered within
        /// <see cref="Command"/>; then lines are taken as the old command's late answer for this long.
        /// </summary>
        public const int Settle = 100;
        /// <summary>A line the modem began and left without its end for this long is over (noise, or cut).</summary>
        public const int LineIdle = 1000;
    }
}
