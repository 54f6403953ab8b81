using System;
using System.Collections.Generic;
using EdSoftNano.DataMode;
using Xunit;

namespace EdSoftNano.Tests.DataMode
{
    /// <summary>
    /// Byte-exact vectors for the DLE/ETX coding: network → host escaping (spec 4.2 note, 5.4
    /// "each ETX … coded as DLE ETX, each DLE as DLE DLE") and host → network decoding (spec 4.3,
    /// 6.4: "an ETX … not preceded by a DLE" ends the data). Each is also run with input and
    /// output split into chunks of 1..n bytes.
    /// </summary>
    public class DleCodecVectorTests
    {
        // payload (hex), escaped form on the serial port (hex)
        public static readonly TheoryData<string, string> EscapeVectors = new TheoryData<string, string>
        {
            { "", "" },
            { "414243", "414243" },
            { "03", "1003" },
            { "10", "1010" },
            { "0303", "10031003" },
            { "1010", "10101010" },
            { "1003", "10101003" },
            { "0310", "10031010" },
            { "4103421043", "411003421010" + "43" },
            { "00FF03FE10FD", "00FF1003FE1010FD" },
        };

        [Theory]
        [MemberData(nameof(EscapeVectors))]
        public void Encode_Vector_GivesEscapedBytesAndLeavesTheRestOfTheBuffer(string payloadHex, string escapedHex)
        {
            byte[] payload = Convert.FromHexString(payloadHex);
            byte[] output = Filled(escapedHex.Length / 2 + 8);
            int consumed = new DleEscaper().Encode(payload, 0, payload.Length, output, 4, output.Length - 4, out int produced);

            Assert.Equal(payload.Length, consumed);
            Assert.Equal(escapedHex, Convert.ToHexString(output, 4, produced));
            AssertUntouched(output, 0, 4);
            AssertUntouched(output, 4 + produced, output.Length - 4 - produced);
        }

        [Theory]
        [MemberData(nameof(EscapeVectors))]
        public void Decode_EscapedVectorThenEtx_GivesPayloadAndStopsAfterTheEtx(string payloadHex, string escapedHex)
        {
            // Bytes after the bare ETX ("AT\r") are the interpreter's: not consumed.
            byte[] input = Convert.FromHexString(escapedHex + "03" + "41540D");
            byte[] output = Filled(input.Length + 8);
            var decoder = new DleUnescaper();
            int consumed = decoder.Decode(input, 0, input.Length, output, 4, output.Length - 4, out int produced);

            Assert.True(decoder.Ended);
            Assert.Equal(input.Length - 3, consumed);
            Assert.Equal(payloadHex, Convert.ToHexString(output, 4, produced));
            AssertUntouched(output, 0, 4);
            AssertUntouched(output, 4 + produced, output.Length - 4 - produced);
        }

        [Theory]
        [MemberData(nameof(EscapeVectors))]
        public void Encode_SplitIntoChunksOf1ToN_GivesTheSameBytes(string payloadHex, string escapedHex)
        {
            byte[] payload = Convert.FromHexString(payloadHex);
            for (int inChunk = 1; inChunk <= 7; inChunk++)
            {
                for (int outChunk = 1; outChunk <= 7; outChunk++)
                {
                    byte[] escaped = CodecRuns.Escape(new DleEscaper(), payload, new[] { inChunk }, new[] { outChunk });
                    Assert.Equal(escapedHex, Convert.ToHexString(escaped));
                }
            }
        }

        [Theory]
        [MemberData(nameof(EscapeVectors))]
        public void Decode_SplitIntoChunksOf1ToN_GivesTheSamePayload(string payloadHex, string escapedHex)
        {
            byte[] input = Convert.FromHexString(escapedHex + "03" + "41");
            for (int inChunk = 1; inChunk <= 7; inChunk++)
            {
                for (int outChunk = 1; outChunk <= 7; outChunk++)
                {
                    byte[] payload = CodecRuns.Unescape(new DleUnescaper(), input, new[] { inChunk }, new[] { outChunk }, out int consumed, out bool ended);
                    Assert.True(ended);
                    Assert.Equal(input.Length - 1, consumed);
                    Assert.Equal(payloadHex, Convert.ToHexString(payload));
                }
            }
        }

