using EdSoftNano.Device.Boards;

namespace EdSoftNano.Device.Control
{
    /// <summary>
    /// The honest stand-in while no GPIO API is available: it drives nothing and says so. None
    /// of the packages pinned for this project (nanoframework/NOTES.md) has a GPIO output or input
    /// API: System.Device.Gpio (GpioController) lives in the nanoFramework.System.Device.Gpio
    /// package, which is not pinned. Until that package is added (and a GPIO implementation of
    /// <see cref="IModemControl"/> written with the board's <see cref="ModemPins"/> and the
    /// module's <see cref="ModemTimings"/>), the module must power itself up (a breakout that
    /// ties PWRKEY low, or its button) and RI cannot wake the firmware; the AT channel still
    /// works: the firmware sees RING / +CRING on the UART.
    /// </summary>
    public sealed class UnwiredModemControl : IModemControl
    {
        private readonly BoardDefinition _board;

        public UnwiredModemControl(BoardDefinition board)
        {
            _board = board;
        }

        /// <inheritdoc/>
        public bool Drives => false;

        /// <inheritdoc/>
        public bool RingActive => false;

        /// <inheritdoc/>
        public bool PowerOn() => false;

        /// <inheritdoc/>
        public bool Reset() => false;

        /// <inheritdoc/>
        public bool SetDtr(bool asserted) => false;

        /// <inheritdoc/>
        public string Describe()
        {
            ModemPins pins = _board.ModemControl;
            ModemTimings t = _board.ModemModule;
            return string.Concat(
                string.Concat("modem control lines not driven (no pinned GPIO package; add nanoFramework.System.Device.Gpio): ",
                    t.Module, ": PWRKEY ", _board.PinName(pins.PowerKey)),
                string.Concat(" (low ", t.PowerKeyLowMs.ToString(), " ms), RESET ", _board.PinName(pins.Reset),
                    " (low ", t.ResetLowMs.ToString(), " ms)"),
                string.Concat(", POWER ", _board.PinName(pins.PowerEnable), ", DTR ", _board.PinName(pins.Dtr)),
                string.Concat(", RI ", _board.PinName(pins.Ring)));
        }
    }
}
