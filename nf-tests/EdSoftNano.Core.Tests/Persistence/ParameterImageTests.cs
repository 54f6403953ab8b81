using System;
using CsCheck;
using EdSoftNano.Parameters;
using EdSoftNano.Persistence;
using Xunit;

namespace EdSoftNano.Tests.Persistence
{
    public class ParameterImageTests
    {
        private const uint VectorSequence = 0x01020304;

        // The image of ParameterSets.Empty() with ANSWERMODE "2", BODY1 "A<CR><LF>B" and TCPPORT
        // for socket 2 "80", sequence 0x01020304. Written from the layout in ParameterImage's
        // header; the CRC was computed apart from this code (Python's zlib.crc32).
        private const string Vector =
            "45 44 53 4E 01 00 04 03 02 01 23 01 " + // magic "EDSN", version 1, reserved, sequence, payload 0x0123
            "01 00 01 00 32 " + // ANSWERMODE
            "02 00 00 00 03 00 00 00 04 00 00 00 05 00 00 00 06 00 00 00 07 00 00 00 08 00 00 00 09 00 00 00 " +
            "0A 00 00 00 0B 00 00 00 0C 00 00 00 0D 00 00 00 0E 00 00 00 0F 00 00 00 10 00 00 00 11 00 00 00 " +
            "12 00 00 00 13 00 00 00 14 00 00 00 15 00 00 00 16 00 00 00 17 00 00 00 18 00 00 00 19 00 00 00 " +
            "1A 00 00 00 1B 00 00 00 1C 00 00 00 1D 00 00 00 1E 00 00 00 1F 00 00 00 20 00 00 00 21 00 00 00 " +
            "22 00 00 00 23 00 00 00 24 00 00 00 25 00 00 00 26 00 00 00 27 00 00 00 28 00 00 00 29 00 00 00 " +
            "2A 00 00 00 2B 00 00 00 2C 00 00 00 2D 00 00 00 " +
            "2E 00 04 00 41 0D 0A 42 " + // BODY1
            "2F 00 00 00 30 00 00 00 31 00 00 00 32 00 00 00 33 00 00 00 34 00 00 00 35 00 00 00 36 00 00 00 " +
            "37 00 00 00 38 00 00 00 39 00 00 00 3A 00 00 00 3A 01 00 00 3B 00 00 00 3B 01 00 00 3C 00 00 00 " +
            "3C 01 02 00 38 30 " + // TCPPORT slot 1
            "3D 00 00 00 3D 01 00 00 3E 00 00 00 3F 00 00 00 40 00 00 00 41 00 00 00 42 00 00 00 43 00 00 00 " +
            "9D 05 5D BC"; // CRC-32 over the 303 bytes above

