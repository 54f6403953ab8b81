using EdSoftNano.At;
using EdSoftNano.Device.Tests.Support;
using nanoFramework.TestFramework;

namespace EdSoftNano.Device.Tests.CoreOnTarget
{
    /// <summary>
    /// A few AT# dialogues through the whole <see cref="EdSoftNano.App.Firmware"/> (real session,
    /// no bearer) with RAM links, exact bytes out, as on the Linux transcript tests: version,
    /// a parameter set/get that survives a reset, a refused value, a plain AT relayed to the
    /// modem, and AT#DELFLASH.
    /// </summary>
    [TestClass]
    public class AtTranscriptOnTargetTests
    {
        [TestMethod]
        public void VVersion_AnswersTheVersionBlock()
        {
            FirmwareRig rig = new FirmwareRig();
            string expected = Expect.Block(string.Concat("#VERSION: \"", FirmwareVersion.Full, "\""));
            AssertText(expected, rig.Send("AT#VVERSION\r"), "AT#VVERSION");
        }

        [TestMethod]
        public void SetPingNum_ThenQuery_ThenReset_KeepsTheValue()
        {
            FirmwareRig rig = new FirmwareRig();
            AssertText(Expect.Ok, rig.Send("AT#PINGNUM=7\r"), "set");
            AssertText(Expect.Block("#PINGNUM: 7"), rig.Send("AT#PINGNUM?\r"), "query");
            AssertText(Expect.Block("#PINGNUM: 7"), rig.Reset().Send("AT#PINGNUM?\r"), "query after reset");
        }

        [TestMethod]
        public void SetPingNum_OutOfRange_Is34882AndKeepsTheOldValue()
        {
            FirmwareRig rig = new FirmwareRig();
            AssertText(Expect.Error(ErrorCodes.BadArgumentValue), rig.Send("AT#PINGNUM=256\r"), "256");
            AssertText(Expect.Block("#PINGNUM: 4"), rig.Send("AT#PINGNUM?\r"), "default kept");
        }

        [TestMethod]
        public void PlainAt_GoesToTheModem_AndItsOkComesBack()
        {
            FirmwareRig rig = new FirmwareRig();
            int before = rig.Modem.Commands;
            AssertText(Expect.Ok, rig.Send("AT\r"), "AT");
            Assert.AreEqual(before + 1, rig.Modem.Commands, "one command to the modem");
            Assert.IsTrue(EndsWith(rig.Modem.Written, "AT\r"), "the modem received AT<CR>");
        }

        [TestMethod]
        public void Start_SendsTheModemInitScript_EchoOffFirst()
        {
            FirmwareRig rig = new FirmwareRig();
            Assert.IsTrue(rig.Modem.Written.IndexOf("ATE0\r") == 0, Text.Visible(rig.Modem.Written));
        }

        [TestMethod]
        public void DelFlash_KeepsValuesUntilReset_ThenDefaults()
        {
            FirmwareRig rig = new FirmwareRig();
            AssertText(Expect.Ok, rig.Send("AT#DNSSERV1=\"1.2.3.4\"\r"), "set");
            AssertText(Expect.Ok, rig.Send("AT#DELFLASH\r"), "delflash");
            AssertText(Expect.Block("#DNSSERV1: \"1.2.3.4\""), rig.Send("AT#DNSSERV1?\r"), "still in force");
            AssertText(Expect.Block("#DNSSERV1: \"0.0.0.0\""), rig.Reset().Send("AT#DNSSERV1?\r"), "default after reset");
        }

        private static void AssertText(string expected, string actual, string what)
        {
            Assert.AreEqual(Text.Visible(expected), Text.Visible(actual), what);
        }

        private static bool EndsWith(string text, string tail)
        {
            return text.Length >= tail.Length && text.Substring(text.Length - tail.Length) == tail;
        }
    }
}