        [Fact]
        public void Decode_DleAtTheEndOfABlock_EscapesTheFirstByteOfTheNext()
        {
            var decoder = new DleUnescaper();
            byte[] output = Filled(4);
            int consumed = decoder.Decode(Convert.FromHexString("4110"), 0, 2, output, 0, 4, out int produced);
            Assert.Equal(2, consumed);
            Assert.Equal("41", Convert.ToHexString(output, 0, produced));
            Assert.True(decoder.AfterDle);

            consumed = decoder.Decode(Convert.FromHexString("0342"), 0, 2, output, 0, 4, out produced);
            Assert.Equal(2, consumed);
            Assert.Equal("0342", Convert.ToHexString(output, 0, produced));
            Assert.False(decoder.Ended);
        }

        [Fact]
        public void Decode_DleBeforeAnOrdinaryByte_TakesThatByteLiterally()
        {
            byte[] input = Convert.FromHexString("411041" + "03");
            byte[] output = new byte[8];
            var decoder = new DleUnescaper();
            decoder.Decode(input, 0, input.Length, output, 0, output.Length, out int produced);
            Assert.Equal("4141", Convert.ToHexString(output, 0, produced));
            Assert.True(decoder.Ended);
        }

        [Fact]
        public void Decode_AfterTheEnd_ConsumesNothingUntilReset()
        {
            var decoder = new DleUnescaper();
            byte[] output = new byte[8];
            decoder.Decode(new byte[] { 0x03 }, 0, 1, output, 0, 8, out _);
            Assert.Equal(0, decoder.Decode(new byte[] { 0x41 }, 0, 1, output, 0, 8, out int produced));
            Assert.Equal(0, produced);

            decoder.Reset();
            Assert.Equal(1, decoder.Decode(new byte[] { 0x41 }, 0, 1, output, 0, 8, out produced));
            Assert.Equal(1, produced);
        }

        [Fact]
        public void Decode_OutputFull_ConsumesOnlyWhatFits()
        {
            var decoder = new DleUnescaper();
            byte[] output = Filled(6);
            int consumed = decoder.Decode(Convert.FromHexString("4142434445"), 0, 5, output, 1, 3, out int produced);
            Assert.Equal(3, consumed);
            Assert.Equal("414243", Convert.ToHexString(output, 1, produced));
            AssertUntouched(output, 4, 2);
        }

        [Fact]
        public void Encode_OutputRoomForTheDleOnly_WritesThePayloadByteNextCall()
        {
            var escaper = new DleEscaper();
            byte[] output = Filled(4);
            int consumed = escaper.Encode(new byte[] { 0x41, 0x03, 0x42 }, 0, 3, output, 0, 2, out int produced);
            Assert.Equal(2, consumed);
            Assert.Equal("4110", Convert.ToHexString(output, 0, produced));
            Assert.True(escaper.HasPending);

            consumed = escaper.Encode(new byte[] { 0x42 }, 0, 1, output, 0, 4, out produced);
            Assert.Equal(1, consumed);
            Assert.Equal("0342", Convert.ToHexString(output, 0, produced));
            Assert.False(escaper.HasPending);
        }

        [Fact]
        public void Encode_NoOutputRoom_ConsumesNothing()
        {
            var escaper = new DleEscaper();
            Assert.Equal(0, escaper.Encode(new byte[] { 0x41 }, 0, 1, new byte[1], 0, 0, out int produced));
            Assert.Equal(0, produced);
        }

        private static byte[] Filled(int length)
        {
            var bytes = new byte[length];
            Array.Fill(bytes, (byte)0xA5);
            return bytes;
        }

        private static void AssertUntouched(byte[] buffer, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                Assert.Equal(0xA5, buffer[i]);
            }
        }
    }
}
