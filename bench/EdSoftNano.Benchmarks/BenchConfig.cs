using BenchmarkDotNet.Configs;

namespace EdSoftNano.Benchmarks
{
    /// <summary>Adds the MB/s and B/KB columns to whatever job the command line picks.</summary>
    public sealed class BenchConfig : ManualConfig
    {
        public BenchConfig()
        {
            AddColumn(ThroughputColumn.MegabytesPerSecond, ThroughputColumn.AllocatedPerKilobyte);
        }
    }
}
