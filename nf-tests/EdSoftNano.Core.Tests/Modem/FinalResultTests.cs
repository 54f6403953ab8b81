using EdSoftNano.At;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Modem
{
    /// <summary>
    /// Final result codes as the driver meets them: relayed verbatim (+CME ERROR, +CMS ERROR, CONNECT
    /// at any speed), never doubled by a command echo, never taken from a line nobody waits for.
    /// </summary>
    public class FinalResultTests
    {
        private const string Csq = "\r\n+CSQ: 9,0\r\n\r\nOK\r\n";

        [Theory]
        [InlineData("+CME ERROR: 10")]
        [InlineData("+CME ERROR: 600")]
        [InlineData("+CME ERROR: SIM not inserted")]
        [InlineData("+CMS ERROR: 500")]
        [InlineData("+CMS ERROR: 321")]
        [InlineData("NO DIALTONE")]
        [InlineData("BUSY")]
        [InlineData("NO ANSWER")]
        public void HostCommand_ErrorResult_RelayedVerbatimAndFinal(string final)
        {
            var rig = new ModemRig();
            rig.Modem.On("AT+CMGR=3", "\r\n" + final + "\r\n");
            Assert.Equal("\r\n" + final + "\r\n", rig.Send("AT+CMGR=3\r"));
            Assert.False(rig.Firmware.Interpreter.Busy);
            Assert.Equal(Csq, SendCsq(rig));
        }

        [Theory]
        [InlineData("CONNECT")]
        [InlineData("CONNECT 9600")]
        [InlineData("CONNECT 14400")]
        [InlineData("CONNECT 19200")]
        [InlineData("CONNECT 115200")]
        [InlineData("CONNECT 9600/RLP")]
        public void HostDial_ConnectAtAnySpeed_RelayedVerbatim(string connect)
        {
            var rig = new ModemRig();
            rig.Modem.On("ATD0612345678", "\r\n" + connect + "\r\n");
            Assert.Equal("\r\n" + connect + "\r\n", rig.Send("ATD0612345678\r"));
            Assert.False(rig.Firmware.Interpreter.Busy);
        }

        [Theory]
        [InlineData("CONNECT 19200")]
        [InlineData("CONNECT 115200")]
        [InlineData("CONNECT 9600/RLP")]
        [InlineData("CONNECT")]
        public void ConnectionStart_OddConnectSpeed_ShownAsTheModemSaidIt(string connect)
        {
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.On("ATD0860000000", "\r\n" + connect + "\r\n");
            Assert.Equal("\r\nDIALING\r\n0860000000\r\n\r\n" + connect + "\r\n\r\n213.192.200.4\r\n\r\nOk_Info_Ppp\r\n",
                rig.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void ConnectionStart_OddConnectSpeed_Atv0_IsNumericConnect()
        {
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.On("ATD0860000000", "\r\nCONNECT 19200\r\n");
            rig.Send("ATV0\r");
            Assert.Equal("DIALING\r\n0860000000\r\n1\r213.192.200.4\r\n3077\r", rig.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void EchoLeftOn_HostCommand_EchoIsNotRelayed()
        {
            var rig = new ModemRig(modem => modem.Echo = true);
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n\r\nOK\r\n");
            Assert.Equal(Csq, rig.Send("AT+CSQ\r"));
        }

        [Fact]
        public void EchoLeftOn_HostEchoOn_CommandEchoedOnce()
        {
            var rig = new ModemRig(modem => modem.Echo = true);
            rig.Firmware.Interpreter.Echo = true;
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n\r\nOK\r\n");
            Assert.Equal("AT+CSQ\r" + Csq, rig.Send("AT+CSQ\r"));
        }

        [Fact]
        public void EchoLeftOn_ConnectionStart_SessionReadsTheAnswersNotTheEchoes()
        {
            var rig = new ModemRig(modem => modem.Echo = true, new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.On("ATD0860000000", "\r\nCONNECT 9600\r\n");
            Assert.Equal("\r\nDIALING\r\n0860000000\r\n\r\nCONNECT 9600\r\n\r\n213.192.200.4\r\n\r\nOk_Info_Ppp\r\n",
                rig.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void EchoLeftOn_ModemResetsAndEchoesAgain_StillOneAnswer()
        {
            var rig = new ModemRig();
            rig.Modem.Echo = true;
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n\r\nOK\r\n");
            Assert.Equal(Csq, rig.Send("AT+CSQ\r"));
            Assert.Equal(Csq, rig.Send("AT+CSQ\r"));
        }

        [Fact]
        public void NoCarrier_WhileIdle_RelayedAndTheSessionStaysIdle()
        {
            // A call the host made itself may end so; with no call it is what a bare modem shows.
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Modem.Emit("\r\nNO CARRIER\r\n");
            Assert.Equal("\r\nNO CARRIER\r\n", rig.Wait(10));
            Assert.Equal(Block("#STATE: \"IDLE\""), rig.Send("AT#VSTATE\r"));
            Assert.Equal(Csq, SendCsq(rig));
        }

        [Theory]
        [InlineData("\r\nOK\r\n")]
        [InlineData("\r\nERROR\r\n")]
        [InlineData("\r\n+CME ERROR: 3\r\n")]
        [InlineData("\r\n+CMS ERROR: 500\r\n")]
        [InlineData("\r\nBUSY\r\n\r\nNO ANSWER\r\n\r\nNO DIALTONE\r\n")]
        public void StrayFinalResult_WhileIdle_IsDropped(string stray)
        {
            var rig = new ModemRig();
            rig.Modem.Emit(stray);
            Assert.Equal("", rig.Wait(10));
            Assert.Equal(Csq, SendCsq(rig));
        }

        [Fact]
        public void StrayConnect_WhileIdle_IsRelayed()
        {
            // A modem set to auto-answer (ATS0=1 by the host) reports the call it took.
            var rig = new ModemRig();
            rig.Modem.Emit("\r\nCONNECT 9600\r\n");
            Assert.Equal("\r\nCONNECT 9600\r\n", rig.Wait(10));
        }

        [Theory]
        [InlineData("OK?")]
        [InlineData(" OK")]
        [InlineData("OKAY")]
        [InlineData("ERRORS: 0")]
        [InlineData("+CME ERRORS")]
        [InlineData("CONNECTED")]
        [InlineData("+CM\u008AE ERROR: 3")] // .NET's culture-aware StartsWith would skip the control character
        [InlineData("NO\u00ADCARRIER")]
        public void LookAlikeLine_IsNotAFinalResult(string line)
        {
            var rig = new ModemRig();
            rig.Modem.On("AT+XYZ", "\r\n" + line + "\r\n\r\nOK\r\n");
            Assert.Equal("\r\n" + line + "\r\n\r\nOK\r\n", rig.Send("AT+XYZ\r"));
        }

        private static string SendCsq(ModemRig rig)
        {
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n\r\nOK\r\n");
            return rig.Send("AT+CSQ\r");
        }
    }
}
