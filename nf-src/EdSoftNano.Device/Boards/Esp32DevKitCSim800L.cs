namespace EdSoftNano.Device.Boards
{
    /// <summary>
    /// Espressif ESP32-DevKitC V4 (ESP32-WROOM-32) with a SIM800L breakout; boards/esp32-devkitc-sim800l.
    /// Pins checked against the ESP32-DevKitC V4 Getting Started Guide (header tables J1/J3):
    /// GPIO16/17 exist on WROOM modules only (WROVER uses them for PSRAM), GPIO34-39 are inputs.
    /// Avoided: GPIO6-11 (SPI flash), GPIO1/3 (COM1, the debug UART), strapping pins 0, 2, 5, 12, 15.
    /// </summary>
    public static class Esp32DevKitCSim800L
    {
        public static BoardDefinition Create()
        {
            // Host MCU on COM2 with RTS/CTS: TX GPIO17, RX GPIO16, RTS GPIO18 (out), CTS GPIO19 (in).
            UartPins host = new UartPins("COM2", 115200, 17, 16, 18, 19, true);

            // SIM800L on COM3: our TX GPIO27 -> module RXD, our RX GPIO26 <- module TXD. The usual
            // SIM800L breakouts bring out no RTS/CTS, so the modem link runs without flow control.
            UartPins modem = new UartPins("COM3", 115200, 27, 26, UartPins.None, UartPins.None, true);

            // PWRKEY GPIO4, RESET GPIO23, no supply switch, DTR GPIO22, RI GPIO35 (input-only pin, RI is an input here).
            ModemPins control = new ModemPins(4, 23, UartPins.None, 22, 35);

            return new BoardDefinition("ESP32-DevKitC (ESP32-WROOM-32) + SIM800L", "ESP32_REV3", host, modem, control,
                ModemTimings.Sim800L, "I:\\edsoftnano", 0, false, "Wi-Fi");
        }
    }
}
