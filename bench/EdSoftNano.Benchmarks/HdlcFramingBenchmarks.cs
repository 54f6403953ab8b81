using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EdSoftNano.Ppp;

namespace EdSoftNano.Benchmarks
{
    /// <summary>
    /// PPP framing per byte (RFC 1662 octet stuffing + FCS-16, <see cref="HdlcEncoder"/> /
    /// <see cref="HdlcDecoder"/>): 700 random 1500-byte IPv4 frames per operation (1,050,000 payload
    /// bytes), with the default ACCM (every control character escaped, ~14 % of random bytes) and with
    /// ACCM 0 (only 7E/7D, ~0.8 %). Encode writes into one output buffer in 256-byte blocks (the
    /// PppLink write block); Decode takes the pre-encoded stream in 256-byte blocks (its read block).
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(HdlcFramingBenchmarks.Columns))]
    public class HdlcFramingBenchmarks
    {
        public const int FrameBytes = 1500;
        public const int Frames = 700;
        private const int Block = 256;

        public sealed class Columns : ManualConfig
        {
            public Columns() { AddColumn(new ThroughputColumn(Frames * FrameBytes)); }
        }

        private readonly HdlcEncoder _encoder = new HdlcEncoder();
        private HdlcDecoder _decoder;
        private byte[][] _frames;
        private byte[] _encoded;
        private int _encodedLength;

        /// <summary>The async-control-character map both ends use.</summary>
        [Params(0xFFFFFFFFu, 0u)]
        public uint Accm { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var random = new System.Random(42);
            _frames = new byte[Frames][];
            for (int i = 0; i < Frames; i++)
            {
                _frames[i] = new byte[FrameBytes];
                random.NextBytes(_frames[i]);
                _frames[i][0] = 0x45;
            }

            _encoded = new byte[Frames * HdlcEncoder.MaxEncodedLength(FrameBytes)];
            _encoder.Configure(Accm, false, false);
            _decoder = new HdlcDecoder(new byte[FrameBytes + 6]);
            _decoder.Configure(Accm, FrameBytes);
            _encodedLength = Encode();
        }

        [Benchmark]
        public int Encode()
        {
            int pos = 0;
            for (int i = 0; i < Frames; i++)
            {
                _encoder.Begin(PppProtocol.Ipv4, _frames[i], 0, FrameBytes, false);
                while (!_encoder.Done)
                {
                    int room = _encoded.Length - pos < Block ? _encoded.Length - pos : Block;
                    pos += _encoder.Encode(_encoded, pos, room);
                }
            }

            return pos;
        }

        [Benchmark]
        public int Decode()
        {
            _decoder.Reset();
            _decoder.Configure(Accm, FrameBytes);
            int frames = 0;
            int pos = 0;
            while (pos < _encodedLength)
            {
                int end = _encodedLength - pos < Block ? _encodedLength : pos + Block;
                while (pos < end)
                {
                    pos += _decoder.Decode(_encoded, pos, end - pos);
                    if (_decoder.FrameReady) { frames++; }
                }
            }

            if (frames != Frames) { throw new System.InvalidOperationException("decoded " + frames + " frames"); }
            return frames;
        }
    }
}
