using System;
using System.Linq;
using EdSoftNano.At;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using EdSoftNano.Session;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Session
{
    /// <summary>
    /// The session over the real PPP bearer on virtual time: the simulated modem carries the data
    /// call to another of our PppLinks (an ISP, or a caller), so every byte on the host UART comes
    /// from a real negotiation (spec 2.2, 2.3, 9.2: 37120, 37121, 38980, 35841).
    /// </summary>
    public class PppSessionTests
    {
        private const uint IspAddress = 0x0A010201;     // 10.1.2.1
        private const uint OurAddress = 0x0A010203;     // 10.1.2.3
        private const uint Dns1 = 0x0A010235;           // 10.1.2.53
        private const uint Dns2 = 0x0A010236;           // 10.1.2.54
        private const string Dialled = "\r\nDIALING\r\n0860000000\r\n\r\nCONNECT 9600\r\n";
        private const string Caller = "0612345678";

        private static Action<PppLink, PppAuthenticator> Isp(int auth, string user = "edsoft", string password = "s3cret")
        {
            return (link, authenticator) =>
            {
                authenticator.SetServerCredentials(user, password);
                link.ConfigureServer(IspAddress, OurAddress, Dns1, Dns2, auth);
            };
        }

        // What ends the start of a connection on the host UART: success, or each error it can end in.
        private static readonly string[] Finals =
        {
            "Ok_Info_Ppp\r\n", "Ok_Info_GprsActivation\r\n", "PPP OK\r\n", "PPP ERROR\r\n", "NO CARRIER\r\n",
            Error(ErrorCodes.PppClientNegotiationFailed), Error(ErrorCodes.PppServerNegotiationFailed),
            Error(ErrorCodes.PppClientTimeout), Error(ErrorCodes.PppServerTimeout), Error(ErrorCodes.GprsSessionLost),
        };

        private static string Start(DeviceHarness device, string command)
        {
            return device.SendUntil(command, 90000, Finals);
        }

        private static DeviceHarness Device(PppCallPeer peer, string settings)
        {
            var modem = new SimulatedModem { CallPeer = peer };
            var device = new DeviceHarness(modem: modem, bearer: new PppBearer(0x5EED));
            peer.Clock = device.Clock;
            device.Send(settings);
            return device;
        }

        private static DeviceHarness Gsm(PppCallPeer peer, string password = "s3cret")
        {
            return Device(peer, "AT#GPRSMODE=0\rAT#DIALN1=\"0860000000\"\rAT#ISPUN=\"edsoft\"\rAT#ISPPW=\"" + password + "\"\r");
        }

        private static DeviceHarness Gprs(PppCallPeer peer)
        {
            var device = Device(peer, "AT#APNSERV=\"apn.example\"\rAT#APNUN=\"edsoft\"\rAT#APNPW=\"s3cret\"\r");
            device.Send("AT+CGATT=1\r");
            return device;
        }

        [Theory]
        [InlineData(PppProtocol.Pap)]
        [InlineData(PppProtocol.Chap)]
        [InlineData(0)]
        public void Gsm_ClientAuthenticatesAndReportsTheAddressTheIspAssigned(int auth)
        {
            var peer = new PppCallPeer(Isp(auth));
            var device = Gsm(peer);

            long started = device.Clock.NowMs;
            Assert.Equal(Dialled + "\r\n10.1.2.3\r\n\r\nOk_Info_Ppp\r\n", Start(device, "AT#CONNECTIONSTART\r"));
            // Within the first restart period: the ISP's Configure-Request that came with CONNECT was not lost.
            Assert.InRange(device.Clock.NowMs - started, 0, 2999);
            Assert.Equal(PppLinkState.Up, peer.Link.State);
            Assert.Equal(OurAddress, peer.Link.PeerAddress);
            Assert.Equal(Block("MY IP: 10.1.2.3", "PEER IP: 10.1.2.1"), device.Send("AT#DISPLAYIP\r"));
            Assert.Equal(Block("#STATE: \"CONNECTED\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Gsm_ClientLearnsTheIspsDnsServers()
        {
            var peer = new PppCallPeer(Isp(PppProtocol.Pap));
            var device = Gsm(peer);
            Start(device, "AT#CONNECTIONSTART\r");
            Assert.Equal(Dns1, device.Bearer.PrimaryDns);
            Assert.Equal(Dns2, device.Bearer.SecondaryDns);
        }

        [Theory]
        [InlineData(PppProtocol.Pap)]
        [InlineData(PppProtocol.Chap)]
        public void Gsm_WrongPassword_Is37120AndTheCallIsHungUp(int auth)
        {
            var peer = new PppCallPeer(Isp(auth));
            var device = Gsm(peer, password: "wrong");

            string output = Start(device, "AT#CONNECTIONSTART\r") + device.Wait(5000);
            Assert.Equal(Dialled + Error(ErrorCodes.PppClientNegotiationFailed), output);
            Assert.Equal(1, peer.HangUps);
            Assert.False(device.Modem.Online);
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Gprs_DialsTheContextAuthenticatesWithApnCredentialsAndReportsActivation()
        {
            var peer = new PppCallPeer(Isp(PppProtocol.Pap));
            var device = Gprs(peer);

            Assert.Equal("\r\n10.1.2.3\r\n\r\nOk_Info_GprsActivation\r\n", Start(device, "AT#CONNECTIONSTART\r"));
            Assert.Contains(device.Modem.Received, c => c.StartsWith("ATD*99***", StringComparison.Ordinal));
            Assert.Equal(PppLinkState.Up, peer.Link.State);
        }

        [Fact]
        public void ConnectionStop_TerminatesLcpBeforeHangingUp()
        {
            var peer = new PppCallPeer(Isp(PppProtocol.Chap));
            var device = Gsm(peer);
            Start(device, "AT#CONNECTIONSTART\r");

            string output = device.Send("AT#CONNECTIONSTOP\r");
            Assert.Equal(Ok, output);
            Assert.Equal(1, peer.HangUps);
            Assert.Contains((int)ControlCode.TerminateRequest, peer.LcpCodesAtHangUp);
            Assert.Equal(PppLinkEnd.PeerTerminated, peer.Link.End);
            Assert.Contains("ATH", device.Modem.Received);
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Gsm_PeerFallsSilent_EchoWatchdogEndsTheCallWithNoCarrier()
        {
            var peer = new PppCallPeer(Isp(PppProtocol.Pap));
            var device = Gsm(peer);
            Start(device, "AT#CONNECTIONSTART\r");

            peer.Silent = true;
            long silentFrom = device.Clock.NowMs;
            Assert.Equal("", device.Wait(39000));
            Assert.Equal("\r\nNO CARRIER\r\n", device.Wait(2000));
            Assert.InRange(device.Clock.NowMs - silentFrom, 40000, 41000);
            Assert.Equal("", device.Wait(5000));   // +++ with its guard times, then ATH
            Assert.Equal(1, peer.HangUps);
            Assert.Contains("ATH", device.Modem.Received);
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Gprs_PeerFallsSilent_Is35841()
        {
            var peer = new PppCallPeer(Isp(PppProtocol.Pap));
            var device = Gprs(peer);
            Start(device, "AT#CONNECTIONSTART\r");

            peer.Silent = true;
            Assert.Equal(Error(ErrorCodes.GprsSessionLost), device.Wait(42000));
            device.Wait(5000);
            Assert.Equal(1, peer.HangUps);
        }

        [Fact]
        public void Gsm_ModemDropsTheCallInsidePpp_NoCarrier()
        {
            var peer = new PppCallPeer(Isp(PppProtocol.Pap));
            var device = Gsm(peer);
            Start(device, "AT#CONNECTIONSTART\r");

            peer.Inject("\r\nNO CARRIER\r\n");
            Assert.Equal("\r\nNO CARRIER\r\n", device.Wait(100));
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Gsm_IspNeverAnswers_Is38980()
        {
            var peer = new PppCallPeer(Isp(PppProtocol.Pap)) { SilentFromStart = true };
            var device = Gsm(peer);

            string output = Start(device, "AT#CONNECTIONSTART\r");
            Assert.Equal(Dialled + Error(ErrorCodes.PppClientTimeout), output);
            Assert.Equal(1, peer.HangUps);
        }

        [Theory]
        [InlineData(2)]
        [InlineData(4)]
        public void Gsm_PppModeServer_AssignsPppPeerIpToTheCalledIsp(int mode)
        {
            // PPPMODE 2 and 4 make the dialling board the server (spec 2.1.13): the far end is a client.
            var peer = new PppCallPeer((link, authenticator) =>
            {
                authenticator.SetClientCredentials("caller", "pw");
                link.ConfigureClient(0);
            });
            var device = Gsm(peer);
            device.Send($"AT#PPPMODE={mode}\rAT#PPPSERVUN=\"caller\"\rAT#PPPSERVPW=\"pw\"\rAT#PPPMYIP=\"10.9.0.1\"\rAT#PPPPEERIP=\"10.9.0.2\"\r");

            Assert.Equal(Dialled + "\r\n10.9.0.1\r\n\r\nOk_Info_Ppp\r\n", Start(device, "AT#CONNECTIONSTART\r"));
            Assert.Equal(0x0A090002u, peer.Link.LocalAddress);
            Assert.Equal(0x0A090001u, peer.Link.PeerAddress);
        }

        [Fact]
        public void Accept_ServerChecksTheCallerAndSaysPppOk()
        {
            var peer = new PppCallPeer((link, authenticator) =>
            {
                authenticator.SetClientCredentials("caller", "pw");
                link.ConfigureClient(0);
            });
            var device = Device(peer, "AT#PPPMODE=1\rAT#PPPSERVUN=\"caller\"\rAT#PPPSERVPW=\"pw\"\rAT#PPPMYIP=\"10.9.0.1\"\rAT#PPPPEERIP=\"10.9.0.2\"\r");
            device.Modem.Ring(Caller);
            Assert.Equal("\r\nRING\r\n", device.Wait(10));

            Assert.Equal(Ok + "\r\nCONNECT 9600\r\n\r\n10.9.0.1\r\n\r\nPPP OK\r\n", Start(device, "AT#ACCEPT\r"));
            Assert.Equal(0x0A090002u, peer.Link.LocalAddress);
            Assert.Equal(Block("MY IP: 10.9.0.1", "PEER IP: 10.9.0.2"), device.Send("AT#DISPLAYIP\r"));
        }

        [Fact]
        public void Accept_CallerWithTheWrongPassword_PppError37121()
        {
            var peer = new PppCallPeer((link, authenticator) =>
            {
                authenticator.SetClientCredentials("caller", "guess");
                link.ConfigureClient(0);
            });
            var device = Device(peer, "AT#PPPMODE=1\rAT#PPPSERVUN=\"caller\"\rAT#PPPSERVPW=\"pw\"\r");
            device.Modem.Ring(Caller);
            device.Wait(10);

            string output = Start(device, "AT#ACCEPT\r") + device.Wait(5000);
            // Verbose "PPP ERROR" (ATV0 would give the 9.2 code 37121 instead).
            Assert.Equal(Ok + "\r\nCONNECT 9600\r\n\r\nPPP ERROR\r\n", output);
            Assert.Equal(1, peer.HangUps);
        }

        [Fact]
        public void Accept_CallerThatNeverSpeaksPpp_PppErrorAfterThePppTimeout()
        {
            var peer = new PppCallPeer((link, authenticator) => link.ConfigureClient(0)) { SilentFromStart = true };
            var device = Device(peer, "AT#PPPMODE=1\r");
            device.Modem.Ring(Caller);
            device.Wait(10);

            long started = device.Clock.NowMs;
            Assert.Equal(Ok + "\r\nCONNECT 9600\r\n\r\nPPP ERROR\r\n", Start(device, "AT#ACCEPT\r"));
            Assert.InRange(device.Clock.NowMs - started, 20000, 90000);
            Assert.Equal(ErrorCodes.PppServerTimeout, device.Bearer.FailureCode);
            device.Wait(5000);
            Assert.Equal(1, peer.HangUps);
        }
    }
}
