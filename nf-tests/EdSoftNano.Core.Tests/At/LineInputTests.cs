using EdSoftNano.At;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.At
{
    /// <summary>Line assembly, echo and result framing on the host UART (issue: foundation, spec 9.1).</summary>
    public class LineInputTests
    {
        [Fact]
        public void Echo_ByDefault_EchoesEveryByteThenAnswers()
        {
            var device = new DeviceHarness(echo: true);
            Assert.Equal("AT#VSTATE\r" + Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Ate0_StopsEchoAndAte1_StartsIt()
        {
            var device = new DeviceHarness(echo: true);
            Assert.Equal("ATE0\r" + Ok, device.Send("ATE0\r"));
            Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
            Assert.Equal(Ok, device.Send("ATE1\r"));
            Assert.Equal("at#vstate\r" + Block("#STATE: \"IDLE\""), device.Send("at#vstate\r"));
        }

        [Fact]
        public void Atv0_NumericResults_AndAtv1_Back()
        {
            var device = new DeviceHarness();
            Assert.Equal("0\r", device.Send("ATV0\r"));
            Assert.Equal("#CME ERROR: 34817\r", device.Send("AT#NOPE\r"));
            Assert.Equal("#PPPMODE: 1\r\n0\r", device.Send("AT#PPPMODE?\r"));
            Assert.Equal(Ok, device.Send("ATV1\r"));
        }

        [Fact]
        public void Atq1_IsRefusedAsSpec12Says_AndQ0IsOk()
        {
            var device = new DeviceHarness();
            Assert.Equal("\r\n+CME ERROR: 600\r\n", device.Send("ATQ1\r"));
            Assert.Equal(Ok, device.Send("ATQ0\r"));
            Assert.Equal(Ok, device.Send("ATE0V1\r"));
            Assert.Equal("\r\nERROR\r\n", device.Send("ATE2\r"));
        }

        [Fact]
        public void Line_LfIsIgnoredAndGarbageBeforeAtIsSkipped()
        {
            var device = new DeviceHarness();
            Assert.Equal(Block("#PPPMODE: 1"), device.Send("\n\nxyz\rAT#PPP\nMODE?\r\n"));
        }

        [Fact]
        public void Line_BackspaceEditsTheLine()
        {
            var device = new DeviceHarness();
            Assert.Equal(Block("#PINGNUM: 4"), device.Send("AT#PINGNUX\bM?\r"));
            Assert.Equal(Block("#PINGNUM: 4"), device.Send("AX\b\bAT#PINGNUM?\r"));
        }

        [Fact]
        public void Line_SplitAcrossReadsOfOneByte_IsTheSame()
        {
            var device = new DeviceHarness();
            device.Host.MaxReadChunk = 1;
            Assert.Equal(Ok + Block("#SMTPPORT: 2525"), device.Send("AT#SMTPPORT=2525\rAT#SMTPPORT?\r"));
        }

        [Fact]
        public void Line_LongerThanTheInputLimit_Is34881AndTheNextLineWorks()
        {
            var device = new DeviceHarness();
            string tooLong = "AT#SUBJ1=\"" + new string('x', 300) + "\"\r";
            Assert.Equal(Error(ErrorCodes.CommandTooLong), device.Send(tooLong));
            Assert.Equal(Block("#SUBJ1: \"\""), device.Send("AT#SUBJ1?\r"));
        }

        [Fact]
        public void Line_ExactlyAtTheInputLimit_IsAccepted()
        {
            var device = new DeviceHarness();
            string line = "#FTPGETPATH=\"" + new string('p', 120) + "\"";
            line += new string(' ', App.Budget.CommandLine - line.Length);
            Assert.Equal(Ok, device.Send("AT" + line + "\r"));
        }

        [Fact]
        public void Actions_WithoutBearer_AnswerAClearError()
        {
            var device = new DeviceHarness();
            Assert.Equal(Error(ErrorCodes.InternalResourceUnavailable), device.Send("AT#CONNECTIONSTART\r"));
            Assert.Equal(Error(ErrorCodes.InternalResourceUnavailable), device.Send("AT#ConnectionStart\r"));
            Assert.Equal(Error(ErrorCodes.InternalResourceUnavailable), device.Send("AT#ACCEPT\r"));
            Assert.Equal(Ok, device.Send("AT#CONNECTIONSTOP\r"));
            foreach (string cmd in new[] { "DISPLAYIP", "GETMAIL", "SENDMAIL1", "SENDMAIL2", "SENDMAIL3", "PUTMAIL",
                "FTPGET", "FTPPUT", "LTCPSTART=1", "LTCPSTOP=2", "OTCP=1", "LUDPSTART", "LUDPSTOP", "OUDP", "PING", "UDPSTOP", "LTCPPSTART=2" })
            {
                Assert.Equal(Error(ErrorCodes.PhysicalLayerNotActive), device.Send("AT#" + cmd + "\r"));
            }
        }

        [Theory]
        [InlineData("AT#OTCP\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#OTCP=3\r", ErrorCodes.BadArgumentValue)]
        [InlineData("AT#PING?\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#PING=1\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#DELFLASH=1\r", ErrorCodes.SyntaxError)]
        public void Actions_WithWrongArguments_AreRefusedBeforeStarting(string command, int code)
        {
            var actions = new FakeActions();
            Assert.Equal(Error(code), new DeviceHarness(actions: actions).Send(command));
            Assert.Empty(actions.Started);
        }

        [Fact]
        public void Actions_AreHandedToTheActionHandlerWithTheirSocketId()
        {
            var actions = new FakeActions { StartResult = ErrorCodes.DnsFailed };
            var device = new DeviceHarness(actions: actions);
            Assert.Equal(Error(ErrorCodes.DnsFailed), device.Send("AT#OTCP=2\r"));
            Assert.Equal(Error(ErrorCodes.DnsFailed), device.Send("AT#ftpget\r"));
            Assert.Equal(new[] { "Otcp:2", "FtpGet:0" }, actions.Started);
        }

        [Fact]
        public void Vstate_ShowsTheHandlersState_OrNoService()
        {
            var actions = new FakeActions { StateName = "DIALING" };
            var device = new DeviceHarness(actions: actions);
            Assert.Equal(Block("#STATE: \"DIALING\""), device.Send("AT#VSTATE\r"));
            actions.StateName = null;
            Assert.Equal(Block("#NO SERVICE"), device.Send("AT#VSTATE\r"));
        }
    }
}
