#if ESP32
using System;
using EdSoftNano.Device.Boards;
using nanoFramework.Hardware.Esp32;

namespace EdSoftNano.Device.Ports
{
    /// <summary>
    /// Routes a board UART's pins to its ESP32 UART with Configuration.SetPinFunction; must run
    /// before the port is opened. COM1 is the debug UART (GPIO1/GPIO3) and is never remapped.
    /// Compiled for ESP32 boards only (nanoFramework.Hardware.Esp32 has no native part on STM32).
    /// </summary>
    public static class Esp32PinMap
    {
        public static void Apply(UartPins uart)
        {
            if (!uart.MappedByApp)
            {
                return;
            }

            DeviceFunction tx;
            DeviceFunction rx;
            DeviceFunction rts;
            DeviceFunction cts;
            if (uart.PortName == "COM2")
            {
                tx = DeviceFunction.COM2_TX;
                rx = DeviceFunction.COM2_RX;
                rts = DeviceFunction.COM2_RTS;
                cts = DeviceFunction.COM2_CTS;
            }
            else if (uart.PortName == "COM3")
            {
                tx = DeviceFunction.COM3_TX;
                rx = DeviceFunction.COM3_RX;
                rts = DeviceFunction.COM3_RTS;
                cts = DeviceFunction.COM3_CTS;
            }
            else
            {
                throw new ArgumentException(string.Concat("No pin mapping for ", uart.PortName, " (COM2 and COM3 only)."), "uart");
            }

            Configuration.SetPinFunction(uart.TxPin, tx);
            Configuration.SetPinFunction(uart.RxPin, rx);
            if (uart.HasHardwareHandshake)
            {
                Configuration.SetPinFunction(uart.RtsPin, rts);
                Configuration.SetPinFunction(uart.CtsPin, cts);
            }
        }
    }
}
#endif
