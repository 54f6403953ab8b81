using EdSoftNano.App;
using EdSoftNano.Parameters;
using EdSoftNano.Persistence;
using nanoFramework.TestFramework;

namespace EdSoftNano.Device.Tests.CoreOnTarget
{
    /// <summary>
    /// The parameter image codec (Persistence/ParameterImage.cs) and its CRC on the device's
    /// runtime: byte-exact header fields, round trips, and the checks that reject torn images.
    /// </summary>
    [TestClass]
    public class ParameterImageOnTargetTests
    {
        private static string[] Defaults()
        {
            string[] values = new string[ParameterTable.SlotCount];
            ParameterStore.LoadDefaults(values);
            return values;
        }

        private static string[] Changed()
        {
            string[] values = Defaults();
            values[ParameterTable.PingNum.FirstSlot] = "9";
            values[ParameterTable.DnsServ1.FirstSlot] = "10.1.2.3";
            values[ParameterTable.ApnServ.FirstSlot] = "internet.example.net";
            values[ParameterTable.IspUn.FirstSlot] = string.Empty;
            return values;
        }

        [TestMethod]
        public void Crc32_CheckVector_IsCbf43926()
        {
            // The CRC-32/IEEE check value: "123456789" -> 0xCBF43926.
            byte[] data = { 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39 };
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(data, 0, data.Length), "CRC-32 of \"123456789\"");
        }

        [TestMethod]
        public void Encode_Header_IsMagicVersionReservedSequence()
        {
            byte[] buffer = Filled(Budget.FlashBank, 0xA5);
            int length = ParameterImage.Encode(Defaults(), 0x01020304u, buffer, 0);

            Assert.IsTrue(length > ParameterImage.HeaderLength + ParameterImage.CrcLength, "image length");
            byte[] header = { 0x45, 0x44, 0x53, 0x4E, 0x01, 0x00, 0x04, 0x03, 0x02, 0x01 };
            for (int i = 0; i < header.Length; i++)
            {
                Assert.AreEqual(header[i], buffer[i], string.Concat("header byte ", i.ToString()));
            }

            int payload = buffer[10] | (buffer[11] << 8);
            Assert.AreEqual(length, ParameterImage.HeaderLength + payload + ParameterImage.CrcLength, "payload length field");
            Assert.AreEqual((byte)0xA5, buffer[length], "the byte after the image is untouched");
        }

        [TestMethod]
        public void Encode_ThenDecode_GivesTheSameValuesAndSequence()
        {
            string[] original = Changed();
            byte[] buffer = new byte[Budget.FlashBank];
            int length = ParameterImage.Encode(original, 41u, buffer, 0);

            string[] decoded = Defaults();
            uint sequence;
            Assert.IsTrue(ParameterImage.TryDecode(buffer, 0, length, decoded, out sequence), "decodes");
            Assert.AreEqual(41u, sequence, "sequence");
            for (int i = 0; i < original.Length; i++)
            {
                Assert.AreEqual(original[i], decoded[i], string.Concat("slot ", i.ToString()));
            }
        }

        [TestMethod]
        public void Encode_AtAnOffset_DecodesFromThatOffset()
        {
            byte[] buffer = new byte[Budget.FlashBank];
            int length = ParameterImage.Encode(Changed(), 5u, buffer, 100);
            uint sequence;
            Assert.IsTrue(ParameterImage.TryCheck(buffer, 100, length, out sequence), "checks at offset 100");
            Assert.AreEqual(5u, sequence, "sequence");
        }

        [TestMethod]
        public void TryCheck_AnyFlippedByte_Fails()
        {
            byte[] buffer = new byte[Budget.FlashBank];
            int length = ParameterImage.Encode(Changed(), 3u, buffer, 0);
            int[] positions = { 0, 4, 6, 10, 12, length / 2, length - 5, length - 1 };
            for (int i = 0; i < positions.Length; i++)
            {
                int p = positions[i];
                buffer[p] ^= 0x01;
                uint sequence;
                Assert.IsFalse(ParameterImage.TryCheck(buffer, 0, length, out sequence), string.Concat("flipped byte ", p.ToString()));
                buffer[p] ^= 0x01;
            }

            uint restored;
            Assert.IsTrue(ParameterImage.TryCheck(buffer, 0, length, out restored), "restored image checks again");
        }

        [TestMethod]
        public void TryDecode_TruncatedImage_FailsAndWritesNothing()
        {
            byte[] buffer = new byte[Budget.FlashBank];
            int length = ParameterImage.Encode(Changed(), 8u, buffer, 0);
            int[] cuts = { 0, 1, ParameterImage.HeaderLength, length / 2, length - 1 };
            for (int i = 0; i < cuts.Length; i++)
            {
                string[] values = Defaults();
                uint sequence;
                Assert.IsFalse(ParameterImage.TryDecode(buffer, 0, cuts[i], values, out sequence), string.Concat("cut at ", cuts[i].ToString()));
                Assert.AreEqual(0u, sequence, "sequence of a failed decode");
                Assert.AreEqual("4", values[ParameterTable.PingNum.FirstSlot], "values untouched");
            }
        }

        private static byte[] Filled(int length, byte value)
        {
            byte[] buffer = new byte[length];
            for (int i = 0; i < length; i++)
            {
                buffer[i] = value;
            }

            return buffer;
        }
    }
}
