using BenchmarkDotNet.Attributes;
using EdSoftNano.DataMode;

namespace EdSoftNano.Benchmarks
{
    /// <summary>
    /// The DLE/ETX codecs on 1 MiB of payload: whole-buffer calls (the codec's own speed) and
    /// 256-byte blocks (one host UART read, <see cref="App.Budget.HostRead"/>; the per-call cost).
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(BenchConfig))]
    public class DleCodecBenchmarks
    {
        private const int Block = 256;

        private readonly DleEscaper _escaper = new DleEscaper();
        private readonly DleUnescaper _unescaper = new DleUnescaper();
        private byte[] _payload;
        private byte[] _escaped;
        private byte[] _output;

        /// <summary>Share of ETX/DLE bytes in the payload, percent.</summary>
        [Params(0, 1)]
        public int SpecialPercent { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _payload = BenchPayload.Create(SpecialPercent, 42);
            _escaped = BenchPayload.Escape(_payload);
            _output = new byte[2 * BenchPayload.Bytes + 16];
        }

        [Benchmark]
        public int Escape()
        {
            _escaper.Reset();
            _escaper.Encode(_payload, 0, _payload.Length, _output, 0, _output.Length, out int produced);
            return produced;
        }

        [Benchmark]
        public int Unescape()
        {
            _unescaper.Reset();
            _unescaper.Decode(_escaped, 0, _escaped.Length, _output, 0, _output.Length, out int produced);
            return produced;
        }

        [Benchmark]
        public int EscapeIn256ByteBlocks()
        {
            _escaper.Reset();
            int total = 0;
            for (int i = 0; i < _payload.Length; i += Block)
            {
                _escaper.Encode(_payload, i, Block, _output, total, _output.Length - total, out int produced);
                total += produced;
            }

            return total;
        }

        [Benchmark]
        public int UnescapeIn256ByteBlocks()
        {
            _unescaper.Reset();
            int total = 0;
            for (int i = 0; i < _escaped.Length; i += Block)
            {
                int count = _escaped.Length - i < Block ? _escaped.Length - i : Block;
                _unescaper.Decode(_escaped, i, count, _output, total, _output.Length - total, out int produced);
                total += produced;
            }

            return total;
        }
    }
}
