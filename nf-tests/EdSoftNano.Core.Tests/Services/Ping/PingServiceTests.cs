using EdSoftNano.At;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Services.Ping
{
    /// <summary>AT#PING (spec 7.2) on virtual time: the reply lines, PINGNUM, PINGDELAY as reply window and spacing, errors.</summary>
    public class PingServiceTests
    {
        private const uint Wavecom = 0xC0A80A0B; // 192.168.10.11

        private static DeviceHarness Connected(FakePingStack stack)
        {
            var device = new DeviceHarness(bearer: new FakeBearer { Stack = stack });
            device.Send("AT#APNSERV=\"apn\"\rAT+CGATT=1\r");
            Assert.EndsWith("Ok_Info_GprsActivation\r\n", device.Send("AT#CONNECTIONSTART\r"));
            return device;
        }

        private static string Alive(string host, int ms) => "\"" + host + "\" is alive : time = " + ms + " ms";

        private static string Lost(string host) => "No answer from \"" + host + "\"";

        [Fact]
        public void Ping_Defaults_FourRequestsOneSecondApart_OneLineEachThenOk()
        {
            var stack = new FakePingStack().Name("wavecom.com", Wavecom).Replies(900, 900, 800, 1000);
            var device = Connected(stack);
            device.Send("AT#PINGREMOTE=\"wavecom.com\"\r");

            Assert.Equal(Block(Alive("wavecom.com", 900), Alive("wavecom.com", 900), Alive("wavecom.com", 800), Alive("wavecom.com", 1000)),
                device.Send("AT#PING\r"));
            Assert.Equal(new[] { Wavecom, Wavecom, Wavecom, Wavecom }, stack.SentTo);
            Assert.Equal(new[] { 1000, 1000, 1000, 1000 }, stack.Timeouts);
            for (int i = 1; i < 4; i++)
            {
                Assert.Equal(1000, stack.SentAtMs[i] - stack.SentAtMs[i - 1]);
            }

            Assert.Equal(0, stack.PingsOut);
        }

        [Fact]
        public void Ping_LostRequest_NoAnswerLineOnlyAfterPingDelay_NextRequestThen()
        {
            var stack = new FakePingStack().Name("wavecom.com", Wavecom).Replies(-1, 500);
            var device = Connected(stack);
            device.Send("AT#PINGREMOTE=\"wavecom.com\"\rAT#PINGNUM=2\rAT#PINGDELAY=3\r");

            Assert.Equal("", device.Type("AT#PING\r"));
            Assert.Equal("", device.Wait(2900));
            Assert.Equal("\r\n" + Lost("wavecom.com") + "\r\n", device.Wait(200));
            Assert.Equal(Alive("wavecom.com", 500) + "\r\n" + Ok, device.Wait(600));
            Assert.Equal(new[] { 3000, 3000 }, stack.Timeouts);
            Assert.Equal(3000, stack.SentAtMs[1] - stack.SentAtMs[0]);
        }

        [Fact]
        public void Ping_FastReplies_NextRequestStillWaitsForPingDelay()
        {
            var stack = new FakePingStack().Replies(20, 30, 40);
            var device = Connected(stack);
            device.Send("AT#PINGREMOTE=\"10.1.2.3\"\rAT#PINGNUM=3\rAT#PINGDELAY=2\r");

            Assert.Equal(Block(Alive("10.1.2.3", 20), Alive("10.1.2.3", 30), Alive("10.1.2.3", 40)), device.Send("AT#PING\r"));
            Assert.Equal(new uint[] { 0x0A010203, 0x0A010203, 0x0A010203 }, stack.SentTo);
            Assert.Equal(2000, stack.SentAtMs[1] - stack.SentAtMs[0]);
            Assert.Equal(2000, stack.SentAtMs[2] - stack.SentAtMs[1]);
        }

        [Fact]
        public void Ping_AllLost_NoAnswerLinesThenOk()
        {
            var stack = new FakePingStack().Name("wavecom.com", Wavecom).Replies(-1, -1);
            var device = Connected(stack);
            device.Send("AT#PINGREMOTE=\"wavecom.com\"\rAT#PINGNUM=2\r");

            Assert.Equal(Block(Lost("wavecom.com"), Lost("wavecom.com")), device.Send("AT#PING\r"));
            Assert.Equal(0, stack.PingsOut);
        }

        [Fact]
        public void Ping_NameNotResolved_Answers38027()
        {
            var stack = new FakePingStack();
            var device = Connected(stack);
            device.Send("AT#PINGREMOTE=\"nowhere.test\"\r");

            Assert.Equal(Error(ErrorCodes.DnsFailed), device.Send("AT#PING\r"));
            Assert.Empty(stack.SentAtMs);
            Assert.Equal(0, stack.PendingLookups);
        }

        [Fact]
        public void Ping_NoRemoteSet_Answers36929()
        {
            var device = Connected(new FakePingStack());
            Assert.Equal(Error(ErrorCodes.BadParameterConfiguration), device.Send("AT#PING\r"));
        }

        [Fact]
        public void Ping_NoSession_Answers35867()
        {
            var device = new DeviceHarness(bearer: new FakeBearer { Stack = new FakePingStack() });
            device.Send("AT#PINGREMOTE=\"10.1.2.3\"\r");
            Assert.Equal(Error(ErrorCodes.PhysicalLayerNotActive), device.Send("AT#PING\r"));
        }

        [Fact]
        public void Ping_CommandTypedWhilePinging_IsAnsweredAfterTheOk()
        {
            var stack = new FakePingStack().Replies(100, 100);
            var device = Connected(stack);
            device.Send("AT#PINGREMOTE=\"10.1.2.3\"\rAT#PINGNUM=2\r");

            string output = device.Type("AT#PING\r") + device.Type("AT#PINGNUM?\r") + device.Wait(3000);
            Assert.Equal(Block(Alive("10.1.2.3", 100), Alive("10.1.2.3", 100)) + Block("#PINGNUM: 2"), output);
        }

        [Fact]
        public void Ping_RunTwice_SecondRunStartsAfresh()
        {
            var stack = new FakePingStack().Replies(5, 6);
            var device = Connected(stack);
            device.Send("AT#PINGREMOTE=\"10.1.2.3\"\rAT#PINGNUM=1\r");

            Assert.Equal(Block(Alive("10.1.2.3", 5)), device.Send("AT#PING\r"));
            Assert.Equal(Block(Alive("10.1.2.3", 6)), device.Send("AT#PING\r"));
        }

        [Fact]
        public void Ping_Numeric_LinesThenZero()
        {
            var stack = new FakePingStack().Replies(7);
            var device = Connected(stack);
            device.Send("AT#PINGREMOTE=\"10.1.2.3\"\rAT#PINGNUM=1\rATV0\r");

            Assert.Equal(Alive("10.1.2.3", 7) + "\r\n0\r", device.Send("AT#PING\r"));
        }
    }
}
