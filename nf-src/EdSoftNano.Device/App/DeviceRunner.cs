using System;
using System.Threading;
using EdSoftNano.App;
using EdSoftNano.Device.Boards;
using EdSoftNano.Device.Control;
using EdSoftNano.Device.Ports;
using EdSoftNano.NetStack;
using EdSoftNano.Ports;
using EdSoftNano.Session;
using nanoFramework.Runtime.Native;

namespace EdSoftNano.Device.App
{
    /// <summary>
    /// Brings a board up and runs the firmware on it forever: maps and opens the host and modem
    /// UARTs, opens the parameter store, makes the bearer (PPP over the modem's data call:
    /// <see cref="PppBearer"/>; or, built with EdSoftNetwork=Board, the board's own IP network:
    /// <see cref="BoardNetworkBearer"/>), builds the <see cref="Firmware"/> (which allocates the
    /// whole buffer budget once), reports the free managed heap, then steps the firmware, catching
    /// every fault (log, count, back off, continue; see <see cref="FaultPolicy"/>).
    /// </summary>
    public sealed class DeviceRunner
    {
        /// <summary>How long one step may wait for host input when nothing else is pending.</summary>
        public const int StepWaitMs = 10;

        private readonly BoardDefinition _board;
        private readonly FaultPolicy _faults = new FaultPolicy();
        private readonly IClock _clock = new TickClock();
        private SerialByteLink _host;
        private SerialByteLink _modem;
        private IFlash _flash;
        private IModemControl _control;
        private IBearer _bearer;

        public DeviceRunner(BoardDefinition board)
        {
            _board = board;
        }

        public FaultPolicy Faults => _faults;

        /// <summary>Starts the board and steps the firmware; does not return.</summary>
        public void Run()
        {
            Log.Info(string.Concat(EdSoftNano.At.FirmwareVersion.Full, " on ", _board.Name));
            Log.Info(string.Concat("firmware target ", SystemInfo.TargetName, ", board expects ", _board.NanoffTarget));

            _host = OpenPort(_board.Host, DeviceBudget.HostRing, "host");
            _modem = OpenPort(_board.Modem, DeviceBudget.ModemRing, "modem");

            _control = new UnwiredModemControl(_board);
            if (!_control.PowerOn())
            {
                Log.Info(_control.Describe());
                WaitForModemBoot();
            }

            _flash = FlashStore.Open(_board);
            _bearer = CreateBearer();
            Firmware firmware = Build();
            ReportHeap();
            Loop(firmware);
        }

        private void Loop(Firmware firmware)
        {
            while (true)
            {
                try
                {
                    firmware.Step(StepWaitMs);
                    _faults.OnSuccess();
                    if (firmware.Interpreter.Busy)
                    {
                        // A command is out to the modem: let the receive threads run.
                        Thread.Sleep(1);
                    }
                }
                catch (Exception e)
                {
                    firmware = Recover(firmware, e);
                }
            }
        }

        private Firmware Recover(Firmware firmware, Exception fault)
        {
            int backoff = _faults.OnFault();
            Log.Fault(string.Concat("main loop (fault ", _faults.TotalFaults.ToString(), ", ",
                _faults.ConsecutiveFaults.ToString(), " in a row, backing off ", backoff.ToString(), " ms)"), fault);
            Thread.Sleep(backoff);
            if (!_faults.ShouldRebuild)
            {
                return firmware;
            }

            try
            {
                Firmware fresh = Build();
                Log.Info("firmware rebuilt over the same ports and flash");
                return fresh;
            }
            catch (Exception e)
            {
                Log.Fault("rebuilding the firmware", e);
                return firmware;
            }
        }

        private Firmware Build()
        {
            // The bearer is made once and outlives a rebuild: what the old firmware left open on it
            // is closed first. actions: null selects the real session.
            _bearer.Stop(_clock.NowMs);
            Firmware firmware = new Firmware(_host, _modem, _flash, _clock, _bearer, null);
            firmware.Start();
            return firmware;
        }

        private IBearer CreateBearer()
        {
#if NETWORK_BOARD
            if (_board.HasIpNetwork)
            {
                // The board's sockets, allocated once (DeviceBudget.Network). nanoFramework joins the
                // Wi-Fi or brings the Ethernet up by itself from the configuration block.
                NanoNetStack stack = new NanoNetStack(DeviceBudget.NetSockets, DeviceBudget.NetDatagramBuffers,
                    DeviceBudget.NetDatagram, (int)_clock.NowMs);
                Log.Info(string.Concat("IP network: the board's ", _board.IpNetwork, " (", DeviceBudget.NetSockets.ToString(),
                    " sockets, ", DeviceBudget.Network.ToString(), " bytes of buffers; no ICMP, AT#PING answers an error)"));
                return new BoardNetworkBearer(stack);
            }

            Log.Info("IP network: this board has none of its own; PPP over the modem's data call instead");
#endif
            // The product's network: the core's PPP (and IP stack) over the GSM/GPRS data call. The
            // seed makes each boot's LCP magic numbers and CHAP identifiers differ.
            uint seed = (uint)_clock.NowMs ^ 0x45445346u;
            PppBearer ppp = new PppBearer(seed);
            ppp.AttachIpStack(new ManagedNetStack(ppp.IpLink, seed * 2654435761u));
            Log.Info(string.Concat("IP network: PPP and the managed IPv4 stack over the modem's data call (",
                PppBudget.Total.ToString(), " + ", NetStackBudget.Total.ToString(), " bytes of buffers)"));
            return ppp;
        }

        private SerialByteLink OpenPort(UartPins uart, int ringSize, string role)
        {
            SerialByteLink link = SerialPorts.Create(uart, ringSize);
            while (true)
            {
                try
                {
#if ESP32
                    Esp32PinMap.Apply(uart);
#endif
                    link.Open();
                    Log.Info(string.Concat(role, " on ", uart.PortName, " ", uart.BaudRate.ToString(), " 8N1",
                        uart.HasHardwareHandshake ? " RTS/CTS" : " no flow control",
                        string.Concat(" TX ", _board.PinName(uart.TxPin), " RX ", _board.PinName(uart.RxPin))));
                    return link;
                }
                catch (Exception e)
                {
                    int backoff = _faults.OnFault();
                    Log.Fault(string.Concat("opening the ", role, " port ", uart.PortName), e);
                    Thread.Sleep(backoff);
                }
            }
        }

        private void WaitForModemBoot()
        {
            // The module was powered with the board: give it the time its guide asks for before
            // the first command (ModemTimings.ReadyAfterMs after power-on).
            long readyAt = _board.ModemModule.ReadyAfterMs;
            while (_clock.NowMs < readyAt)
            {
                Thread.Sleep(50);
            }
        }

        private void ReportHeap()
        {
            // A full collection first, so the figure is what the firmware leaves for the rest of the app.
            uint free = nanoFramework.Runtime.Native.GC.Run(true);
            Log.Info(string.Concat("free managed heap after start-up: ", free.ToString(), " bytes (buffers: core ",
                Budget.Total.ToString(), " + bindings ", DeviceBudget.Total.ToString(), " bytes)"));
        }
    }
}
