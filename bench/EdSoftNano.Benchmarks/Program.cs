using System;
using System.Diagnostics;
using System.Linq;
using BenchmarkDotNet.Running;

namespace EdSoftNano.Benchmarks
{
    public static class Program
    {
        public static void Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--otcp-probe")
            {
                // A quick look without BenchmarkDotNet (profiling): a few operations each, MB/s printed.
                int rounds = args.Length > 1 ? int.Parse(args[1]) : 3;
                Probe(rounds);
                return;
            }

            if (args.Length > 0 && args[0] == "--tcp-goodput")
            {
                // TCP goodput over PPP on a paced serial line, virtual time (TcpGoodputBenchmarks).
                foreach (int baud in new[] { 115200, 921600 })
                {
                    var rig = new TcpGoodputRig(baud);
                    double goodput = rig.Transfer(1024 * 1024);
                    Console.WriteLine($"{baud} baud: MSS {rig.Mss}, goodput {goodput:F0} B/s, ceiling {rig.CeilingBytesPerSecond:F0} B/s, fraction {goodput / rig.CeilingBytesPerSecond:F3}, retransmissions {rig.TcpA.Retransmissions}");
                }

                return;
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }

        private static void Probe(int rounds)
        {
            foreach (OtcpPath path in new[] { OtcpPath.Device, OtcpPath.Socat })
            {
                using var rig = new OtcpRig(path, OtcpThroughputBenchmarks.PayloadBytes, 11);
                rig.Start();
                rig.HostToSink(verify: true);
                rig.SinkToHost(verify: true);

                // Profiling: EDSOFTNANO_BENCH_STRACE=/tmp/s.txt counts the relay's system calls over the timed rounds.
                string strace = Environment.GetEnvironmentVariable("EDSOFTNANO_BENCH_STRACE");
                Process tracer = null;
                if (!string.IsNullOrEmpty(strace))
                {
                    string tasks = string.Join(",", System.IO.Directory.GetDirectories($"/proc/{rig.RelayProcessId}/task").Select(System.IO.Path.GetFileName));
                    tracer = Process.Start("strace", $"-c -f -o {strace}.{path} -p {tasks}");
                    System.Threading.Thread.Sleep(1000);
                }

                for (int i = 0; i < rounds; i++)
                {
                    var watch = Stopwatch.StartNew();
                    rig.HostToSink(verify: false);
                    double up = rig.PayloadBytes / watch.Elapsed.TotalSeconds / 1e6;
                    watch.Restart();
                    rig.SinkToHost(verify: false);
                    double down = rig.PayloadBytes / watch.Elapsed.TotalSeconds / 1e6;
                    Console.WriteLine($"{path,-6} host→sink {up,8:0.0} MB/s   sink→host {down,8:0.0} MB/s");
                }

                if (tracer != null)
                {
                    Process.Start("kill", $"-INT {tracer.Id}").WaitForExit();
                    tracer.WaitForExit();
                }
            }
        }
    }
}
