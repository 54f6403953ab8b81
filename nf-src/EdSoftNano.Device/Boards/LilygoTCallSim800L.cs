namespace EdSoftNano.Device.Boards
{
    /// <summary>
    /// LILYGO TTGO T-Call SIM800L (IP5306 power chip; revisions 20190610 and 20200811);
    /// boards/lilygo-tcall-sim800l. Modem pins checked against LILYGO's
    /// doc/SIM800L_IP5306.MD and examples/Arduino_TinyGSM (repository Xinyuan-LilyGO/LilyGo-T-Call-SIM800):
    /// the module's TX is on GPIO26 and its RX on GPIO27 (the sketch opens the port as RX 26, TX 27),
    /// PWRKEY GPIO4, RST GPIO5, modem power GPIO23; DTR and RI are not wired on these revisions.
    /// </summary>
    public static class LilygoTCallSim800L
    {
        public static BoardDefinition Create()
        {
            // Host MCU on COM3: TX GPIO18, RX GPIO19, RTS GPIO25 (out), CTS GPIO34 (input-only pin).
            UartPins host = new UartPins("COM3", 115200, 18, 19, 25, 34, true);

            // On-board SIM800L on COM2: our TX GPIO27 -> module RX, our RX GPIO26 <- module TX; no RTS/CTS on the board.
            UartPins modem = new UartPins("COM2", 115200, 27, 26, UartPins.None, UartPins.None, true);

            // PWRKEY GPIO4 (held low), RST GPIO5 (held high), POWER_ON GPIO23 (high = modem supply on).
            ModemPins control = new ModemPins(4, 5, 23, UartPins.None, UartPins.None);

            return new BoardDefinition("LILYGO T-Call (ESP32 + SIM800L, IP5306)", "ESP32_REV3", host, modem, control,
                ModemTimings.Sim800L, "I:\\edsoftnano", 0, false, "Wi-Fi");
        }
    }
}
