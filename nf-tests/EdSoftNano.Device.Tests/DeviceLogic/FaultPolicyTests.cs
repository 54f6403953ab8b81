using EdSoftNano.Device.App;
using nanoFramework.TestFramework;

namespace EdSoftNano.Device.Tests.DeviceLogic
{
    /// <summary>The main loop's fault handling (App/FaultPolicy.cs, linked from the device app): no device I/O.</summary>
    [TestClass]
    public class FaultPolicyTests
    {
        [TestMethod]
        public void Backoff_DoublesFrom50_CappedAt5000()
        {
            int[] expected = { 50, 100, 200, 400, 800, 1600, 3200, 5000, 5000 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], FaultPolicy.BackoffMs(i + 1), string.Concat("fault ", (i + 1).ToString()));
            }
        }

        [TestMethod]
        public void Success_ResetsTheRun_NotTheTotal()
        {
            FaultPolicy policy = new FaultPolicy();
            policy.OnFault();
            policy.OnFault();
            policy.OnSuccess();
            Assert.AreEqual(50, policy.OnFault(), "back-off starts again");
            Assert.AreEqual(3, policy.TotalFaults, "total");
            Assert.AreEqual(1, policy.ConsecutiveFaults, "in a row");
        }

        [TestMethod]
        public void Rebuild_AfterEightInARow_AndAgainAfterSixteen()
        {
            FaultPolicy policy = new FaultPolicy();
            for (int i = 1; i <= 16; i++)
            {
                policy.OnFault();
                bool expected = i == FaultPolicy.RebuildAfter || i == 2 * FaultPolicy.RebuildAfter;
                Assert.AreEqual(expected, policy.ShouldRebuild, string.Concat("after fault ", i.ToString()));
            }
        }
    }
}
