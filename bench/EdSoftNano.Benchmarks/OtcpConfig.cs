using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EdSoftNano.Benchmarks
{
    /// <summary>
    /// A short job for the #OTCP comparison (one launch, one warm-up, eight iterations of six
    /// operations, 48 MiB per iteration), the MB/s column for 8 MiB operations and the
    /// Device/Socat ratio column.
    /// </summary>
    public sealed class OtcpConfig : ManualConfig
    {
        public OtcpConfig()
        {
            AddJob(Job.Default
                .WithId("OtcpShort")
                .WithStrategy(RunStrategy.Throughput)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(8)
                .WithInvocationCount(6)
                .WithUnrollFactor(1));
            AddColumn(new ThroughputColumn(OtcpThroughputBenchmarks.PayloadBytes), new DeviceToSocatColumn());
        }
    }

    /// <summary>
    /// "Device/Socat": the device's payload throughput over socat's for the same benchmark method
    /// (socat's mean time / the device's), shown on the Device rows.
    /// </summary>
    public sealed class DeviceToSocatColumn : IColumn
    {
        public string Id => "DeviceToSocat";

        public string ColumnName => "Device/Socat";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 2;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Device throughput / socat throughput for the same method (socat mean / device mean); goal >= 0.9";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (!(benchmarkCase.Parameters["Path"] is OtcpPath path) || path != OtcpPath.Device)
            {
                return "-";
            }

            BenchmarkCase socat = summary.BenchmarksCases.FirstOrDefault(other =>
                other.Descriptor.WorkloadMethod == benchmarkCase.Descriptor.WorkloadMethod
                && other.Job == benchmarkCase.Job
                && other.Parameters["Path"] is OtcpPath p && p == OtcpPath.Socat);
            double? device = summary[benchmarkCase]?.ResultStatistics?.Mean;
            double? relay = socat == null ? null : summary[socat]?.ResultStatistics?.Mean;
            if (device == null || relay == null)
            {
                return "-";
            }

            return (relay.Value / device.Value).ToString("0.00", CultureInfo.InvariantCulture);
        }
    }
}
