using EdSoftNano.Device.Ports;
using nanoFramework.TestFramework;

namespace EdSoftNano.Device.Tests.DeviceLogic
{
    /// <summary>The receive ring of the serial bindings (Ports/SerialRing.cs, linked from the device app): no device I/O.</summary>
    [TestClass]
    public class SerialRingTests
    {
        [TestMethod]
        public void PutThenTake_AcrossTheWrap_KeepsOrder()
        {
            SerialRing ring = new SerialRing(new byte[8]);
            byte[] data = { 1, 2, 3, 4, 5, 6 };
            byte[] got = new byte[8];
            Assert.AreEqual(6, ring.Put(data, 0, 6), "first put");
            Assert.AreEqual(4, ring.Take(got, 0, 4), "take 4");
            Assert.AreEqual(6, ring.Put(data, 0, 6), "put across the end");
            Assert.AreEqual(8, ring.Take(got, 0, 8), "take all");
            byte[] expected = { 5, 6, 1, 2, 3, 4, 5, 6 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], got[i], string.Concat("byte ", i.ToString()));
            }

            Assert.AreEqual(0, ring.Count, "empty");
        }

        [TestMethod]
        public void Put_MoreThanFree_TakesWhatFits()
        {
            SerialRing ring = new SerialRing(new byte[4]);
            byte[] data = { 9, 8, 7, 6, 5, 4 };
            Assert.AreEqual(4, ring.Put(data, 0, 6), "only 4 fit");
            Assert.AreEqual(0, ring.Free, "full");
            Assert.AreEqual(0, ring.Put(data, 0, 1), "nothing fits when full");
        }

        [TestMethod]
        public void Take_FromEmpty_ReturnsZeroAndLeavesTheTarget()
        {
            SerialRing ring = new SerialRing(new byte[4]);
            byte[] got = { 0xA5, 0xA5 };
            Assert.AreEqual(0, ring.Take(got, 0, 2), "nothing to take");
            Assert.AreEqual((byte)0xA5, got[0], "target untouched");
        }

        [TestMethod]
        public void OneByteAtATime_ThroughManyWraps_KeepsOrder()
        {
            SerialRing ring = new SerialRing(new byte[3]);
            byte[] one = new byte[1];
            for (int i = 0; i < 50; i++)
            {
                one[0] = (byte)i;
                Assert.AreEqual(1, ring.Put(one, 0, 1), "put");
                one[0] = 0;
                Assert.AreEqual(1, ring.Take(one, 0, 1), "take");
                Assert.AreEqual((byte)i, one[0], string.Concat("byte ", i.ToString()));
            }
        }
    }
}
