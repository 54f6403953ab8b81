namespace EdSoftNano.Device.Boards
{
    /// <summary>
    /// The modem's control lines as a board wires them (pin numbers as the target counts them,
    /// <see cref="UartPins.None"/> where a line is not wired). Which level does what is in
    /// <see cref="ModemTimings"/> and the board's README.
    /// </summary>
    public sealed class ModemPins
    {
        /// <summary>PWRKEY: pulled low for <see cref="ModemTimings.PowerKeyLowMs"/> to switch the module on.</summary>
        public readonly int PowerKey;

        /// <summary>RESET (SIM800) / EMERG_OFF (Quectel M95): emergency only.</summary>
        public readonly int Reset;

        /// <summary>A board switch for the modem's supply (LILYGO T-Call: GPIO23 high = on).</summary>
        public readonly int PowerEnable;

        /// <summary>DTR: high lets the module sleep (AT+CSCLK=1), low wakes it.</summary>
        public readonly int Dtr;

        /// <summary>RI: the module pulls it low on an incoming call or SMS (a wake-up source).</summary>
        public readonly int Ring;

        public ModemPins(int powerKey, int reset, int powerEnable, int dtr, int ring)
        {
            PowerKey = powerKey;
            Reset = reset;
            PowerEnable = powerEnable;
            Dtr = dtr;
            Ring = ring;
        }
    }
}
