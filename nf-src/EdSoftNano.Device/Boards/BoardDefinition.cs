namespace EdSoftNano.Device.Boards
{
    /// <summary>
    /// Everything the device app needs to know about a board: which UART goes to the host and
    /// which to the modem, the modem's control lines and module, and where the parameter banks
    /// live. One subclass-free instance per board, built by the board's class in this folder
    /// (boards/&lt;name&gt;/README.md documents the same wiring for people).
    /// </summary>
    public sealed class BoardDefinition
    {
        /// <summary>Human name ("ESP32-DevKitC (ESP32-WROOM-32) + SIM800L").</summary>
        public readonly string Name;

        /// <summary>nanoff --target name of the firmware to flash ("ESP32_REV3").</summary>
        public readonly string NanoffTarget;

        /// <summary>The UART the host MCU talks AT# on.</summary>
        public readonly UartPins Host;

        /// <summary>The UART to the GSM modem.</summary>
        public readonly UartPins Modem;

        public readonly ModemPins ModemControl;

        public readonly ModemTimings ModemModule;

        /// <summary>Folder that holds the two parameter bank files ("I:\edsoftnano").</summary>
        public readonly string FlashFolder;

        /// <summary>How long start-up waits for the drive of <see cref="FlashFolder"/> to appear (an SD card mounts late).</summary>
        public readonly int FlashWaitMs;

        /// <summary>True for STM32 pin numbering (port * 16 + pin, shown as "PC6"); false for ESP32 GPIO numbers.</summary>
        public readonly bool Stm32PinNames;

        /// <summary>
        /// The board's own IP network ("Wi-Fi", "Ethernet"), which nanoFramework brings up from the
        /// device's configuration block; null for a board without one. With it the firmware's bearer
        /// is the board's network (App/BoardNetworkBearer) until the PPP bearer over the modem exists.
        /// </summary>
        public readonly string IpNetwork;

        public BoardDefinition(string name, string nanoffTarget, UartPins host, UartPins modem, ModemPins modemControl,
            ModemTimings modemModule, string flashFolder, int flashWaitMs, bool stm32PinNames, string ipNetwork)
        {
            Name = name;
            NanoffTarget = nanoffTarget;
            Host = host;
            Modem = modem;
            ModemControl = modemControl;
            ModemModule = modemModule;
            FlashFolder = flashFolder;
            FlashWaitMs = flashWaitMs;
            Stm32PinNames = stm32PinNames;
            IpNetwork = ipNetwork;
        }

        /// <summary>True when the board has an IP network of its own (<see cref="IpNetwork"/>).</summary>
        public bool HasIpNetwork => IpNetwork != null;

        /// <summary>The name of <paramref name="pin"/> as the board's documents write it ("GPIO27", "PC6", "-").</summary>
        public string PinName(int pin)
        {
            if (pin == UartPins.None)
            {
                return "-";
            }

            if (!Stm32PinNames)
            {
                return string.Concat("GPIO", pin.ToString());
            }

            char port = (char)('A' + (pin / 16));
            return string.Concat("P", port.ToString(), (pin % 16).ToString());
        }
    }
}