        private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty));

        private static string[] VectorValues()
        {
            string[] values = ParameterSets.Empty();
            values[ParameterTable.AnswerMode.FirstSlot] = "2";
            values[ParameterTable.Body1.FirstSlot] = "A\r\nB";
            values[ParameterTable.TcpPort.FirstSlot + 1] = "80";
            return values;
        }

        private static byte[] EncodeToArray(string[] values, uint sequence)
        {
            var buffer = new byte[ParameterImage.MaxImageLength + 64];
            int length = ParameterImage.Encode(values, sequence, buffer, 0);
            Assert.True(length > 0);
            return buffer.AsSpan(0, length).ToArray();
        }

        /// <summary>Writes a payload length and a matching CRC, so that only the other checks can reject.</summary>
        private static int Reseal(byte[] image, int payloadLength)
        {
            image[10] = (byte)payloadLength;
            image[11] = (byte)(payloadLength >> 8);
            int crcOffset = ParameterImage.HeaderLength + payloadLength;
            uint crc = Crc32.Compute(image, 0, crcOffset);
            image[crcOffset] = (byte)crc;
            image[crcOffset + 1] = (byte)(crc >> 8);
            image[crcOffset + 2] = (byte)(crc >> 16);
            image[crcOffset + 3] = (byte)(crc >> 24);
            return crcOffset + ParameterImage.CrcLength;
        }

        private static int PayloadLength(byte[] image) => image[10] | (image[11] << 8);

        private static void AssertRejected(byte[] buffer, int offset, int count)
        {
            string[] values = ParameterSets.Defaults();
            string[] before = ParameterSets.Defaults();
            Assert.False(ParameterImage.TryDecode(buffer, offset, count, values, out uint sequence));
            Assert.Equal(0u, sequence);
            ParameterSets.AssertSame(before, values);
        }

        [Fact]
        public void Encode_TinyValues_WritesVectorExactly()
        {
            byte[] expected = Hex(Vector);
            const int offset = 3;
            var buffer = new byte[expected.Length + 10];
            Array.Fill(buffer, (byte)0xA5);

            int length = ParameterImage.Encode(VectorValues(), VectorSequence, buffer, offset);

            Assert.Equal(expected.Length, length);
            Assert.Equal(expected, buffer.AsSpan(offset, length).ToArray());
            Assert.All(buffer.AsSpan(0, offset).ToArray(), b => Assert.Equal(0xA5, b));
            Assert.All(buffer.AsSpan(offset + length).ToArray(), b => Assert.Equal(0xA5, b));
        }

        [Fact]
        public void TryDecode_Vector_GivesValuesAndSequence()
        {
            byte[] image = Hex(Vector);
            string[] values = ParameterSets.Defaults();

            Assert.True(ParameterImage.TryDecode(image, 0, image.Length, values, out uint sequence));

            Assert.Equal(VectorSequence, sequence);
            ParameterSets.AssertSame(VectorValues(), values);
        }

        [Fact]
        public void TryCheck_Vector_GivesSequence()
        {
            byte[] image = Hex(Vector);
            Assert.True(ParameterImage.TryCheck(image, 0, image.Length, out uint sequence));
            Assert.Equal(VectorSequence, sequence);
        }

        [Fact]
        public void Encode_Defaults_RoundTrips()
        {
            byte[] image = EncodeToArray(ParameterSets.Defaults(), 7);
            string[] values = ParameterSets.Empty();

            Assert.True(ParameterImage.TryDecode(image, 0, image.Length, values, out uint sequence));

            Assert.Equal(7u, sequence);
            ParameterSets.AssertSame(ParameterSets.Defaults(), values);
        }

        [Fact]
        public void Encode_EveryValueAtMaxLength_RoundTripsAndIsMaxImageLength()
        {
            string[] max = ParameterSets.AtMaxLength();
            byte[] image = EncodeToArray(max, 0xFFFFFFFF);
            string[] values = ParameterSets.Defaults();

            Assert.Equal(ParameterImage.MaxImageLength, image.Length);
            Assert.True(ParameterImage.TryDecode(image, 0, image.Length, values, out uint sequence));
            Assert.Equal(0xFFFFFFFFu, sequence);
            ParameterSets.AssertSame(max, values);
        }

        [Fact]
        public void Encode_AtOffset_DecodesAtSameOffset()
        {
            var buffer = new byte[2000];
            int length = ParameterImage.Encode(ParameterSets.Old(), 42, buffer, 17);
            string[] values = ParameterSets.Defaults();

            Assert.True(ParameterImage.TryDecode(buffer, 17, length, values, out uint sequence));
            Assert.Equal(42u, sequence);
            ParameterSets.AssertSame(ParameterSets.Old(), values);
        }

        [Fact]
        public void Encode_BufferTooSmallByAnyAmount_ReturnsMinusOneAndWritesNothing()
        {
            int needed = Hex(Vector).Length;
            for (int size = 0; size < needed; size++)
            {
                var buffer = new byte[size];
                Array.Fill(buffer, (byte)0xA5);
                Assert.Equal(-1, ParameterImage.Encode(VectorValues(), VectorSequence, buffer, 0));
                Assert.All(buffer, b => Assert.Equal(0xA5, b));
            }

            Assert.Equal(needed, ParameterImage.Encode(VectorValues(), VectorSequence, new byte[needed], 0));
        }

        [Fact]
        public void Encode_NonAsciiValue_ReturnsMinusOne()
        {
            string[] values = ParameterSets.Defaults();
            values[ParameterTable.SenderName.FirstSlot] = "Jos\u00e9";
            Assert.Equal(-1, ParameterImage.Encode(values, 1, new byte[ParameterImage.MaxImageLength], 0));
        }

        [Fact]
        public void Encode_NullValue_IsStoredAsEmpty()
        {
            string[] values = ParameterSets.Defaults();
            values[ParameterTable.Domain.FirstSlot] = null;
            byte[] image = EncodeToArray(values, 1);
            string[] decoded = ParameterSets.Defaults();

            Assert.True(ParameterImage.TryDecode(image, 0, image.Length, decoded, out _));
            Assert.Equal(string.Empty, decoded[ParameterTable.Domain.FirstSlot]);
        }

        [Fact]
        public void Encode_BadArguments_ReturnsMinusOne()
        {
            var buffer = new byte[ParameterImage.MaxImageLength];
            Assert.Equal(-1, ParameterImage.Encode(null, 1, buffer, 0));
            Assert.Equal(-1, ParameterImage.Encode(new string[ParameterTable.SlotCount - 1], 1, buffer, 0));
            Assert.Equal(-1, ParameterImage.Encode(ParameterSets.Defaults(), 1, null, 0));
            Assert.Equal(-1, ParameterImage.Encode(ParameterSets.Defaults(), 1, buffer, -1));
            Assert.Equal(-1, ParameterImage.Encode(ParameterSets.Defaults(), 1, buffer, buffer.Length + 1));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void TryDecode_BadMagicByte_ReturnsFalse(int position)
        {
            byte[] image = Hex(Vector);
            image[position] ^= 0x20; // "edsn" and the like
            int length = Reseal(image, PayloadLength(image));
            AssertRejected(image, 0, length);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(2)]
        [InlineData(0xFF)]
        public void TryDecode_OtherVersion_ReturnsFalse(byte version)
        {
            byte[] image = Hex(Vector);
            image[4] = version;
            int length = Reseal(image, PayloadLength(image));
            AssertRejected(image, 0, length);
        }

        [Fact]
        public void TryDecode_ReservedByteSet_IsAccepted()
        {
            // Reserved means "free for a later version"; the CRC still covers it.
            byte[] image = Hex(Vector);
            image[5] = 0x5A;
            int length = Reseal(image, PayloadLength(image));
            string[] values = ParameterSets.Defaults();
            Assert.True(ParameterImage.TryDecode(image, 0, length, values, out _));
            ParameterSets.AssertSame(VectorValues(), values);
        }

        [Fact]
        public void TryDecode_TruncatedAtEveryLength_ReturnsFalse()
        {
            foreach (byte[] image in new[] { Hex(Vector), EncodeToArray(ParameterSets.Old(), 5) })
            {
                for (int count = 0; count < image.Length; count++)
                {
                    AssertRejected(image, 0, count);
                }
            }
        }

        [Fact]
        public void TryDecode_AnySingleBitFlipped_ReturnsFalse()
        {
            foreach (byte[] original in new[] { Hex(Vector), EncodeToArray(ParameterSets.Old(), 5) })
            {
                for (int position = 0; position < original.Length; position++)
                {
                    for (int bit = 0; bit < 8; bit++)
                    {
                        byte[] image = (byte[])original.Clone();
                        image[position] ^= (byte)(1 << bit);
                        AssertRejected(image, 0, image.Length);
                    }
                }
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        [InlineData(0xFFFF)]
        public void TryDecode_PayloadLengthOverrunsBuffer_ReturnsFalse(int extra)
        {
            byte[] image = Hex(Vector);
            int payload = Math.Min(PayloadLength(image) + extra, 0xFFFF);
            image[10] = (byte)payload;
            image[11] = (byte)(payload >> 8);
            AssertRejected(image, 0, image.Length);
        }

        [Theory]
        [InlineData(-1)] // the last entry's header is cut short
        [InlineData(-3)]
        [InlineData(-5)]
        [InlineData(1)]  // stray bytes after the last entry, too few for an entry header
        [InlineData(3)]
        public void TryDecode_EntriesDoNotFillPayloadExactly_ReturnsFalse(int delta)
        {
            byte[] vector = Hex(Vector);
            var image = new byte[vector.Length + 8];
            Array.Copy(vector, image, vector.Length - ParameterImage.CrcLength);
            int length = Reseal(image, PayloadLength(vector) + delta);
            AssertRejected(image, 0, length);
        }

        [Fact]
        public void TryDecode_EntryLengthOverrunsPayload_ReturnsFalse()
        {
            byte[] image = Hex(Vector);
            int entry = ParameterImage.HeaderLength;
            image[entry + 2] = 0xFF;
            image[entry + 3] = 0xFF;
            int length = Reseal(image, PayloadLength(image));
            AssertRejected(image, 0, length);
        }

        [Fact]
        public void TryDecode_ByteAbove7F_ReturnsFalse()
        {
            byte[] image = Hex(Vector);
            image[ParameterImage.HeaderLength + ParameterImage.EntryHeaderLength] = 0xB2; // ANSWERMODE's '2' | 0x80
            int length = Reseal(image, PayloadLength(image));
            AssertRejected(image, 0, length);
        }

        [Fact]
        public void TryDecode_UnknownIdsAndSlots_AreSkippedAndAbsentSlotsKept()
        {
            byte[] image = Hex(
                "45 44 53 4E 01 00 09 00 00 00 00 00 " +
                "C8 00 01 00 78 " +   // stable id 200: a parameter of a later firmware
                "01 01 01 00 39 " +   // ANSWERMODE slot 1: it has only slot 0
                "3C 02 01 00 37 " +   // TCPPORT slot 2: it has slots 0 and 1
                "00 00 00 00 " +      // stable id 0: never given to a parameter
                "01 00 01 00 33 " +   // ANSWERMODE "3"
                "3C 01 03 00 34 34 33 " + // TCPPORT for socket 2 "443"
                "00 00 00 00");
            int length = Reseal(image, image.Length - ParameterImage.HeaderLength - ParameterImage.CrcLength);
            string[] values = ParameterSets.Defaults();

            Assert.True(ParameterImage.TryDecode(image, 0, length, values, out uint sequence));

            string[] expected = ParameterSets.Defaults();
            expected[ParameterTable.AnswerMode.FirstSlot] = "3";
            expected[ParameterTable.TcpPort.FirstSlot + 1] = "443";
            Assert.Equal(9u, sequence);
            ParameterSets.AssertSame(expected, values);
        }

        [Fact]
        public void TryDecode_ErasedBytesAfterImage_AreIgnored()
        {
            byte[] vector = Hex(Vector);
            var bank = new byte[4096];
            Array.Fill(bank, (byte)0xFF);
            Array.Copy(vector, bank, vector.Length);
            string[] values = ParameterSets.Defaults();

            Assert.True(ParameterImage.TryDecode(bank, 0, bank.Length, values, out _));
            ParameterSets.AssertSame(VectorValues(), values);
        }

        [Fact]
        public void TryDecode_ErasedOrZeroedBank_ReturnsFalse()
        {
            var bank = new byte[4096];
            AssertRejected(bank, 0, bank.Length);
            Array.Fill(bank, (byte)0xFF);
            AssertRejected(bank, 0, bank.Length);
        }

        [Fact]
        public void TryDecode_BadArguments_ReturnsFalseWithoutThrowing()
        {
            byte[] image = Hex(Vector);
            AssertRejected(null, 0, 10);
            AssertRejected(image, -1, image.Length);
            AssertRejected(image, 0, -1);
            AssertRejected(image, 1, image.Length);
            AssertRejected(image, image.Length + 1, 0);
            AssertRejected(image, int.MaxValue, int.MaxValue);
            Assert.False(ParameterImage.TryDecode(image, 0, image.Length, null, out _));
            Assert.False(ParameterImage.TryDecode(image, 0, image.Length, new string[ParameterTable.SlotCount - 1], out _));
        }

        [Fact]
        public void TryDecode_RandomBytes_NeverThrows()
        {
            Gen.Byte.Array[0, 600].Sample(bytes =>
            {
                string[] values = ParameterSets.Defaults();
                ParameterImage.TryDecode(bytes, 0, bytes.Length, values, out _);
            }, iter: 2000);
        }

        [Fact]
        public void TryDecode_ResealedRandomPayload_NeverThrowsAndDecodesOnlyAscii()
        {
            // A valid header and CRC around random entries: only the entry walk stands in the way.
            Gen.Select(Gen.Byte.Array[0, 300], Gen.Int[0, 310]).Sample((payload, declared) =>
            {
                var image = new byte[ParameterImage.HeaderLength + 310 + ParameterImage.CrcLength];
                Array.Copy(Hex("45 44 53 4E 01 00 01 00 00 00"), image, 10);
                Array.Copy(payload, 0, image, ParameterImage.HeaderLength, payload.Length);
                int length = Reseal(image, declared);
                string[] values = ParameterSets.Defaults();
                if (ParameterImage.TryDecode(image, 0, length, values, out _))
                {
                    Assert.All(values, v => Assert.All(v, c => Assert.True(c <= 0x7F)));
                }
            }, iter: 3000);
        }

        [Fact]
        public void Encode_RandomAsciiValues_RoundTrip()
        {
            ParameterDef[] slotDefs = new ParameterDef[ParameterTable.SlotCount];
            foreach (ParameterDef def in ParameterTable.All)
            {
                for (int s = 0; s < def.Slots; s++)
                {
                    slotDefs[def.FirstSlot + s] = def;
                }
            }

            Gen<string[]> genValues = Gen.Char['\0', '\x7F'].Array[0, ParameterImage.MaxAddressListLength].Array[ParameterTable.SlotCount]
                .Select(arrays =>
                {
                    var values = new string[arrays.Length];
                    for (int i = 0; i < arrays.Length; i++)
                    {
                        int max = ParameterImage.MaxValueLength(slotDefs[i]);
                        values[i] = new string(arrays[i], 0, Math.Min(max, arrays[i].Length));
                    }

                    return values;
                });
            // CsCheck runs samples on several threads: each gets its own buffer.
            Gen.Select(genValues, Gen.Int).Sample((values, seq) =>
            {
                var buffer = new byte[ParameterImage.MaxImageLength];
                int length = ParameterImage.Encode(values, (uint)seq, buffer, 0);
                Assert.True(length > 0 && length <= ParameterImage.MaxImageLength);
                string[] decoded = ParameterSets.Defaults();
                Assert.True(ParameterImage.TryDecode(buffer, 0, length, decoded, out uint sequence));
                Assert.Equal((uint)seq, sequence);
                ParameterSets.AssertSame(values, decoded);
            }, iter: 200);
        }

        [Fact]
        public void MaxValueLength_EachKind_IsTheLongestLegalText()
        {
            Assert.Equal(1300, ParameterImage.MaxValueLength(ParameterTable.Rec1));
            Assert.Equal(1300, ParameterImage.MaxValueLength(ParameterTable.CcRec3));
            Assert.Equal(5, ParameterImage.MaxValueLength(ParameterTable.TcpPort));       // "65535"
            Assert.Equal(5, ParameterImage.MaxValueLength(ParameterTable.TcpTxDelay));    // "32760"
            Assert.Equal(1, ParameterImage.MaxValueLength(ParameterTable.AnswerMode));    // "0".."3"
            Assert.Equal(2, ParameterImage.MaxValueLength(ParameterTable.RedialDelay));   // "10".."14"
            Assert.Equal(1, ParameterImage.MaxValueLength(ParameterTable.PppMode));       // "1".."9"
            Assert.Equal(1, ParameterImage.MaxValueLength(ParameterTable.FtpType));       // "A" or "I"
            Assert.Equal(15, ParameterImage.MaxValueLength(ParameterTable.PppMyIp));      // "255.255.255.255"
            Assert.Equal(120, ParameterImage.MaxValueLength(ParameterTable.Body2));
            Assert.Equal(32, ParameterImage.MaxValueLength(ParameterTable.DialN1));
        }
    }
}
