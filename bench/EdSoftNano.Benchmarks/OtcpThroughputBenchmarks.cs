using BenchmarkDotNet.Attributes;

namespace EdSoftNano.Benchmarks
{
    /// <summary>
    /// #OTCP data-mode throughput against a bare relay doing the same job, side by side:
    /// host client → relay → TCP sink and back, 8 MiB of random payload per operation, the host's
    /// side DLE-escaped. Device: the virtual device as a process (<c>--tcp PORT</c>), one host
    /// connection for the whole run, each operation one #OTCP session (AT#OTCP=1, banner, data,
    /// the end: host ETX → OK, or the sink's close → ETX, Ok_Info_SocketClosed, OK). Socat:
    /// <c>socat TCP-LISTEN:p,reuseaddr,fork TCP:127.0.0.1:sink</c>, each operation one connection,
    /// carrying the same escaped bytes unchanged. Method and figures: docs/benchmarks.md.
    /// </summary>
    [Config(typeof(OtcpConfig))]
    public class OtcpThroughputBenchmarks
    {
        /// <summary>Payload bytes per operation (the MB/s column divides by this).</summary>
        public const int PayloadBytes = 8 << 20;

        private OtcpRig _rig;

        [Params(OtcpPath.Device, OtcpPath.Socat)]
        public OtcpPath Path { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _rig = new OtcpRig(Path, PayloadBytes, 11);
            _rig.Start();

            // One checked run each way: every byte arrives, in order, with the device's replies.
            _rig.HostToSink(verify: true);
            _rig.SinkToHost(verify: true);
        }

        [GlobalCleanup]
        public void Cleanup() => _rig?.Dispose();

        /// <summary>Host → sink: the host writes the escaped payload (then a bare ETX to the device).</summary>
        [Benchmark]
        public long HostToSink() => _rig.HostToSink(verify: false);

        /// <summary>Sink → host: the sink writes the payload and closes; the host reads it escaped.</summary>
        [Benchmark]
        public long SinkToHost() => _rig.SinkToHost(verify: false);
    }
}
