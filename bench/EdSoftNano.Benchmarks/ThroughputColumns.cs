using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EdSoftNano.Benchmarks
{
    /// <summary>
    /// "MB/s": payload bytes per operation (<see cref="BenchPayload.Bytes"/> unless given) over the mean time,
    /// in 10^6 bytes per second; "B/KB": bytes allocated per operation per KiB of payload.
    /// </summary>
    public sealed class ThroughputColumn : IColumn
    {
        private readonly bool _allocation;
        private readonly int _bytes;

        private ThroughputColumn(bool allocation)
        {
            _allocation = allocation;
            _bytes = BenchPayload.Bytes;
        }

        /// <summary>The MB/s column for operations of <paramref name="payloadBytes"/> payload bytes.</summary>
        public ThroughputColumn(int payloadBytes)
        {
            _bytes = payloadBytes;
        }

        public static readonly IColumn MegabytesPerSecond = new ThroughputColumn(false);

        public static readonly IColumn AllocatedPerKilobyte = new ThroughputColumn(true);

        public string Id => _allocation ? "AllocatedPerKB" : "MBps";

        public string ColumnName => _allocation ? "B/KB" : "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => _allocation ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => _allocation
            ? "Bytes allocated per KiB of payload moved (MemoryDiagnoser's Allocated / " + (_bytes / 1024) + ")"
            : "Payload throughput, 10^6 bytes per second (" + _bytes + " payload bytes per operation / mean)";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            BenchmarkReport report = summary[benchmarkCase];
            if (report == null || report.ResultStatistics == null)
            {
                return "-";
            }

            if (_allocation)
            {
                long? perOp = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
                if (perOp == null)
                {
                    return "-";
                }

                return (perOp.Value / (_bytes / 1024.0)).ToString("0.###", CultureInfo.InvariantCulture);
            }

            double nanoseconds = report.ResultStatistics.Mean;
            return (_bytes / nanoseconds * 1000.0).ToString("0.0", CultureInfo.InvariantCulture);
        }
    }
}
