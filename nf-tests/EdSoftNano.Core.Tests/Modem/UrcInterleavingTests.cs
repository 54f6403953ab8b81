using EdSoftNano.At;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Modem
{
    /// <summary>
    /// Unsolicited result codes in the middle of an answer (27.007 lets them interleave): the URC
    /// dispatcher runs before the command matcher, the host gets its answer whole, the session its event.
    /// </summary>
    public class UrcInterleavingTests
    {
        private const string Csq = "\r\n+CSQ: 9,0\r\n\r\nOK\r\n";

        [Theory]
        [InlineData("\r\n+CREG: 0\r\n")]
        [InlineData("\r\n+CGREG: 1\r\n")]
        [InlineData("\r\n+CLIP: \"0612345678\",129\r\n")]
        [InlineData("\r\n+CREG: 0\r\n\r\n+CGREG: 0\r\n\r\n+CREG: 1\r\n")]
        public void HostCommand_UrcBetweenInfoAndOk_HostSeesTheAnswerOnly(string urc)
        {
            var rig = new ModemRig();
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n" + urc + "\r\nOK\r\n");
            Assert.Equal(Csq, rig.Send("AT+CSQ\r"));
            Assert.Equal(Csq, rig.Send("AT+CSQ\r"));
        }

        [Fact]
        public void HostCommand_CregUrcInside_SessionGetsTheRegistration()
        {
            var rig = new ModemRig();
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n\r\n+CREG: 0\r\n\r\nOK\r\n");
            Assert.Equal(Csq, rig.Send("AT+CSQ\r"));
            // 8.2: not registered → #NO SERVICE.
            Assert.Equal(Block("#NO SERVICE"), rig.Send("AT#VSTATE\r"));
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n\r\n+CREG: 5\r\n\r\nOK\r\n");
            Assert.Equal(Csq, rig.Send("AT+CSQ\r"));
            Assert.Equal(Block("#STATE: \"IDLE\""), rig.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void HostCommand_CregUrcInside_HostEnabledIt_FollowsTheFinalResult()
        {
            var rig = new ModemRig();
            Assert.Equal(Ok, rig.Send("AT+CREG=1\r"));
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n\r\n+CREG: 5\r\n\r\nOK\r\n");
            Assert.Equal(Csq + "\r\n+CREG: 5\r\n", rig.Send("AT+CSQ\r"));
        }

        [Fact]
        public void HostCommand_RingInside_RingFollowsTheFinalResult()
        {
            var rig = new ModemRig();
            rig.Modem.On("AT+CGMI", "\r\nWAVECOM MODEM\r\n\r\nRING\r\n\r\nOK\r\n");
            Assert.Equal("\r\nWAVECOM MODEM\r\n\r\nOK\r\n\r\nRING\r\n", rig.Send("AT+CGMI\r"));
        }

        [Fact]
        public void HostCommand_RingAndClipInside_SessionAnswersTheScreenedCaller()
        {
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#ANSWERMODE=1\rAT#RINGCOUNT=1\rAT#CALLSCREENNUM=\"0612345678\"\r");
            rig.Modem.On("ATA", "\r\nCONNECT 9600\r\n");
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n\r\n+CRING: REL ASYNC\r\n\r\n+CLIP: \"0612345678\",129\r\n\r\nOK\r\n");
            Assert.Equal(Csq + "\r\nRING\r\n\r\nCONNECT 9600\r\n\r\n213.192.200.4\r\n\r\nPPP OK\r\n", rig.Send("AT+CSQ\r"));
            Assert.Equal("ATA", rig.LastCommand);
        }

        [Fact]
        public void HostCommand_ClipInside_HostEnabledIt_RelayedAfterRing()
        {
            var rig = new ModemRig();
            Assert.Equal(Ok, rig.Send("AT+CLIP=1\r"));
            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n\r\nRING\r\n\r\n+CLIP: \"0612345678\",129\r\n\r\nOK\r\n");
            Assert.Equal(Csq + "\r\nRING\r\n\r\n+CLIP: \"0612345678\",129\r\n", rig.Send("AT+CSQ\r"));
        }

        [Fact]
        public void HostQuery_CregAnswer_IsTheAnswerNotAUrc()
        {
            var rig = new ModemRig();
            rig.Modem.On("AT+CREG?", "\r\n+CREG: 1,5\r\n\r\nOK\r\n");
            Assert.Equal("\r\n+CREG: 1,5\r\n\r\nOK\r\n", rig.Send("AT+CREG?\r"));
        }

        [Fact]
        public void HostCommand_ManyUrcsInside_AllHandledNoneLost()
        {
            var rig = new ModemRig();
            Assert.Equal(Ok, rig.Send("AT+CREG=1\r"));
            string urcs = "";
            string expected = "";
            for (int i = 0; i < 12; i++)
            {
                urcs += "\r\n+CREG: " + (i % 2 == 0 ? 1 : 5) + "\r\n";
                expected += "\r\n+CREG: " + (i % 2 == 0 ? 1 : 5) + "\r\n";
            }

            rig.Modem.On("AT+CSQ", "\r\n+CSQ: 9,0\r\n" + urcs + "\r\nOK\r\n");
            string output = rig.Send("AT+CSQ\r");
            // The first eight wait for the OK; a ninth is handled on the spot (bounded hold).
            Assert.Equal(12, CountOf(output, "+CREG: "));
            Assert.EndsWith("\r\n+CREG: 5\r\n", output);
            Assert.Contains("+CSQ: 9,0", output);
        }

        [Fact]
        public void SessionCommand_UrcRightBeforeOk_ConnectionStartGoesOn()
        {
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.On("AT+CPIN?", "\r\n+CPIN: READY\r\n\r\n+CREG: 1\r\n\r\n+CGREG: 0\r\n\r\nOK\r\n");
            rig.Modem.On("AT+CREG?", "\r\n+CREG: 1\r\n\r\n+CREG: 1,1\r\n\r\nOK\r\n");
            rig.Modem.On("ATD0860000000", "\r\nCONNECT 9600\r\n");
            Assert.Equal("\r\nDIALING\r\n0860000000\r\n\r\nCONNECT 9600\r\n\r\n213.192.200.4\r\n\r\nOk_Info_Ppp\r\n",
                rig.Send("AT#CONNECTIONSTART\r"));
            Assert.Equal(Block("#STATE: \"CONNECTED\""), rig.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void SessionCommand_UrcBeforeTheInfoLine_InfoIsTheAnswer()
        {
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.On("AT+CPIN?", "\r\nRING\r\n\r\n+CPIN: READY\r\n\r\nOK\r\n");
            rig.Modem.On("ATD0860000000", "\r\nCONNECT 9600\r\n");
            Assert.Equal("\r\nRING\r\n\r\nDIALING\r\n0860000000\r\n\r\nCONNECT 9600\r\n\r\n213.192.200.4\r\n\r\nOk_Info_Ppp\r\n",
                rig.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void SessionCommand_SimRemovedUrcInside_Reports35871AndGoesIdle()
        {
            var rig = new ModemRig(bearer: new FakeBearer());
            rig.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\r");
            rig.Modem.On("AT+CREG?", "\r\n+CPIN: NOT INSERTED\r\n\r\nOK\r\n");
            Assert.StartsWith(Error(ErrorCodes.SimRemoved), rig.Send("AT#CONNECTIONSTART\r"));
            Assert.Equal(Block("#STATE: \"IDLE\""), rig.Send("AT#VSTATE\r"));
        }

        private static int CountOf(string text, string part)
        {
            int count = 0;
            for (int i = text.IndexOf(part); i >= 0; i = text.IndexOf(part, i + 1))
            {
                count++;
            }

            return count;
        }
    }
}
