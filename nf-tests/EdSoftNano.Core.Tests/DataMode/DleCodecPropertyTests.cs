using System;
using CsCheck;
using EdSoftNano.DataMode;
using Xunit;

namespace EdSoftNano.Tests.DataMode
{
    /// <summary>
    /// Properties of the DLE/ETX codecs for any payload and any split of input and output into
    /// blocks: the round trip is the identity, escaped ETX never ends the data, and the state
    /// carried across block boundaries (a DLE or a half-written pair at the end of a block) is
    /// never lost.
    /// </summary>
    public class DleCodecPropertyTests
    {
        // Payload bytes biased towards the two special ones, so pairs and runs of them are common.
        private static readonly Gen<byte> PayloadByte = Gen.Frequency(
            (3, Gen.Byte),
            (1, Gen.Const(DleReference.Etx)),
            (1, Gen.Const(DleReference.Dle)));

        private static readonly Gen<byte[]> Payload = PayloadByte.Array[0, 600];

        private static readonly Gen<int[]> Chunks = Gen.Int[1, 40].Array[1, 8];

        [Fact]
        public void DecodeOfEncode_AnyPayloadAnySplit_IsThePayload()
        {
            Gen.Select(Payload, Chunks, Chunks, Chunks, Chunks).Sample((payload, encIn, encOut, decIn, decOut) =>
            {
                byte[] escaped = CodecRuns.Escape(new DleEscaper(), payload, encIn, encOut);
                byte[] line = new byte[escaped.Length + 1];
                escaped.CopyTo(line, 0);
                line[^1] = DleReference.Etx;
                byte[] decoded = CodecRuns.Unescape(new DleUnescaper(), line, decIn, decOut, out int consumed, out bool ended);

                Assert.True(ended);
                Assert.Equal(line.Length, consumed);
                Assert.Equal(payload, decoded);
            }, iter: 3000);
        }

        [Fact]
        public void Encode_AnyPayloadAnySplit_MatchesTheReferenceCoding()
        {
            Gen.Select(Payload, Chunks, Chunks).Sample((payload, encIn, encOut) =>
            {
                Assert.Equal(DleReference.Escape(payload), CodecRuns.Escape(new DleEscaper(), payload, encIn, encOut));
            }, iter: 3000);
        }

        [Fact]
        public void Decode_EscapedPayloadWithoutTerminator_NeverEnds()
        {
            // Every ETX of the payload is escaped, so none may end the data.
            Gen.Select(Payload, Chunks, Chunks).Sample((payload, decIn, decOut) =>
            {
                byte[] escaped = DleReference.Escape(payload);
                var decoder = new DleUnescaper();
                byte[] decoded = CodecRuns.Unescape(decoder, escaped, decIn, decOut, out int consumed, out bool ended);

                Assert.False(ended);
                Assert.Equal(escaped.Length, consumed);
                Assert.Equal(payload, decoded);
            }, iter: 3000);
        }

        [Fact]
        public void Decode_BytesAfterTheBareEtx_AreNeverConsumed()
        {
            Gen.Select(Payload, Payload, Chunks, Chunks).Sample((payload, after, decIn, decOut) =>
            {
                byte[] escaped = DleReference.EscapeAndEnd(payload);
                byte[] input = new byte[escaped.Length + after.Length];
                escaped.CopyTo(input, 0);
                after.CopyTo(input, escaped.Length);
                byte[] decoded = CodecRuns.Unescape(new DleUnescaper(), input, decIn, decOut, out int consumed, out bool ended);

                Assert.True(ended);
                Assert.Equal(escaped.Length, consumed);
                Assert.Equal(payload, decoded);
            }, iter: 2000);
        }

        [Fact]
        public void Decode_EveryBlockBoundary_GivesTheSameResultAsOneBlock()
        {
            // Cut the escaped stream at every position (one boundary) with one-byte output room
            // on one side of it: the state at that boundary must carry over exactly.
            Payload.Sample(payload =>
            {
                byte[] line = DleReference.EscapeAndEnd(payload);
                for (int cut = 0; cut <= line.Length; cut++)
                {
                    var decoder = new DleUnescaper();
                    var output = new byte[line.Length];
                    int first = decoder.Decode(line, 0, cut, output, 0, output.Length, out int produced1);
                    Assert.Equal(cut, first);
                    int second = decoder.Decode(line, cut, line.Length - cut, output, produced1, output.Length - produced1, out int produced2);
                    Assert.Equal(line.Length - cut, second);
                    Assert.True(decoder.Ended);
                    Assert.Equal(payload, output.AsSpan(0, produced1 + produced2).ToArray());
                }
            }, iter: 300);
        }

        [Fact]
        public void Encode_EveryBlockBoundary_GivesTheSameResultAsOneBlock()
        {
            Payload.Sample(payload =>
            {
                byte[] expected = DleReference.Escape(payload);
                for (int cut = 0; cut <= expected.Length; cut++)
                {
                    // Output room ends at the cut, so a pair may be split between the two calls.
                    var escaper = new DleEscaper();
                    var output = new byte[expected.Length];
                    int first = escaper.Encode(payload, 0, payload.Length, output, 0, cut, out int produced1);
                    Assert.Equal(cut, produced1);
                    int second = escaper.Encode(payload, first, payload.Length - first, output, produced1, output.Length - produced1, out int produced2);
                    Assert.Equal(payload.Length, first + second);
                    Assert.False(escaper.HasPending);
                    Assert.Equal(expected, output.AsSpan(0, produced1 + produced2).ToArray());
                }
            }, iter: 300);
        }
    }
}
