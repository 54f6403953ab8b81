namespace EdSoftNano.Device.Control
{
    /// <summary>
    /// The GSM module's control lines: PWRKEY, RESET, a supply switch, DTR and RI. Kept behind
    /// this interface because none of the pinned nanoFramework packages drives a GPIO (see
    /// <see cref="UnwiredModemControl"/>); a GPIO implementation comes with the package that
    /// provides one.
    /// </summary>
    public interface IModemControl
    {
        /// <summary>True when the lines are really driven; false for <see cref="UnwiredModemControl"/>.</summary>
        bool Drives { get; }

        /// <summary>
        /// Switches the module on: supply on, RESET released, PWRKEY low for the module's
        /// PowerKeyLowMs, then waits ReadyAfterMs. Returns false when nothing was driven.
        /// </summary>
        bool PowerOn();

        /// <summary>Emergency reset (RESET low for ResetLowMs). Returns false when nothing was driven.</summary>
        bool Reset();

        /// <summary>Drives DTR (asserted = low = keep the module awake). Returns false when nothing was driven.</summary>
        bool SetDtr(bool asserted);

        /// <summary>True while RI is low (incoming call or SMS). Always false when RI is not read.</summary>
        bool RingActive { get; }

        /// <summary>One line for the log: the pins and what is done with them.</summary>
        string Describe();
    }
}
