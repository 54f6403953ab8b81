namespace EdSoftNano.Device.Boards
{
    /// <summary>
    /// Control-line timings of a GSM module, from its hardware design guide (the board READMEs
    /// say which document and which figure). A driver of the control lines uses these; the values
    /// carry a margin over the documented minimum.
    /// </summary>
    public sealed class ModemTimings
    {
        /// <summary>
        /// SIMCom SIM800L. SIM800L(MT6261) Hardware Design V1.01, figure 12: PWRKEY low t &gt; 1 s to
        /// power on, the serial port is active T &gt; 1.5 s later (the module then sends RDY at a
        /// fixed baud rate). RESET low &gt;= 105 ms (emergency reset, section 4.2.3).
        /// </summary>
        public static readonly ModemTimings Sim800L = new ModemTimings("SIMCom SIM800L", 1200, 120, 3000);

        /// <summary>
        /// Quectel M95. M95 Hardware Design V1.0, section 3.4.1 and figure 8: PWRKEY low for more
        /// than 1 s when STATUS is not watched. The module has no RESET input (EMERG_OFF only
        /// switches it off), so <see cref="ResetLowMs"/> is 0.
        /// </summary>
        public static readonly ModemTimings QuectelM95 = new ModemTimings("Quectel M95", 1100, 0, 3000);

        public readonly string Module;

        /// <summary>How long PWRKEY is held low to switch the module on.</summary>
        public readonly int PowerKeyLowMs;

        /// <summary>How long RESET is held low for an emergency reset; 0 when the module has no RESET input.</summary>
        public readonly int ResetLowMs;

        /// <summary>How long after the PWRKEY pulse before the UART is used.</summary>
        public readonly int ReadyAfterMs;

        public ModemTimings(string module, int powerKeyLowMs, int resetLowMs, int readyAfterMs)
        {
            Module = module;
            PowerKeyLowMs = powerKeyLowMs;
            ResetLowMs = resetLowMs;
            ReadyAfterMs = readyAfterMs;
        }
    }
}
