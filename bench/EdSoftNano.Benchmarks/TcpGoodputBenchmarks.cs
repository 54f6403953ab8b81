using BenchmarkDotNet.Attributes;

namespace EdSoftNano.Benchmarks
{
    /// <summary>
    /// TCP goodput through the whole managed path, TcpLayer + IpLayer + PppLink at both ends of a
    /// serial line paced at the baud rate (10 bits per byte), on virtual time: 256 KiB A → B per
    /// operation. The wall time measured is the CPU cost of the simulation; the goodput figure,
    /// as a fraction of the payload ceiling, is printed by <c>--tcp-goodput</c>
    /// (<see cref="Program"/>) and returned by the benchmark.
    /// </summary>
    [MemoryDiagnoser]
    public class TcpGoodputBenchmarks
    {
        public const long PayloadBytes = 256 * 1024;
        private TcpGoodputRig _rig;

        [Params(115200, 921600)]
        public int Baud { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _rig = new TcpGoodputRig(Baud);
            _rig.Transfer(16 * 1024);
        }

        [Benchmark]
        public double GoodputFractionOfCeiling()
        {
            return _rig.Transfer(PayloadBytes) / _rig.CeilingBytesPerSecond;
        }
    }
}
