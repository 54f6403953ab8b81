using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using EdSoftNano.App;
using EdSoftNano.Ports;
using EdSoftNano.Simulation;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>
    /// Runs the firmware on this machine: host port on stdin/stdout (default) or TCP, the
    /// simulated modem, parameters in a flash file.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var tcp = new Option<int?>("--tcp") { Description = "Serve the host port on 127.0.0.1:PORT instead of stdin/stdout" };
            var flash = new Option<string>("--flash") { Description = "Flash file holding the parameter banks", DefaultValueFactory = _ => DefaultFlashPath() };
            var root = new RootCommand("EdSoftNano virtual device: the eDsoft V3.00 AT# firmware on .NET") { tcp, flash };
            root.SetAction(result => Run(result.GetValue(tcp), result.GetValue(flash)));
            return root.Parse(args).Invoke();
        }

        private static int Run(int? tcpPort, string flashPath)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(flashPath)));
            var flashFile = new FileFlash(flashPath, 2, Budget.FlashBank);
            var clock = new SystemClock();
            var modem = new SimulatedModem(clock);
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

            var firmware = new Firmware(host, modem, flashFile, clock, new HostNetworkBearer(), null, HostBuffers.Plan());
            firmware.Start();
            var idle = new IdleWait(firmware, tcpLink);
            while (firmware.Step(10))
            {
                tcpLink?.Flush();
                idle.AfterStep();
            }

            tcpLink?.Dispose();
            return 0;
        }

        private static string DefaultFlashPath()
            => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".edsoftnano", "flash.bin");
    }
}
