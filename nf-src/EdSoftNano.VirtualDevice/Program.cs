using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using EdSoftNano.App;
using EdSoftNano.Ports;
using EdSoftNano.Session;
using EdSoftNano.Simulation;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>
    /// Runs the firmware on this machine: host port on stdin/stdout (default) or TCP, the
    /// simulated modem (default) or a real one on a serial port, parameters in a flash file. The
    /// network is this machine's own sockets (default) or, with --ppp-peer or a real modem, the
    /// firmware's own PPP over the modem's data call.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var tcp = new Option<int?>("--tcp") { Description = "Serve the host port on 127.0.0.1:PORT instead of stdin/stdout" };
            var flash = new Option<string>("--flash") { Description = "Flash file holding the parameter banks", DefaultValueFactory = _ => DefaultFlashPath() };
            var pppPeer = new Option<string>("--ppp-peer")
            {
                Description = "Carry the simulated modem's data calls to this command's stdin/stdout and run PPP over them, "
                    + "e.g. \"tools/ppp-peers/slirp-isp.sh pap USER PASSWORD\" or \"tools/ppp-peers/pppd-in-uml.sh chap USER SECRET\" (see tools/ppp-peers/README.md; default: the host's own network, no PPP)",
            };
            var modemOption = new Option<string>("--modem")
            {
                Description = "sim (the simulated modem) or serial:DEVICE@BAUD, e.g. serial:/dev/ttyUSB0@115200 (a real modem; PPP over its calls)",
                DefaultValueFactory = _ => "sim",
            };
            var root = new RootCommand("EdSoftNano virtual device: the eDsoft V3.00 AT# firmware on .NET") { tcp, flash, pppPeer, modemOption };
            root.SetAction(result => Run(result.GetValue(tcp), result.GetValue(flash), result.GetValue(pppPeer), result.GetValue(modemOption)));
            return root.Parse(args).Invoke();
        }

        private static int Run(int? tcpPort, string flashPath, string pppPeer, string modemSpec)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(flashPath)));
            var flashFile = new FileFlash(flashPath, 2, Budget.FlashBank);
            var clock = new SystemClock();
            if (!ModemSpec.TryParse(modemSpec, out ModemSpec spec, out string problem))
            {
                Console.Error.WriteLine("--modem: " + problem);
                return 2;
            }

            if (spec.Serial && pppPeer != null)
            {
                Console.Error.WriteLine("--ppp-peer is for the simulated modem; a real modem's calls reach the real network");
                return 2;
            }

            IByteLink modem;
            ProcessCallPeer peer = null;
            SerialModemLink serial = null;
            if (spec.Serial)
            {
                serial = new SerialModemLink(spec.Device, spec.Baud);
                modem = serial;
            }
            else
            {
                var simulated = new SimulatedModem(clock);
                if (pppPeer != null)
                {
                    peer = new ProcessCallPeer(pppPeer);
                    simulated.CallPeer = peer;
                }

                modem = simulated;
            }

            IBearer bearer = spec.Serial || pppPeer != null ? NetworkOverPpp.CreateBearer(clock) : new HostNetworkBearer();
            IByteLink host;
            TcpHostLink tcpLink = null;
            if (tcpPort.HasValue)
            {
                tcpLink = new TcpHostLink(tcpPort.Value);
                Console.Error.WriteLine($"EdSoftNano virtual device: host port on 127.0.0.1:{tcpLink.Port}");
                host = tcpLink;
            }
            else
            {
                host = new StreamLink(Console.OpenStandardInput(), Console.OpenStandardOutput());
            }

            var firmware = new Firmware(host, modem, flashFile, clock, bearer, null, HostBuffers.Plan());
            firmware.Start();
            var idle = new IdleWait(firmware, tcpLink);
            while (firmware.Step(10))
            {
                tcpLink?.Flush();
                idle.AfterStep();
            }

            tcpLink?.Dispose();
            peer?.Dispose();
            serial?.Dispose();
            return 0;
        }

        private static string DefaultFlashPath()
            => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".edsoftnano", "flash.bin");
    }
}
