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
    /// The network is the core's PPP over the modem's data call (Session/PppBearer.cs); built with
    /// EdSoftNetwork=Board it is the board's Wi-Fi or Ethernet through System.Net sockets
    /// (Ports/NanoNetStack.cs, App/BoardNetworkBearer.cs).
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
