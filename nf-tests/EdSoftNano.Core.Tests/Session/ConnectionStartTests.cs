using System.Linq;
using EdSoftNano.At;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Session
{
    /// <summary>#CONNECTIONSTART, #CONNECTIONSTOP, #DISPLAYIP, #VSTATE: the rows of spec 2.2.3, 2.3, 8.2.</summary>
    public class ConnectionStartTests
    {
        private static DeviceHarness Gsm(FakeBearer bearer = null, SimulatedModem modem = null)
        {
            var device = new DeviceHarness(modem: modem ?? new SimulatedModem(), bearer: bearer ?? new FakeBearer());
            device.Send("AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\rAT#DIALN2=\"0860000002\"\r");
            return device;
        }

        private static DeviceHarness Gprs(FakeBearer bearer = null, SimulatedModem modem = null)
        {
            var device = new DeviceHarness(modem: modem ?? new SimulatedModem(), bearer: bearer ?? new FakeBearer());
            device.Send("AT#APNSERV=\"apnserver.com\"\rAT#APNUN=\"login\"\rAT#APNPW=\"password\"\r");
            device.Send("AT+CGATT=1\r");
            return device;
        }

        [Fact]
        public void Gsm_AppendixA51_DialsConnectsAndReportsPpp()
        {
            var device = Gsm();
            Assert.Equal("\r\nDIALING\r\n0860000000\r\n\r\nCONNECT 9600\r\n\r\n213.192.200.4\r\n\r\nOk_Info_Ppp\r\n",
                device.Send("AT#ConnectionStart\r"));
            Assert.Equal(new[] { "0860000000" }, device.Modem.Dialled);
            Assert.Equal(Block("#STATE: \"CONNECTED\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Gsm_DialSelect2_DialsDialN2()
        {
            var device = Gsm();
            device.Send("AT#DIALSELECT=2\r");
            Assert.StartsWith("\r\nDIALING\r\n0860000002\r\n", device.Send("AT#CONNECTIONSTART\r"));
            Assert.Equal(new[] { "0860000002" }, device.Modem.Dialled);
        }

        [Theory]
        [InlineData("BUSY")]
        [InlineData("NO ANSWER")]
        [InlineData("NO CARRIER")]
        public void Gsm_RedialCount2_FailingEveryTime_DialsExactlyThreeTimesRedialDelayApart(string failure)
        {
            var modem = new SimulatedModem();
            for (int i = 0; i < 5; i++)
            {
                modem.DialOutcomes.Enqueue(failure);
            }

            var device = Gsm(modem: modem);
            device.Send("AT#REDIALCOUNT=2\rAT#REDIALDELAY=7\r");
            string attempt = "\r\nDIALING\r\n0860000000\r\n\r\n" + failure + "\r\n";
            Assert.Equal(attempt, device.Send("AT#CONNECTIONSTART\r"));
            Assert.Equal(Block("#STATE: \"DIALING\""), device.Send("AT#VSTATE\r"));
            Assert.Equal("", device.Wait(6990));
            Assert.Single(modem.Dialled);
            Assert.Equal(attempt, device.Wait(20));
            Assert.Equal(2, modem.Dialled.Count);
            Assert.Equal(attempt, device.Wait(7000));
            Assert.Equal("", device.Wait(60000));
            Assert.Equal(3, modem.Dialled.Count);
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Gsm_RedialCount0_DialsOnce()
        {
            var modem = new SimulatedModem();
            modem.DialOutcomes.Enqueue("BUSY");
            var device = Gsm(modem: modem);
            device.Send("AT#REDIALCOUNT=0\r");
            device.Send("AT#CONNECTIONSTART\r");
            device.Wait(30000);
            Assert.Single(modem.Dialled);
        }

        [Fact]
        public void Gsm_BusyThenConnect_SecondAttemptConnects()
        {
            var modem = new SimulatedModem();
            modem.DialOutcomes.Enqueue("BUSY");
            modem.DialOutcomes.Enqueue("CONNECT 14400");
            var device = Gsm(modem: modem);
            device.Send("AT#CONNECTIONSTART\r");
            Assert.Equal("\r\nDIALING\r\n0860000000\r\n\r\nCONNECT 14400\r\n\r\n213.192.200.4\r\n\r\nOk_Info_Ppp\r\n", device.Wait(6000));
        }

        [Fact]
        public void Gsm_NotRegistered_Is35865()
        {
            var device = Gsm(modem: new SimulatedModem { RegistrationStatus = 0 });
            Assert.Equal(Error(ErrorCodes.NotAttached), device.Send("AT#CONNECTIONSTART\r"));
            Assert.Empty(device.Modem.Dialled);
        }

        [Fact]
        public void Gsm_NoDialNumber_Is36929()
        {
            var device = new DeviceHarness(bearer: new FakeBearer());
            device.Send("AT#GPRSMODE=0\r");
            Assert.Equal(Error(ErrorCodes.BadParameterConfiguration), device.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void Start_WhileRunning_Is35840()
        {
            var device = Gsm();
            device.Send("AT#CONNECTIONSTART\r");
            Assert.Equal(Error(ErrorCodes.ModemAlreadyRunning), device.Send("AT#CONNECTIONSTART\r"));
        }

        [Theory]
        [InlineData(37120)]
        [InlineData(37121)]
        [InlineData(38980)]
        [InlineData(38981)]
        public void Gsm_BearerFails_ReportsItsCodeAndHangsUp(int code)
        {
            var device = Gsm(new FakeBearer { FailWith = code });
            Assert.Equal("\r\nDIALING\r\n0860000000\r\n\r\nCONNECT 9600\r\n" + Error(code), device.Send("AT#CONNECTIONSTART\r"));
            device.Wait(5000);
            Assert.Equal("ATH", device.Modem.Received.Last());
            Assert.False(device.Modem.Online);
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Gsm_WhileBearerNegotiates_StateIsAuthenticating()
        {
            var device = Gsm(new FakeBearer { UpAfterMs = 2000 });
            device.Send("AT#CONNECTIONSTART\r");
            Assert.Equal(Block("#STATE: \"AUTHENTICATING\""), device.Send("AT#VSTATE\r"));
            Assert.Equal("\r\n213.192.200.4\r\n\r\nOk_Info_Ppp\r\n", device.Wait(2100));
        }

        [Fact]
        public void Checking_WhileTheModemAnswersSlowly_StateIsChecking()
        {
            var device = Gsm();
            device.Modem.Silent = true;
            device.Type("AT#CONNECTIONSTART\r");
            Assert.Equal(Block("#STATE: \"CHECKING\""), device.Type("AT#VSTATE\r"));
            device.Modem.Silent = false;
            Assert.Contains("Ok_Info_Ppp", device.Wait(100));
        }

        [Fact]
        public void Gsm_ModemNeverAnswers_ErrorAndCleanState()
        {
            var device = Gsm();
            device.Modem.Silent = true;
            Assert.Equal("", device.Type("AT#CONNECTIONSTART\r"));
            Assert.Equal("", device.Wait(EdSoftNano.Modem.ModemTimeouts.Command - 100));
            Assert.Equal(Error(ErrorCodes.NotAttached), device.Wait(200));
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Gprs_AppendixA52_ActivatesAndReportsTheAddress()
        {
            var bearer = new FakeBearer();
            var device = Gprs(bearer);
            Assert.Equal("\r\n213.192.200.4\r\n\r\nOk_Info_GprsActivation\r\n", device.Send("AT#ConnectionStart\r"));
            Assert.Contains("AT+CGDCONT=1,\"IP\",\"apnserver.com\"", device.Modem.Received);
            Assert.Equal(new[] { "*99***1#" }, device.Modem.Dialled);
            Assert.True(bearer.Requests[0].Gprs);
            Assert.False(bearer.Requests[0].Server);
            Assert.Equal("login", bearer.Requests[0].User);
            Assert.Equal("password", bearer.Requests[0].Password);
            Assert.Equal(Ok, device.Send("AT#ConnectionStop\r") + device.Wait(3000));
        }

        [Fact]
        public void Gprs_Cid3_DialsThatContext()
        {
            var device = Gprs();
            device.Send("AT#GPRSCID=3\r");
            device.Send("AT#CONNECTIONSTART\r");
            Assert.Contains("AT+CGDCONT=3,\"IP\",\"apnserver.com\"", device.Modem.Received);
            Assert.Equal(new[] { "*99***3#" }, device.Modem.Dialled);
        }

        [Fact]
        public void Gprs_NotAttached_Is35865()
        {
            var device = new DeviceHarness(bearer: new FakeBearer());
            Assert.Equal(Error(ErrorCodes.NotAttached), device.Send("AT#CONNECTIONSTART\r"));
        }

        [Theory]
        [InlineData("ERROR", ErrorCodes.InvalidActivationEvent)]
        [InlineData("NO CARRIER", ErrorCodes.InvalidActivationEvent)]
        [InlineData("+CME ERROR: 533", ErrorCodes.GprsConnectionAborted)]
        public void Gprs_ActivationFails_ReportsTheSpecCode(string modemAnswer, int code)
        {
            var device = Gprs(modem: new SimulatedModem { GprsDialOutcome = modemAnswer });
            Assert.Equal(Error(code), device.Send("AT#CONNECTIONSTART\r"));
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Gprs_ContextRefused_Is35868()
        {
            var device = Gprs(modem: new SimulatedModem { ContextAccepted = false });
            Assert.Equal(Error(ErrorCodes.GprsConnectionAborted), device.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void NoSim_Is35871()
        {
            var device = Gsm(modem: new SimulatedModem { SimPresent = false });
            Assert.Equal(Error(ErrorCodes.SimRemoved), device.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void PppMode9_Is36929()
        {
            var device = Gsm();
            device.Send("AT#PPPMODE=9\r");
            Assert.Equal(Error(ErrorCodes.BadParameterConfiguration), device.Send("AT#CONNECTIONSTART\r"));
        }

        [Fact]
        public void DisplayIp_Gsm_ShowsMyAndPeer()
        {
            var device = Gsm();
            Assert.Equal(Error(ErrorCodes.PhysicalLayerNotActive), device.Send("AT#DISPLAYIP\r"));
            device.Send("AT#CONNECTIONSTART\r");
            Assert.Equal(Block("MY IP: 213.192.200.4", "PEER IP: 1.0.3.5"), device.Send("AT#DISPLAYIP\r"));
        }

        [Fact]
        public void DisplayIp_Gprs_ShowsGateway()
        {
            var device = Gprs();
            device.Send("AT#CONNECTIONSTART\r");
            Assert.Equal(Block("MY IP: 213.192.200.4", "Gateway IP: 1.0.3.5"), device.Send("AT#DISPLAYIP\r"));
        }

        [Fact]
        public void Stop_WhenConnected_EscapesWithGuardTimesHangsUpThenOk()
        {
            var bearer = new FakeBearer();
            var device = Gsm(bearer);
            device.Send("AT#CONNECTIONSTART\r");
            Assert.True(device.Modem.Online);
            Assert.Equal("", device.Type("AT#CONNECTIONSTOP\r"));
            Assert.Equal(Block("#STATE: \"DISCONNECTING\""), device.Type("AT#VSTATE\r"));
            Assert.Equal(1, bearer.Stops);
            // +++ only after a second of silence, OK a second after it: nothing before 2 s.
            Assert.Equal("", device.Wait(1900));
            Assert.DoesNotContain("ATH", device.Modem.Received);
            Assert.Equal(Ok, device.Wait(3000));
            Assert.False(device.Modem.Online);
            Assert.Equal("ATH", device.Modem.Received.Last());
            Assert.Equal(Error(ErrorCodes.PhysicalLayerNotActive), device.Send("AT#DISPLAYIP\r"));
        }

        [Fact]
        public void Stop_WhileRedialing_StopsDialingAndSaysOk()
        {
            var modem = new SimulatedModem();
            modem.DialOutcomes.Enqueue("BUSY");
            var device = Gsm(modem: modem);
            device.Send("AT#CONNECTIONSTART\r");
            Assert.Equal(Ok, device.Send("AT#CONNECTIONSTOP\r") + device.Wait(1000));
            device.Wait(60000);
            Assert.Single(modem.Dialled);
        }

        [Fact]
        public void Stop_WhenIdle_IsOk()
        {
            Assert.Equal(Ok, new DeviceHarness(bearer: new FakeBearer()).Send("AT#CONNECTIONSTOP\r"));
        }

        [Fact]
        public void Vstate_NotRegistered_IsNoService()
        {
            var device = new DeviceHarness(modem: new SimulatedModem { RegistrationStatus = 0 }, bearer: new FakeBearer());
            Assert.Equal(Block("#NO SERVICE"), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Vstate_FollowsRegistrationUrcs()
        {
            var modem = new SimulatedModem();
            var device = new DeviceHarness(modem: modem, bearer: new FakeBearer());
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
            modem.ChangeRegistration(0);
            Assert.Equal(Block("#NO SERVICE"), device.Send("AT#VSTATE\r"));
            modem.ChangeRegistration(5);
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void RegistrationUrcs_ReachTheHostOnlyWhenItAskedForThem()
        {
            var modem = new SimulatedModem();
            var device = new DeviceHarness(modem: modem, bearer: new FakeBearer());
            modem.ChangeRegistration(0);
            Assert.Equal("", device.Wait(100));
            // Wavecom answers the enabling command with the current state (spec A.3).
            Assert.Equal(Ok + "\r\n+CREG: 0\r\n", device.Send("AT+CREG=1\r"));
            modem.ChangeRegistration(1);
            Assert.Equal("\r\n+CREG: 1\r\n", device.Wait(100));
        }

        [Fact]
        public void SessionParameters_WhileConnected_Are37123_OthersAreNot()
        {
            var device = Gsm();
            device.Send("AT#CONNECTIONSTART\r");
            Assert.Equal(Error(ErrorCodes.ServiceRunning), device.Send("AT#GPRSMODE=1\r"));
            Assert.Equal(Error(ErrorCodes.ServiceRunning), device.Send("AT#ISPUN=\"x\"\r"));
            Assert.Equal(Ok, device.Send("AT#FTPSERV=\"a.b\"\r"));
        }

        [Fact]
        public void PlainAtCommand_DuringADataCall_IsError()
        {
            var device = Gsm();
            device.Send("AT#CONNECTIONSTART\r");
            Assert.Equal("\r\nERROR\r\n", device.Send("AT+CSQ\r"));
        }

        [Theory]
        [InlineData(1, false)]
        [InlineData(2, true)]
        [InlineData(3, false)]
        [InlineData(4, true)]
        public void PppMode_OutgoingCall_PicksTheRoleOfSpec2113(int mode, bool server)
        {
            var bearer = new FakeBearer();
            var device = Gsm(bearer);
            device.Send($"AT#PPPMODE={mode}\rAT#ISPUN=\"isp\"\rAT#PPPSERVUN=\"srv\"\rAT#PPPMYIP=\"10.0.0.1\"\rAT#PPPPEERIP=\"10.0.0.2\"\r");
            device.Send("AT#CONNECTIONSTART\r");
            Assert.Equal(server, bearer.Requests[0].Server);
            Assert.Equal(server ? "srv" : "isp", bearer.Requests[0].User);
            Assert.Equal(0x0A000001u, bearer.Requests[0].ServerLocalAddress);
            Assert.Equal(0x0A000002u, bearer.Requests[0].ServerPeerAddress);
        }
    }
}
