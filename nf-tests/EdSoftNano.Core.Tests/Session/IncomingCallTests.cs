using System.Linq;
using EdSoftNano.At;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Session
{
    /// <summary>Incoming calls: #ACCEPT and ANSWERMODE 0-3 with CALLSCREENNUM and RINGCOUNT (spec 2.1.1-2.1.7, 2.2.1).</summary>
    public class IncomingCallTests
    {
        private const string Caller = "0612345678";
        private const string Ring = "\r\nRING\r\n";
        private const string Answered = "\r\nCONNECT 9600\r\n\r\n213.192.200.4\r\n\r\nPPP OK\r\n";

        private static DeviceHarness Device(string settings, FakeBearer bearer = null)
        {
            var device = new DeviceHarness(bearer: bearer ?? new FakeBearer());
            device.Send("AT#DIALN1=\"0860000000\"\r" + settings);
            return device;
        }

        [Fact]
        public void AnswerMode0_RingIsRelayed_HostAccepts()
        {
            var device = Device("");
            device.Modem.Ring(Caller);
            Assert.Equal(Ring, device.Wait(10));
            Assert.Equal(Ok + Answered, device.Send("AT#ACCEPT\r"));
            Assert.Contains("ATA", device.Modem.Received);
            Assert.Equal(Block("#STATE: \"CONNECTED\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void AnswerMode0_NeverAnswersByItself()
        {
            var device = Device("AT#RINGCOUNT=1\rAT#CALLSCREENNUM=\"*\"\r");
            for (int i = 0; i < 5; i++)
            {
                device.Modem.Ring(Caller);
                device.Wait(3000);
            }

            Assert.DoesNotContain("ATA", device.Modem.Received);
        }

        [Fact]
        public void Accept_WithoutCall_NoCarrier()
        {
            Assert.Equal(Ok + "\r\nNO CARRIER\r\n", Device("").Send("AT#ACCEPT\r"));
        }

        [Fact]
        public void Accept_VoiceCall_Is35869()
        {
            var device = Device("");
            device.Modem.Ring(Caller, dataCall: false);
            device.Wait(10);
            Assert.Equal(Error(ErrorCodes.InvalidIncomingCallType), device.Send("AT#ACCEPT\r"));
        }

        [Theory]
        [InlineData(1, true)]
        [InlineData(2, false)]
        [InlineData(3, false)]
        [InlineData(4, true)]
        public void Accept_PppModeDecidesTheRoleForIncomingCalls(int mode, bool server)
        {
            var bearer = new FakeBearer();
            var device = Device($"AT#PPPMODE={mode}\r", bearer);
            device.Modem.Ring(Caller);
            device.Wait(10);
            device.Send("AT#ACCEPT\r");
            Assert.Equal(server, bearer.Requests[0].Server);
        }

        [Theory]
        [InlineData("*", Caller, true)]
        [InlineData(Caller, Caller, true)]
        [InlineData(Caller, "0699999999", false)]
        [InlineData("0", Caller, false)]
        [InlineData("*", null, true)]
        [InlineData(Caller, null, false)]
        public void AnswerMode1_AnswersAfterRingCountWhenTheCallerMatches(string screen, string caller, bool answers)
        {
            var device = Device($"AT#ANSWERMODE=1\rAT#RINGCOUNT=2\rAT#CALLSCREENNUM=\"{screen}\"\r");
            device.Modem.Ring(caller);
            Assert.Equal(Ring, device.Wait(3000));
            Assert.DoesNotContain("ATA", device.Modem.Received);
            device.Modem.Ring(caller);
            string output = device.Wait(3000);
            Assert.Equal(answers ? Ring + Answered : Ring, output);
            Assert.Equal(answers, device.Modem.Received.Contains("ATA"));
        }

        [Fact]
        public void AnswerMode1_RingCount0_NeverAnswers()
        {
            var device = Device("AT#ANSWERMODE=1\rAT#CALLSCREENNUM=\"*\"\r");
            device.Modem.Ring(Caller);
            device.Wait(3000);
            Assert.DoesNotContain("ATA", device.Modem.Received);
        }

        [Fact]
        public void AnswerMode1_VoiceCall_Is35869()
        {
            var device = Device("AT#ANSWERMODE=1\rAT#RINGCOUNT=1\rAT#CALLSCREENNUM=\"*\"\r");
            device.Modem.Ring(Caller, dataCall: false);
            Assert.Equal(Ring + Error(ErrorCodes.InvalidIncomingCallType), device.Wait(3000));
            Assert.DoesNotContain("ATA", device.Modem.Received);
        }

        [Fact]
        public void AnswerMode2_HangsUpWaitsCallbackTimerThenDialsDialN1()
        {
            var device = Device("AT#ANSWERMODE=2\rAT#RINGCOUNT=1\rAT#CALLSCREENNUM=\"" + Caller + "\"\rAT#CALLBACKTIMER=10\rAT#GPRSMODE=0\r");
            device.Modem.Ring(Caller);
            Assert.Equal(Ring, device.Wait(100));
            Assert.Equal("ATH", device.Modem.Received.Last());
            Assert.Equal("", device.Wait(9850));
            Assert.Empty(device.Modem.Dialled);
            Assert.Contains("DIALING\r\n0860000000", device.Wait(200));
            Assert.Equal(new[] { "0860000000" }, device.Modem.Dialled);
        }

        [Fact]
        public void AnswerMode2_CallerNotAllowed_IsIgnored()
        {
            var device = Device("AT#ANSWERMODE=2\rAT#RINGCOUNT=1\rAT#CALLSCREENNUM=\"0700000000\"\rAT#GPRSMODE=0\r");
            device.Modem.Ring(Caller);
            device.Wait(20000);
            Assert.Empty(device.Modem.Dialled);
            Assert.DoesNotContain("ATH", device.Modem.Received);
        }

        [Fact]
        public void AnswerMode3_CallsTheCallerBack()
        {
            var device = Device("AT#ANSWERMODE=3\rAT#RINGCOUNT=1\rAT#CALLSCREENNUM=\"*\"\rAT#CALLBACKTIMER=2\r");
            device.Modem.Ring(Caller);
            device.Wait(3000);
            Assert.Equal(new[] { Caller }, device.Modem.Dialled);
        }

        [Fact]
        public void AnswerMode3_WithoutCallerId_Is35870()
        {
            var device = Device("AT#ANSWERMODE=3\rAT#RINGCOUNT=1\rAT#CALLSCREENNUM=\"*\"\r");
            device.Modem.Ring(null);
            Assert.Equal(Ring + Error(ErrorCodes.CallerIdNotProvided), device.Wait(3000));
            device.Wait(10000);
            Assert.Empty(device.Modem.Dialled);
        }

        [Fact]
        public void AnswerMode3_VoiceCall_Is35869()
        {
            var device = Device("AT#ANSWERMODE=3\rAT#RINGCOUNT=1\rAT#CALLSCREENNUM=\"*\"\r");
            device.Modem.Ring(Caller, dataCall: false);
            Assert.Equal(Ring + Error(ErrorCodes.InvalidIncomingCallType), device.Wait(3000));
        }
    }
}
