using System;
using System.Text;
using EdSoftNano.App;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Modem
{
    /// <summary>
    /// Malformed modem output: NUL and 0xFF noise, lone CR or LF, 8-bit bytes, lines longer than the
    /// driver's line buffer (Budget.ModemLine). No crash, no noise on the host UART, the next command works.
    /// </summary>
    public class GarbageOutputTests
    {
        private const string Csq = "\r\n+CSQ: 9,0\r\n\r\nOK\r\n";

        [Theory]
        [InlineData("\x00\xFF\x00\r\n+CSQ: 9,0\r\n\r\nOK\r\n")]          // noise before
        [InlineData("\r\n+CSQ: 9\x00,0\xFF\r\n\r\nO\xFFK\r\n")]           // noise inside, even inside OK
        [InlineData("\r\n+CSQ: 9,0\r\n\r\nOK\r\n\x00\xFF\xFF")]           // noise after
        [InlineData("\n+CSQ: 9,0\n\nOK\n")]                              // lone LF
        [InlineData("\r+CSQ: 9,0\r\rOK\r")]                              // lone CR
        [InlineData("\r\n\r\n\n\r\r+CSQ: 9,0\r\n\r\n\r\nOK\r\n")]         // empty lines
        [InlineData("\r\n\x80\x81\xFE\r\n+CSQ: 9,0\r\n\x07\x1B \r\nOK\r\n")] // lines of noise only
        public void HostCommand_NoisyAnswer_HostGetsTheCleanAnswer(string answer)
        {
            var rig = new ModemRig();
            rig.Modem.On("AT+CSQ", answer);
            Assert.Equal(Csq, rig.Send("AT+CSQ\r"));
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
            Assert.Equal("\r\n+CSQ: 20,0\r\n\r\nOK\r\n", rig.Send("AT+CSQ\r"));
        }

        [Fact]
        public void HostCommand_AnswerSplitInSingleBytes_SameBytes()
        {
            var rig = new ModemRig();
            rig.Modem.MaxReadChunk = 1;
            rig.Modem.On("AT+CSQ", "\xFF\r\n+CSQ: 9,0\r\n\x00\r\nOK\r\n");
            Assert.Equal(Csq, rig.Send("AT+CSQ\r"));
        }

        [Fact]
        public void HostCommand_EightBitText_PassedThroughUnchanged()
        {
            // A Latin-1 phone book name (AT+CSCS="8859-1") is the host's business, not noise.
            var rig = new ModemRig();
            rig.Modem.On("AT+CPBR=1", "\r\n+CPBR: 1,\"0612345678\",129,\"Ren\xE9\"\r\n\r\nOK\r\n");
            Assert.Equal("\r\n+CPBR: 1,\"0612345678\",129,\"Ren\xE9\"\r\n\r\nOK\r\n", rig.Send("AT+CPBR=1\r"));
        }

        [Fact]
        public void Idle_NoiseFromTheModem_NothingReachesTheHost()
        {
            var rig = new ModemRig();
            rig.Modem.Emit("\x00\xFF\r\n\n\r\x80\x90\xA0\r\n\x00\r\n \r\n");
            Assert.Equal("", rig.Wait(100));
            Assert.Equal(Csq.Replace("9,0", "20,0"), SendCsq(rig));
        }

        [Fact]
        public void Idle_UnknownUrc_IsRelayed()
        {
            var rig = new ModemRig();
            rig.Modem.Emit("\r\n+CMTI: \"SM\",3\r\n");
            Assert.Equal("\r\n+CMTI: \"SM\",3\r\n", rig.Wait(10));
        }

        [Fact]
        public void HostCommand_AnswerLongerThanTheLineBuffer_PassedThroughWhole()
        {
            // AT+COPS=? lists every operator on one line: easily over 128 characters.
            string list = "+COPS: (2,\"F SFR\",\"SFR\",\"20810\"),(1,\"Orange F\",\"Orange\",\"20801\"),"
                + "(1,\"F-Bouygues Telecom\",\"BYTEL\",\"20820\"),(1,\"Free\",\"Free\",\"20815\"),,(0-4),(0-2)";
            Assert.True(list.Length > Budget.ModemLine);
            var rig = new ModemRig();
            rig.Modem.On("AT+COPS=?", "\r\n" + list + "\r\n\r\nOK\r\n");
            Assert.Equal("\r\n" + list + "\r\n\r\nOK\r\n", rig.Send("AT+COPS=?\r"));
        }

        [Theory]
        [InlineData(Budget.ModemLine)]
        [InlineData(Budget.ModemLine + 1)]
        [InlineData(2 * Budget.ModemLine)]
        [InlineData(2 * Budget.ModemLine + 1)]
        [InlineData(5000)]
        public void HostCommand_LongLineAtEveryLength_ExactBytes(int length)
        {
            string line = Pattern(length);
            var rig = new ModemRig();
            rig.Modem.MaxReadChunk = 7;
            rig.Modem.On("AT+XLONG", "\r\n" + line + "\r\n\r\nOK\r\n");
            Assert.Equal("\r\n" + line + "\r\n\r\nOK\r\n", rig.Send("AT+XLONG\r"));
        }

        [Fact]
        public void SessionCommand_LongGarbageLineBeforeTheAnswer_IsDroppedAndTheSessionGoesOn()
        {
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.On("AT+CPIN?", "\r\n" + Pattern(3000) + "\r\n\r\n+CPIN: READY\r\n\r\nOK\r\n");
            rig.Modem.On("ATD0860000000", "\r\nCONNECT 9600\r\n");
            Assert.Equal("\r\nDIALING\r\n0860000000\r\n\r\nCONNECT 9600\r\n\r\n213.192.200.4\r\n\r\nOk_Info_Ppp\r\n",
                rig.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void SessionCommand_GarbageLineBeforeTheAnswer_AnswerIsStillFound()
        {
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.On("AT+CPIN?", "\r\n\x85garbage\x12\r\n+CPIN: READY\r\n\r\nOK\r\n");
            rig.Modem.On("AT+CREG?", "\r\n~~\r\n+CREG: 1,5\r\n\r\nOK\r\n");
            rig.Modem.On("ATD0860000000", "\r\nCONNECT 9600\r\n");
            Assert.EndsWith("\r\nOk_Info_Ppp\r\n", rig.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void LongLines_AllocationIsBounded()
        {
            // 64 KB without a line end while idle, and 64 lines of 1 KB: the driver keeps one line
            // buffer and passes the rest through; nothing is allocated per byte.
            var clock = new VirtualClock();
            var modem = new ScriptedModemLink(clock);
            var host = new SinkHostLink();
            var firmware = new Firmware(host, modem, null, clock, null, null);
            firmware.Start();
            for (int i = 0; i < 100; i++)
            {
                firmware.Step(0);
                clock.Advance(1);
            }

            var text = new StringBuilder();
            text.Append(Pattern(65536)).Append("\r\n");
            for (int i = 0; i < 64; i++)
            {
                text.Append(Pattern(1024)).Append("\r\n");
            }

            modem.Emit(text.ToString());
            long written = host.BytesWritten;
            firmware.Step(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            while (modem.Pending > 0)
            {
                firmware.Step(0);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 4096, $"allocated {allocated} bytes");
            Assert.True(host.BytesWritten - written > 65536 + 64 * 1024);
        }

        private static string SendCsq(ModemRig rig)
        {
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
            return rig.Send("AT+CSQ\r");
        }

        /// <summary>Printable text that shows where a byte went missing.</summary>
        private static string Pattern(int length)
        {
            var text = new StringBuilder(length);
            for (int i = 0; i < length; i++)
            {
                text.Append((char)('!' + (i % 90)));
            }

            return text.ToString();
        }
    }
}
