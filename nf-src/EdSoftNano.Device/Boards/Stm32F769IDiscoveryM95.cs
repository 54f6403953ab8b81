namespace EdSoftNano.Device.Boards
{
    /// <summary>
    /// ST STM32F769I-DISCO with a Quectel M95 module on the Arduino header; boards/stm32f769i-disco-m95.
    /// The UART pins are fixed by the nanoFramework target ST_STM32F769I_DISCOVERY
    /// (nf-interpreter targets/ChibiOS/ST_STM32F769I_DISCOVERY/target_system_io_ports_config.cpp):
    /// COM5 = UART5 TX PD2 / RX PC12 (board.h names them WIFI_TX / WIFI_RX: the Wi-Fi module
    /// connector), COM6 = USART6 TX PC6 / RX PC7 (board.h: ARD_D1 / ARD_D0). Neither has RTS/CTS
    /// in that configuration. COM1 (USART1, the ST-LINK virtual COM port) carries the debugger.
    /// The parameter banks live on the microSD card, which the target mounts as D:.
    /// </summary>
    public static class Stm32F769IDiscoveryM95
    {
        // STM32 pin numbers as nanoFramework counts them: port index * 16 + pin (PA0 = 0, PB0 = 16 ...).
        private const int PortC = 2 * 16;
        private const int PortD = 3 * 16;
        private const int PortF = 5 * 16;
        private const int PortJ = 9 * 16;

        // The IP network is the board's Ethernet port (LAN8742A PHY, RJ45), DHCP unless the
        // configuration block says otherwise.
        public static BoardDefinition Create()
        {
            // Host MCU on COM5 (Wi-Fi module connector): TX PD2, RX PC12.
            UartPins host = new UartPins("COM5", 115200, PortD + 2, PortC + 12, UartPins.None, UartPins.None, false);

            // Quectel M95 on COM6 (Arduino D1/D0): TX PC6 -> module RXD, RX PC7 <- module TXD.
            UartPins modem = new UartPins("COM6", 115200, PortC + 6, PortC + 7, UartPins.None, UartPins.None, false);

            // PWRKEY on Arduino D2 (PJ1), no RESET input on the M95, no supply switch, DTR on D7 (PJ3), RI on D3 (PF6).
            ModemPins control = new ModemPins(PortJ + 1, UartPins.None, UartPins.None, PortJ + 3, PortF + 6);

            return new BoardDefinition("ST STM32F769I-DISCO + Quectel M95", "ST_STM32F769I_DISCOVERY", host, modem, control,
                ModemTimings.QuectelM95, "D:\\edsoftnano", 5000, true, "Ethernet");
        }
    }
}
