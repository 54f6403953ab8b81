using EdSoftNano.At;
using EdSoftNano.Modem;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Modem
{
    /// <summary>
    /// A modem that never answers, or answers after the timeout, on virtual time: a clear error at the
    /// documented time (30 s; 180 s for ATD, ATA, AT+COPS, AT+CGATT), then a clean state, never a hang.
    /// </summary>
    public class ModemTimeoutTests
    {
        private const string Error4 = "\r\nERROR\r\n";

        [Theory]
        [InlineData("AT+CSQ", ModemTimeouts.HostCommand)]
        [InlineData("AT+CPBR=1", ModemTimeouts.HostCommand)]
        [InlineData("ATD0612345678", ModemTimeouts.Network)]
        [InlineData("ATA", ModemTimeouts.Network)]
        [InlineData("AT+COPS=?", ModemTimeouts.Network)]
        [InlineData("AT+cops=0", ModemTimeouts.Network)]
        [InlineData("AT+CGATT=1", ModemTimeouts.Network)]
        public void HostCommand_NeverAnswered_ErrorAtTheTimeoutThenTheNextCommandWorks(string command, int timeoutMs)
        {
            var rig = new ModemRig();
            rig.Modem.On(command, null);
            Assert.Equal("", rig.Type(command + "\r"));
            long sent = rig.Clock.NowMs;
            Assert.True(rig.Firmware.Interpreter.Busy);
            Assert.Equal("", rig.Wait(timeoutMs - 1 - (rig.Clock.NowMs - sent), 1000));
            Assert.True(rig.Firmware.Interpreter.Busy);
            Assert.Equal(Error4, rig.Wait(1));
            Assert.False(rig.Firmware.Interpreter.Busy);
            Assert.Equal("\r\nWAVECOM MODEM\r\n\r\nOK\r\n", SendCgmi(rig));
            Assert.Equal(Block("#STATE: \"IDLE\""), rig.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void HostCommand_NeverAnswered_AtHashCommandsWaitThenWork()
        {
            var rig = new ModemRig();
            rig.Modem.On("AT+CSQ", null);
            Assert.Equal(Error4 + Block("#STATE: \"IDLE\""), rig.Send("AT+CSQ\rAT#VSTATE\r"));
        }

        [Fact]
        public void HostCommand_LateAnswerWhileIdle_IsDropped()
        {
            var rig = new ModemRig();
            rig.Modem.On("AT+CSQ", null);
            Assert.Equal(Error4, rig.Send("AT+CSQ\r"));
            rig.Modem.Emit("\r\nOK\r\n");
            Assert.Equal("", rig.Wait(100));
            Assert.Equal("\r\nWAVECOM MODEM\r\n\r\nOK\r\n", SendCgmi(rig));
        }

        [Fact]
        public void HostCommand_LateAnswerArrivesAfterTheNextCommandWasSent_NotTakenAsItsAnswer()
        {
            // The modem works through its commands in order: AT+CSQ takes 31 s, so everything sent
            // after it is answered after it.
            var rig = new ModemRig();
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n\r\nOK\r\n", 31000);
            rig.Modem.On("AT+CGMI", "\r\nWAVECOM MODEM\r\n\r\nOK\r\n");
            Assert.Equal(Error4, rig.Send("AT+CSQ\r"));
            Assert.Equal("\r\nWAVECOM MODEM\r\n\r\nOK\r\n", rig.Send("AT+CGMI\r"));
            Assert.Equal(new[] { "AT+CSQ", "AT", "AT+CGMI" }, rig.Modem.Commands.GetRange(rig.Modem.Commands.Count - 3, 3).ToArray());
            Assert.Equal("", rig.Wait(1000));
        }

        [Fact]
        public void HostCommand_ModemStillDeadAfterATimeout_NextCommandFailsAfterTheResyncTimeout()
        {
            var rig = new ModemRig();
            rig.Modem.Silent = true;
            Assert.Equal(Error4, rig.Send("AT+CSQ\r"));
            long start = rig.Clock.NowMs;
            Assert.Equal(Error4, rig.Send("AT+CGMI\r"));
            Assert.InRange(rig.Clock.NowMs - start, ModemTimeouts.Command, ModemTimeouts.Command + 10);
            // The command itself never went out: only the resync "AT".
            Assert.Equal("AT", rig.LastCommand);
            rig.Modem.Silent = false;
            Assert.Equal("\r\nWAVECOM MODEM\r\n\r\nOK\r\n", SendCgmi(rig));
        }

        [Fact]
        public void StartupScript_ModemNeverAnswers_HostIsServedAfterOneCommandTimeout()
        {
            var rig = new ModemRig(modem => modem.Silent = true, runStartup: false);
            rig.Host.Send("AT#VSTATE\r");
            string output = "";
            long elapsed = 0;
            while (output.Length == 0 && elapsed < 60000)
            {
                output = rig.Wait(10, 10);
                elapsed += 10;
            }

            Assert.Equal(Block("#STATE: \"IDLE\""), output);
            Assert.InRange(elapsed, ModemTimeouts.Command, ModemTimeouts.Command + 20);
            Assert.Equal(new[] { "ATE0" }, rig.Modem.Commands.ToArray());
            Assert.Equal(Ok, rig.Send("AT#PPPMODE=1\r"));
        }

        [Fact]
        public void StartupScript_ModemWakesUpLater_ScriptRunsWhenItSpeaks()
        {
            var rig = new ModemRig(modem => modem.Silent = true, runStartup: false);
            rig.RunUntilIdle();
            rig.Modem.Silent = false;
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n\r\nOK\r\n");
            // The first command after the dead start: resync, the command, then the whole script.
            Assert.Equal("\r\n+CSQ: 9,0\r\n\r\nOK\r\n", rig.Send("AT+CSQ\r"));
            Assert.Equal(new[] { "ATE0", "AT", "AT+CSQ", "ATE0", "AT+CRC=1", "AT+CLIP=1", "AT+CREG=1", "AT+CGREG=1", "AT+CREG?" },
                rig.Modem.Commands.ToArray());
        }

        [Fact]
        public void ConnectionStart_ModemSilent_NotAttachedErrorAndIdle()
        {
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.Silent = true;
            Assert.Equal("", rig.Type("AT#CONNECTIONSTART\r"));
            Assert.Equal(Block("#STATE: \"CHECKING\""), rig.Type("AT#VSTATE\r"));
            Assert.Equal("", rig.Wait(ModemTimeouts.Command - 100));
            Assert.Equal(Error(ErrorCodes.NotAttached), rig.Wait(200));
            Assert.Equal(Block("#STATE: \"IDLE\""), rig.Send("AT#VSTATE\r"));
            Assert.Equal("AT+CPIN?", rig.LastCommand);
        }

        [Fact]
        public void ConnectionStart_ModemAnswersLate_LateLinesNeverReachTheHostAndTheNextStartWorks()
        {
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.Once("AT+CPIN?", "\r\n+CPIN: READY\r\n\r\nOK\r\n", ModemTimeouts.Command + 2000);
            rig.Modem.On("ATD0860000000", "\r\nCONNECT 9600\r\n");
            Assert.Equal(Error(ErrorCodes.NotAttached), rig.Send("AT#CONNECTIONSTART\r"));
            // The late "+CPIN: READY" and OK are the session's, not the host's.
            Assert.Equal("", rig.Wait(3000));
            Assert.Equal("\r\nDIALING\r\n0860000000\r\n\r\nCONNECT 9600\r\n\r\n213.192.200.4\r\n\r\nOk_Info_Ppp\r\n",
                rig.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void ConnectionStart_LateAnswerRacesTheNextSessionCommand_SessionIsNotFooled()
        {
            // The check's AT+CPIN? answer comes after its timeout and after the next start sent its
            // own AT+CPIN?: with the resync the second start reads its own answer (SIM missing).
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.Once("AT+CPIN?", "\r\n+CPIN: READY\r\n\r\nOK\r\n", ModemTimeouts.Command + 50);
            rig.Modem.Once("AT+CPIN?", "\r\n+CME ERROR: 10\r\n");
            Assert.Equal(Error(ErrorCodes.NotAttached), rig.Send("AT#CONNECTIONSTART\r"));
            Assert.Equal(Error(ErrorCodes.SimRemoved), rig.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void ConnectionStop_ModemSilentDuringHangUp_OkAndIdleAnyway()
        {
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.On("ATD0860000000", "\r\nCONNECT 9600\r\n");
            Assert.EndsWith("Ok_Info_Ppp\r\n", rig.Send("AT#CONNECTIONSTART\r"));
            rig.Modem.Silent = true;
            Assert.Equal(Ok, rig.Send("AT#CONNECTIONSTOP\r"));
            Assert.Equal(Block("#STATE: \"IDLE\""), rig.Send("AT#VSTATE\r"));
            rig.Modem.Silent = false;
            Assert.Equal("\r\nWAVECOM MODEM\r\n\r\nOK\r\n", SendCgmi(rig));
        }

        private static string SendCgmi(ModemRig rig)
        {
            rig.Modem.On("AT+CGMI", "\r\nWAVECOM MODEM\r\n\r\nOK\r\n");
            return rig.Send("AT+CGMI\r");
        }
    }
}
