using EdSoftNano.At;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.At
{
    /// <summary>Every display command of the spec with the default values, exact bytes (spec 2.4-8.3).</summary>
    public class DisplayTranscriptTests
    {
        private static readonly string[] Phy =
        {
            "#ANSWERMODE: 0", "#CALLBACKTIMER: 2", "#CALLSCREENNUM: \"0\"", "#DIALN1: \"\"", "#DIALN2: \"\"",
            "#DIALSELECT: 1", "#GPRSMODE: 1", "#PHYTIMEOUT: 15", "#REDIALCOUNT: 5", "#REDIALDELAY: 5", "#RINGCOUNT: 0",
        };

        private static readonly string[] Ppp =
        {
            "#ISPUN: \"\"", "#ISPPW: \"\"", "#PPPMODE: 1", "#PPPMYIP: \"0.0.0.0\"", "#PPPPEERIP: \"0.0.0.0\"",
            "#PPPSERVUN: \"\"", "#PPPSERVPW: \"\"",
        };

        private static readonly string[] Gprs = { "#GPRSCID: 1", "#APNPW: \"\"", "#APNSERV: \"\"", "#APNUN: \"\"" };

        private static readonly string[] Dns = { "#DNSSERV1: \"0.0.0.0\"", "#DNSSERV2: \"0.0.0.0\"" };

        private static readonly string[] Ftp =
        {
            "#FTPSERV: \"\"", "#FTPPORT: 21", "#FTPUN: \"\"", "#FTPPW: \"\"", "#FTPTYPE = I", "#FTPGETFILENAME: \"\"",
            "#FTPGETPATH: \"\"", "#FTPPUTFILENAME: \"\"", "#FTPPUTPATH: \"\"",
        };

        private static readonly string[] Pop3 = { "#POP3HEADERMODE: 1", "#POP3PORT: 110", "#POP3PW: \"\"", "#POP3SERV: \"\"", "#POP3UN: \"\"" };

        private static readonly string[] Smtp =
        {
            "#DOMAIN: \"\"", "#SENDERADDR: \"\"", "#SENDERNAME: \"\"", "#SMTPPORT: 25", "#SMTPPW: \"\"", "#SMTPSERV: \"\"", "#SMTPUN: \"\"",
        };

        private static readonly string[] Udp = { "#UDPSERV: \"\"", "#UDPPORT: 0", "#UDPTXDELAY: 100" };

        private static readonly string[] Ping = { "#PINGDELAY: 1", "#PINGNUM: 4", "#PINGREMOTE: \"\"" };

        private static string[] Tcp(int id) =>
            new[] { "#DLEMODE: " + id + ",1", "#TCPSERV: " + id + ",\"\"", "#TCPPORT: " + id + ",0", "#TCPTXDELAY: " + id + ",100" };

        private static string[] Mail(int i) =>
            new[] { "#BODY" + i + ": \"\"", "#CCREC" + i + ": \"\"", "#REC" + i + ": \"\"", "#SUBJ" + i + ": \"\"" };

        [Theory]
        [InlineData("AT#VPHY\r", "Phy")]
        [InlineData("AT#VPPP\r", "Ppp")]
        [InlineData("AT#VGPRS\r", "Gprs")]
        [InlineData("AT#VDNS\r", "Dns")]
        [InlineData("AT#VFTP\r", "Ftp")]
        [InlineData("AT#VPOP3\r", "Pop3")]
        [InlineData("AT#VSMTP\r", "Smtp")]
        [InlineData("AT#VSSMTP\r", "Smtp")]
        [InlineData("AT#VSMBT\r", "Smtp")]
        [InlineData("AT#VSMTPL\r", "Smtp")]
        [InlineData("AT#VSIMTP\r", "Smtp")]
        [InlineData("AT#VUDP\r", "Udp")]
        [InlineData("AT#VPING\r", "Ping")]
        [InlineData("at#vphy\r", "Phy")]
        public void Display_Defaults_PrintsTheGroupThenOk(string command, string group)
        {
            string[] lines = group switch
            {
                "Phy" => Phy, "Ppp" => Ppp, "Gprs" => Gprs, "Dns" => Dns, "Ftp" => Ftp, "Pop3" => Pop3,
                "Smtp" => Smtp, "Udp" => Udp, _ => Ping,
            };

            Assert.Equal(Block(lines), new DeviceHarness().Send(command));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void Vtcp_WithId_PrintsThatSocket(int id)
        {
            Assert.Equal(Block(Tcp(id)), new DeviceHarness().Send("AT#VTCP=" + id + "\r"));
        }

        [Fact]
        public void Vtcp_WithoutId_PrintsBothSockets()
        {
            Assert.Equal(Block(Concat(Tcp(1), Tcp(2))), new DeviceHarness().Send("AT#VTCP\r"));
        }

        [Theory]
        [InlineData("AT#VTCP=3\r", ErrorCodes.BadArgumentValue)]
        [InlineData("AT#VTCP=x\r", ErrorCodes.BadArgumentValue)]
        [InlineData("AT#VTCP?\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#VPHY=1\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#VPHY?\r", ErrorCodes.SyntaxError)]
        public void Display_WithArguments_IsAnError(string command, int code)
        {
            Assert.Equal(Error(code), new DeviceHarness().Send(command));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void Vmail_Defaults_PrintsRecCcrecSubj(int i)
        {
            Assert.Equal(Block("REC" + i + "=", "CCREC" + i + "=", "SUBJ" + i + "="), new DeviceHarness().Send("AT#VMAIL" + i + "\r"));
        }

        [Fact]
        public void Vmail_AfterSettings_ShowsValuesUnquoted()
        {
            var device = new DeviceHarness();
            device.Send("AT#REC2=\"a@b.c\"\rAT#CCREC2=c@d.e\rAT#SUBJ2=\"Hello world\"\r");
            Assert.Equal(Block("REC2=a@b.c", "CCREC2=c@d.e", "SUBJ2=Hello world"), device.Send("AT#VMAIL2\r"));
        }

        [Fact]
        public void Vversion_PrintsTheVersionLine()
        {
            Assert.Equal(Block("#VERSION: \"" + FirmwareVersion.Full + "\""), new DeviceHarness().Send("AT#VVERSION\r"));
        }

        [Fact]
        public void Vstate_WithoutSession_IsIdle()
        {
            Assert.Equal(Block("#STATE: \"IDLE\""), new DeviceHarness().Send("AT#VSTATE\r"));
        }

        [Fact]
        public void Vall_Defaults_PrintsEveryBlockSeparatedByAnEmptyLine()
        {
            string expected = "\r\n" + FirmwareVersion.Name + "\r\n";
            foreach (string[] block in new[]
            {
                Phy, Ppp, Gprs, Dns, Ftp, Pop3, Smtp, Mail(1), Mail(2), Mail(3), Concat(Tcp(1), Tcp(2)), Udp, Ping,
            })
            {
                expected += "\r\n" + string.Join("\r\n", block) + "\r\n";
            }

            Assert.Equal(expected + Ok, new DeviceHarness().Send("AT#VALL\r"));
        }

        [Fact]
        public void Vall_InNumericMode_EndsWithZeroCr()
        {
            var device = new DeviceHarness();
            Assert.Equal("0\r", device.Send("ATV0\r"));
            string output = device.Send("AT#VALL\r");
            Assert.StartsWith(FirmwareVersion.Name + "\r\n\r\n#ANSWERMODE: 0\r\n", output);
            Assert.EndsWith("#PINGREMOTE: \"\"\r\n0\r", output);
        }

        private static string[] Concat(string[] a, string[] b)
        {
            var all = new string[a.Length + b.Length];
            a.CopyTo(all, 0);
            b.CopyTo(all, a.Length);
            return all;
        }
    }
}
