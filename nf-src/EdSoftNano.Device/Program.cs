using EdSoftNano.Device.App;
using EdSoftNano.Device.Boards;

namespace EdSoftNano.Device
{
    /// <summary>
    /// EdSoftNano on a nanoFramework board: the board chosen at build time
    /// (<see cref="BoardSelection"/>) runs the portable core between its host UART and its modem
    /// UART. See docs/run-on-a-board.md.
    /// <para>
    /// The core's ports as the device binds them (<see cref="App.DeviceRunner"/>): the host UART and
    /// the modem UART are each an IByteLink over a SerialPort (Ports/SerialByteLink.cs; the core has
    /// no separate IModem port yet, the modem is a byte link), IFlash is two bank files on the
    /// board's drive (Ports/FileBankFlash.cs), IClock is Environment.TickCount64 (Ports/TickClock.cs).
    /// There is no INetStack binding: the core does not define that port yet, so System.Net sockets
    /// (WiFi/Ethernet boards) are not bound and the firmware gets no bearer (null). The GSM PPP
    /// bearer comes with its own issue.
    /// </para>
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            new DeviceRunner(BoardSelection.Create()).Run();
        }
    }
}
