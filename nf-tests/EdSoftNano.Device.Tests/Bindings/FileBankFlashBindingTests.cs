using EdSoftNano.App;
using EdSoftNano.Device.Ports;
using EdSoftNano.Device.Tests.Support;
using EdSoftNano.Parameters;
using EdSoftNano.Persistence;
using nanoFramework.TestFramework;

namespace EdSoftNano.Device.Tests.Bindings
{
    /// <summary>
    /// The device's <see cref="FileBankFlash"/> on the real internal drive I: (littlefs): banks are
    /// separate files, a write never touches the other bank, erase deletes, and the core's A/B
    /// store works over it across a "reset" (a new store object over the same files).
    /// </summary>
    [TestClass]
    public class FileBankFlashBindingTests
    {
        private static FileBankFlash Fresh()
        {
            FileBankFlash flash = new FileBankFlash(BindingSetup.FlashFolder, 2, Budget.FlashBank);
            Assert.IsTrue(flash.EnsureFolder(), string.Concat("folder ", BindingSetup.FlashFolder, " on the internal drive"));
            Assert.IsTrue(flash.EraseBank(0), "erase bank 0");
            Assert.IsTrue(flash.EraseBank(1), "erase bank 1");
            return flash;
        }

        [TestMethod]
        public void ErasedBanks_ReadAsEmpty()
        {
            FileBankFlash flash = Fresh();
            byte[] buffer = new byte[Budget.FlashBank];
            Assert.AreEqual(0, flash.ReadBank(0, buffer, 0), "bank 0");
            Assert.AreEqual(0, flash.ReadBank(1, buffer, 0), "bank 1");
        }

        [TestMethod]
        public void WriteBank1_LeavesBank0AsItWas()
        {
            FileBankFlash flash = Fresh();
            byte[] a = Text.Bytes("bank zero image");
            byte[] b = Text.Bytes("bank one, a longer image than bank zero");
            Assert.IsTrue(flash.WriteBank(0, a, 0, a.Length), "write bank 0");
            Assert.IsTrue(flash.WriteBank(1, b, 0, b.Length), "write bank 1");

            byte[] buffer = new byte[Budget.FlashBank];
            int n = flash.ReadBank(0, buffer, 0);
            Assert.AreEqual(a.Length, n, "bank 0 length");
            Assert.AreEqual("bank zero image", Text.Of(buffer, 0, n), "bank 0 bytes");
            n = flash.ReadBank(1, buffer, 0);
            Assert.AreEqual("bank one, a longer image than bank zero", Text.Of(buffer, 0, n), "bank 1 bytes");
        }

        [TestMethod]
        public void Rewrite_Shorter_ReplacesTheWholeBank()
        {
            FileBankFlash flash = Fresh();
            byte[] longer = Text.Bytes("0123456789");
            byte[] shorter = Text.Bytes("abc");
            Assert.IsTrue(flash.WriteBank(0, longer, 0, longer.Length), "first write");
            Assert.IsTrue(flash.WriteBank(0, shorter, 0, shorter.Length), "second write");
            byte[] buffer = new byte[Budget.FlashBank];
            int n = flash.ReadBank(0, buffer, 0);
            Assert.AreEqual("abc", Text.Of(buffer, 0, n), "no tail of the old image");
        }

        [TestMethod]
        public void ParameterStore_SavesAndLoadsAcrossAReset()
        {
            FileBankFlash flash = Fresh();
            string[] values = new string[ParameterTable.SlotCount];
            ParameterStore.LoadDefaults(values);
            values[ParameterTable.PingNum.FirstSlot] = "12";
            Assert.IsTrue(new ParameterFlash(flash, new byte[Budget.FlashBank]).Save(values), "save");

            FileBankFlash reopened = new FileBankFlash(BindingSetup.FlashFolder, 2, Budget.FlashBank);
            string[] loaded = new string[ParameterTable.SlotCount];
            ParameterStore.LoadDefaults(loaded);
            Assert.IsTrue(new ParameterFlash(reopened, new byte[Budget.FlashBank]).Load(loaded), "load");
            Assert.AreEqual("12", loaded[ParameterTable.PingNum.FirstSlot], "PINGNUM");
        }
    }
}
