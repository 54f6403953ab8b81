using System;
using BenchmarkDotNet.Attributes;
using EdSoftNano.App;
using EdSoftNano.DataMode;
using EdSoftNano.Simulation;

namespace EdSoftNano.Benchmarks
{
    /// <summary>
    /// The pump with the budget's buffers, 1 MiB of payload per operation host → loopback
    /// connection → host: decoding, frames, the loopback, escaping and the host write, fed in
    /// 256-byte host reads as the main loop does (one FeedHost and one Poll per read).
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(BenchConfig))]
    public class DataPumpBenchmarks
    {
        private const int Read = Budget.HostRead;

        private DataPump _pump;
        private LoopbackConnection _connection;
        private byte[] _input;

        /// <summary>Share of ETX/DLE bytes in the payload, percent.</summary>
        [Params(0, 1)]
        public int SpecialPercent { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _input = BenchPayload.Escape(BenchPayload.Create(SpecialPercent, 7));
            _connection = new LoopbackConnection(capacity: 16384);
            _pump = new DataPump(new SinkHostLink(), new byte[Budget.HostToNetworkRing], new byte[Budget.NetworkToHostRing], new byte[Budget.DataScratch]);
        }

        [Benchmark]
        public long RoundTrip()
        {
            _pump.Start(_connection, DataPumpSettings.Tcp(true, 0), 0);
            long now = 0;
            int fed = 0;
            while (_pump.BytesToHost < BenchPayload.Bytes)
            {
                if (fed < _input.Length)
                {
                    int offer = Math.Min(Read, _input.Length - fed);
                    fed += _pump.FeedHost(_input, fed, offer, now);
                }

                _connection.Tick();
                _pump.Poll(now++);
            }

            return _pump.BytesToHost;
        }
    }
}
