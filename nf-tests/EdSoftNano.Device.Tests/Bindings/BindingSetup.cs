namespace EdSoftNano.Device.Tests.Bindings
{
    /// <summary>
    /// Where the binding tests run: an ESP32-DevKitC (ESP32-WROOM-32) flashed with ESP32_REV3,
    /// built with /p:EdSoftBoardTests=true and run with board.runsettings. The serial test needs
    /// one jumper wire on the board: GPIO17 (COM2 TX) to GPIO16 (COM2 RX). Nothing else may be
    /// connected to those pins while it runs.
    /// </summary>
    public static class BindingSetup
    {
        /// <summary>Folder on the internal littlefs drive used by the flash tests (deleted bank by bank).</summary>
        public const string FlashFolder = "I:\\edsoft-test";

        public const string LoopbackPort = "COM2";

        public const int LoopbackTxPin = 17;

        public const int LoopbackRxPin = 16;

        public const int LoopbackBaud = 115200;
    }
}
