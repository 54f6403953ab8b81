using EdSoftNano.App;
using EdSoftNano.Parameters;
using EdSoftNano.Persistence;
using EdSoftNano.Device.Tests.Support;
using nanoFramework.TestFramework;

namespace EdSoftNano.Device.Tests.CoreOnTarget
{
    /// <summary>
    /// The A/B parameter store (Persistence/ParameterFlash.cs) over RAM flash with power cuts at
    /// chosen bytes of a save: after a reset, the store holds either the old set or the new one,
    /// never a mix and never nothing.
    /// </summary>
    [TestClass]
    public class PowerCutOnTargetTests
    {
        private static string[] Set(string pingNum)
        {
            string[] values = new string[ParameterTable.SlotCount];
            ParameterStore.LoadDefaults(values);
            values[ParameterTable.PingNum.FirstSlot] = pingNum;
            return values;
        }

        private static ParameterFlash Open(MemoryFlash flash) => new ParameterFlash(flash, new byte[Budget.FlashBank]);

        /// <summary>PINGNUM as a reset of the board finds it ("" when nothing loaded).</summary>
        private static string LoadAfterReset(MemoryFlash flash)
        {
            string[] values = new string[ParameterTable.SlotCount];
            ParameterStore.LoadDefaults(values);
            values[ParameterTable.PingNum.FirstSlot] = string.Empty;
            Open(flash).Load(values);
            return values[ParameterTable.PingNum.FirstSlot];
        }

        [TestMethod]
        public void Save_ThenReset_LoadsTheSavedSet()
        {
            MemoryFlash flash = new MemoryFlash(2, Budget.FlashBank);
            Assert.IsTrue(Open(flash).Save(Set("7")), "save");
            Assert.AreEqual("7", LoadAfterReset(flash), "after reset");
        }

        [TestMethod]
        public void CutDuringSecondSave_AtEveryRegion_OldSetSurvives()
        {
            int fullLength = ParameterImage.Encode(Set("8"), 2u, new byte[Budget.FlashBank], 0);
            int[] cuts = { 0, 1, 4, 11, 12, 13, fullLength / 2, fullLength - 4, fullLength - 1 };
            for (int i = 0; i < cuts.Length; i++)
            {
                MemoryFlash flash = new MemoryFlash(2, Budget.FlashBank);
                ParameterFlash store = Open(flash);
                Assert.IsTrue(store.Save(Set("7")), "first save");
                int liveBank = store.CurrentBank;
                byte[] live = flash.Snapshot(liveBank);

                flash.CutAfterBytes = cuts[i];
                Assert.IsFalse(store.Save(Set("8")), string.Concat("cut save at byte ", cuts[i].ToString(), " reports failure"));

                Assert.AreEqual("7", LoadAfterReset(flash), string.Concat("after a cut at byte ", cuts[i].ToString()));
                Assert.IsTrue(SameBytes(live, flash.Snapshot(liveBank)), "the live bank was not written");
            }
        }

        [TestMethod]
        public void CutSave_ThenGoodSave_NewSetWins()
        {
            MemoryFlash flash = new MemoryFlash(2, Budget.FlashBank);
            ParameterFlash store = Open(flash);
            Assert.IsTrue(store.Save(Set("7")), "first save");
            flash.CutAfterBytes = 20;
            Assert.IsFalse(store.Save(Set("8")), "cut save");
            Assert.IsTrue(Open(flash).Save(Set("9")), "save after the reset");
            Assert.AreEqual("9", LoadAfterReset(flash), "newest set");
        }

        [TestMethod]
        public void ManySaves_AlternateBanks_LastOneLoads()
        {
            MemoryFlash flash = new MemoryFlash(2, Budget.FlashBank);
            ParameterFlash store = Open(flash);
            int previousBank = -1;
            for (int i = 1; i <= 6; i++)
            {
                Assert.IsTrue(store.Save(Set(i.ToString())), string.Concat("save ", i.ToString()));
                Assert.AreNotEqual(previousBank, store.CurrentBank, "banks alternate");
                previousBank = store.CurrentBank;
            }

            Assert.AreEqual("6", LoadAfterReset(flash), "last save");
        }

        [TestMethod]
        public void Erase_ThenReset_FindsNothing()
        {
            MemoryFlash flash = new MemoryFlash(2, Budget.FlashBank);
            ParameterFlash store = Open(flash);
            Assert.IsTrue(store.Save(Set("7")), "save");
            Assert.IsTrue(store.Save(Set("8")), "save");
            Assert.IsTrue(store.Erase(), "erase");
            Assert.AreEqual(string.Empty, LoadAfterReset(flash), "nothing loaded after erase");
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
