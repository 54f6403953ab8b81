using System.Linq;
using EdSoftNano.At;
using EdSoftNano.Parameters;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.At
{
    /// <summary>Set/get of every parameter, each legal-value boundary in and just out (spec 2-7).</summary>
    public class ParameterCommandTests
    {
        // name, lowest legal, highest legal, step — read off the spec's "Legal values", not the table.
        public static TheoryData<string, int, int, int> IntegerRanges => new TheoryData<string, int, int, int>
        {
            { "ANSWERMODE", 0, 3, 1 },       // 2.1.1
            { "CALLBACKTIMER", 2, 255, 1 },  // 2.1.2
            { "REDIALCOUNT", 0, 14, 1 },     // 2.1.4
            { "PHYTIMEOUT", 1, 255, 1 },     // 2.1.6
            { "RINGCOUNT", 0, 15, 1 },       // 2.1.7
            { "DIALSELECT", 1, 2, 1 },       // 2.1.10
            { "GPRSCID", 1, 4, 1 },          // 2.1.21
            { "GPRSMODE", 0, 1, 1 },         // 2.1.22
            { "POP3HEADERMODE", 0, 1, 1 },   // 3.1.8
            { "POP3PORT", 0, 65535, 1 },     // 3.1.9
            { "SMTPPORT", 0, 65535, 1 },     // 3.1.13
            { "FTPPORT", 0, 65535, 1 },      // 4.1.1
            { "UDPPORT", 1, 65535, 1 },      // 6.1.1: 0 is illegal
            { "UDPTXDELAY", 0, 32760, 20 },  // 6.1.3
            { "PINGDELAY", 1, 255, 1 },      // 7.1.1
            { "PINGNUM", 1, 255, 1 },        // 7.1.2
        };

        [Theory]
        [MemberData(nameof(IntegerRanges))]
        public void SetInteger_AtBoundaries_InIsKeptOutIsRefused(string name, int min, int max, int step)
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send($"AT#{name}={min}\r"));
            Assert.Equal(Block($"#{name}: {min}"), device.Send($"AT#{name}?\r"));
            Assert.Equal(Ok, device.Send($"AT#{name}={max}\r"));
            Assert.Equal(Block($"#{name}: {max}"), device.Send($"AT#{name}?\r"));
            if (min > 0)
            {
                Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}={min - 1}\r"));
            }

            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}={max + step}\r"));
            if (step > 1)
            {
                Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}={min + step / 2}\r"));
            }

            Assert.Equal(Block($"#{name}: {max}"), device.Send($"AT#{name}?\r"));
        }

        [Theory]
        [InlineData("1", true)]
        [InlineData("2", true)]
        [InlineData("3", true)]
        [InlineData("4", true)]
        [InlineData("9", true)]
        [InlineData("0", false)]
        [InlineData("5", false)]
        [InlineData("7", false)]
        [InlineData("10", false)]
        public void SetPppMode_OnlyTheSpecValues(string value, bool legal)
        {
            Assert.Equal(legal ? Ok : Error(ErrorCodes.BadArgumentValue), new DeviceHarness().Send($"AT#PPPMODE={value}\r"));
        }

        [Theory]
        [InlineData("0", true)]
        [InlineData("4", false)]
        [InlineData("5", true)]
        [InlineData("14", true)]
        [InlineData("15", false)]
        public void SetRedialDelay_ZeroOrFiveToFourteen(string value, bool legal)
        {
            Assert.Equal(legal ? Ok : Error(ErrorCodes.BadArgumentValue), new DeviceHarness().Send($"AT#REDIALDELAY={value}\r"));
        }

        [Theory]
        [InlineData("DLEMODE", 0, 1, 1)]
        [InlineData("TCPPORT", 0, 65535, 1)]
        [InlineData("TCPTXDELAY", 0, 32760, 20)]
        public void SetPerSocket_AtBoundaries_EachIdKeepsItsOwnValue(string name, int min, int max, int step)
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send($"AT#{name}=1,{min}\r"));
            Assert.Equal(Ok, device.Send($"AT#{name}=2,{max}\r"));
            Assert.Equal(Block($"#{name}: 1,{min}"), device.Send($"AT#{name}=1\r"));
            Assert.Equal(Block($"#{name}: 2,{max}"), device.Send($"AT#{name}=2\r"));
            Assert.Equal(Block($"#{name}: 1,{min}", $"#{name}: 2,{max}"), device.Send($"AT#{name}?\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}=1,{max + step}\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}=3,{min}\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}=0\r"));
        }

        [Fact]
        public void SetTcpPort_QuotedNumberAsInAppendixA8_IsAccepted()
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send("AT#TCPSERV=1,\"255.255.255.255\"\r"));
            Assert.Equal(Ok, device.Send("AT#TCPPORT=1,\"23\"\r"));
            Assert.Equal(Block("#DLEMODE: 1,1", "#TCPSERV: 1,\"255.255.255.255\"", "#TCPPORT: 1,23", "#TCPTXDELAY: 1,100"), device.Send("AT#VTCP=1\r"));
        }

        // name, max length per the spec
        public static TheoryData<string, int> TextLimits => new TheoryData<string, int>
        {
            { "CALLSCREENNUM", 64 }, { "ISPUN", 64 }, { "ISPPW", 64 }, { "PPPSERVUN", 64 }, { "PPPSERVPW", 64 },
            { "APNPW", 120 }, { "APNSERV", 120 }, { "APNUN", 120 },
            { "SENDERNAME", 120 }, { "SENDERADDR", 120 }, { "DOMAIN", 120 },
            { "SUBJ1", 120 }, { "SUBJ2", 120 }, { "SUBJ3", 120 }, { "BODY1", 120 }, { "BODY2", 120 }, { "BODY3", 120 },
            { "POP3PW", 64 }, { "POP3UN", 64 }, { "SMTPPW", 64 }, { "SMTPUN", 64 },
            { "FTPUN", 64 }, { "FTPPW", 64 }, { "FTPGETFILENAME", 120 }, { "FTPGETPATH", 120 }, { "FTPPUTFILENAME", 120 }, { "FTPPUTPATH", 120 },
        };

        [Theory]
        [MemberData(nameof(TextLimits))]
        public void SetText_AtMaxLength_InIsKeptOneMoreIsRefused(string name, int max)
        {
            var device = new DeviceHarness();
            string full = new string('x', max - 5) + "A b.1";
            Assert.Equal(Ok, device.Send($"AT#{name}=\"{full}\"\r"));
            Assert.Equal(Block($"#{name}: \"{full}\""), device.Send($"AT#{name}?\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}=\"{full}y\"\r"));
            Assert.Equal(Ok, device.Send($"AT#{name}=\"\"\r"));
            Assert.Equal(Block($"#{name}: \"\""), device.Send($"AT#{name}?\r"));
        }

        [Theory]
        [InlineData("FTPSERV")]
        [InlineData("POP3SERV")]
        [InlineData("SMTPSERV")]
        [InlineData("UDPSERV")]
        [InlineData("PINGREMOTE")]
        public void SetHost_NameOrAddress(string name)
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send($"AT#{name}=\"smtp.a2myoper-1.com\"\r"));
            Assert.Equal(Block($"#{name}: \"smtp.a2myoper-1.com\""), device.Send($"AT#{name}?\r"));
            Assert.Equal(Ok, device.Send($"AT#{name}=\"010.0.2.002\"\r"));
            Assert.Equal(Block($"#{name}: \"10.0.2.2\""), device.Send($"AT#{name}?\r"));
            Assert.Equal(Ok, device.Send($"AT#{name}=\"" + new string('h', 120) + "\"\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}=\"" + new string('h', 121) + "\"\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}=\"1.2.3.256\"\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}=\"1.2.3\"\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}=\"smtp. a2myoper.com\"\r"));
        }

        [Theory]
        [InlineData("PPPMYIP")]
        [InlineData("PPPPEERIP")]
        [InlineData("DNSSERV1")]
        [InlineData("DNSSERV2")]
        public void SetIPv4_OnlyDottedQuads(string name)
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send($"AT#{name}=\"255.255.255.255\"\r"));
            Assert.Equal(Block($"#{name}: \"255.255.255.255\""), device.Send($"AT#{name}?\r"));
            Assert.Equal(Ok, device.Send($"AT#{name}=1.2.3.4\r"));
            Assert.Equal(Block($"#{name}: \"1.2.3.4\""), device.Send($"AT#{name}?\r"));
            foreach (string bad in new[] { "xxx.xxx.xxx", "1.2.3.256", "1.2.3", "1.2.3.4.5", "a.b.c.d", "", "1..2.3" })
            {
                Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}=\"{bad}\"\r"));
            }
        }

        [Theory]
        [InlineData("DIALN1")]
        [InlineData("DIALN2")]
        public void SetDialNumber_DigitsWithOptionalPlus(string name)
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send($"AT#{name}=\"0860000000\"\r"));
            Assert.Equal(Block($"#{name}: \"0860000000\""), device.Send($"AT#{name}?\r"));
            Assert.Equal(Ok, device.Send($"AT#{name}=+33612345678\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}=\"12a4\"\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send($"AT#{name}=\"1+2\"\r"));
        }

        [Theory]
        [InlineData("A", "A")]
        [InlineData("I", "I")]
        [InlineData("a", "A")]
        [InlineData("\"i\"", "I")]
        public void SetFtpType_AOrI(string value, string shown)
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send($"AT#FTPTYPE={value}\r"));
            Assert.Equal(Block($"#FTPTYPE = {shown}"), device.Send("AT#FTPTYPE?\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send("AT#FTPTYPE=B\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send("AT#FTPTYPE=AI\r"));
        }

        [Fact]
        public void SetRec_OneAddressResetsTheList()
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send("AT#REC1=recipient@domain.com\r"));
            Assert.Equal(Block("#REC1: \"recipient@domain.com\""), device.Send("AT#REC1?\r"));
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send("AT#REC1=\"a@b.c,d@e.f\"\r"));
            Assert.Equal(Ok, device.Send("AT#REC1=\"\"\r"));
            Assert.Equal(Block("#REC1: \"\""), device.Send("AT#REC1?\r"));
        }

        [Fact]
        public void SetGet_AppendixA2_PppModeMixedCase()
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send("AT#PPPmode=1\r"));
            Assert.Equal(Block("#PPPMODE: 1"), device.Send("AT#PPPmode?\r"));
        }

        [Theory]
        [InlineData("AT#GPRS MODE=0\r", "#GPRSMODE: 0")]
        [InlineData("AT# DIALN1=\"123\"\r", "#DIALN1: \"123\"")]
        [InlineData("AT#PPP MODE=4\r", "#PPPMODE: 4")]
        [InlineData("AT#SENDERADDR\"module@domain.com\"\r", "#SENDERADDR: \"module@domain.com\"")]
        [InlineData("AT#FTTPPW=\"pw\"\r", "#FTPPW: \"pw\"")]
        [InlineData("AT#TCPSEERV=2,\"h.com\"\r", "#TCPSERV: 2,\"h.com\"")]
        [InlineData("AT#PPPSENDUN=\"u\"\r", "#PPPSERVUN: \"u\"")]
        [InlineData("AT#IPSPW=\"p\"\r", "#ISPPW: \"p\"")]
        public void Set_SpecSpellings_AreAccepted(string command, string shown)
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send(command));
            string name = shown.Substring(1, shown.IndexOf(':') - 1);
            string query = name == "TCPSERV" ? "AT#TCPSERV=2\r" : $"AT#{name}?\r";
            Assert.Equal(Block(shown), device.Send(query));
        }

        [Fact]
        public void SetGet_EveryParameterOfTheTable_RoundTripsAndSurvivesReset()
        {
            var device = new DeviceHarness();
            foreach (ParameterDef def in ParameterTable.All)
            {
                string value = SampleValue(def);
                string arg = def.IsPerSocket ? "2," + value : value;
                Assert.Equal(Ok, device.Send($"AT#{def.Name}={arg}\r"));
            }

            DeviceHarness rebooted = device.Reset();
            foreach (ParameterDef def in ParameterTable.All)
            {
                string value = SampleValue(def);
                string shown = def.Kind == ParameterKind.Letter ? $"#{def.Name} = {value}"
                    : def.IsPerSocket ? $"#{def.Name}: 2,{value}" : $"#{def.Name}: {value}";
                string query = def.IsPerSocket ? $"AT#{def.Name}=2\r" : $"AT#{def.Name}?\r";
                Assert.Equal(Block(shown), rebooted.Send(query));
            }
        }

        private static string SampleValue(ParameterDef def) => def.Kind switch
        {
            ParameterKind.Integer => (def.Max / def.Step * def.Step).ToString(),
            ParameterKind.IntegerChoice => "9".Equals(def.Choices.Split(',').Last()) ? "9" : def.Choices.Split(',').Last(),
            ParameterKind.Letter => "A",
            ParameterKind.IPv4 => "\"10.1.2.3\"",
            ParameterKind.HostOrIPv4 => "\"host-" + def.StableId + ".example\"",
            ParameterKind.Phone => "\"+3312" + def.StableId + "\"",
            ParameterKind.AddressList => "\"a" + def.StableId + "@b.c\"",
            _ => "\"v " + def.Name.ToLowerInvariant() + "\"",
        };

        [Theory]
        [InlineData("AT#FOO\r", ErrorCodes.UnknownCommand)]
        [InlineData("AT#FOO=1\r", ErrorCodes.UnknownCommand)]
        [InlineData("AT#\r", ErrorCodes.UnknownCommand)]
        [InlineData("AT#PPPMODE=\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#PPPMODE?1\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#PPPMODE!\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#PPPMODE\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#ISPUN=\"abc\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#ISPUN=\"a\"b\"\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#ISPUN=a\"b\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#PPPMODE=abc\r", ErrorCodes.BadArgumentValue)]
        [InlineData("AT#PPPMODE=\"\"\r", ErrorCodes.BadArgumentValue)]
        [InlineData("AT#PPPMODE=7\r", ErrorCodes.BadArgumentValue)]
        [InlineData("AT#PPPMODE=99999999999999\r", ErrorCodes.BadArgumentValue)]
        [InlineData("AT#PPPMODE=-1\r", ErrorCodes.BadArgumentValue)]
        [InlineData("AT#DLEMODE=x,1\r", ErrorCodes.BadArgumentValue)]
        [InlineData("AT#DLEMODE=\"1,1\r", ErrorCodes.SyntaxError)]
        [InlineData("AT#ISPUN=\"caf\u00e9\"\r", ErrorCodes.BadArgumentValue)]
        public void Set_BadInput_ReportsTheSpecErrorCode(string command, int code)
        {
            Assert.Equal(Error(code), new DeviceHarness().Send(command));
        }

        [Fact]
        public void Set_WhileItsServiceRuns_IsRefusedWith37123()
        {
            var services = new FakeActions { Running = ServiceTag.Ftp };
            var device = new DeviceHarness(actions: services);
            Assert.Equal(Error(ErrorCodes.ServiceRunning), device.Send("AT#FTPSERV=\"a.b\"\r"));
            Assert.Equal(Ok, device.Send("AT#SMTPSERV=\"a.b\"\r"));
            Assert.Equal(Block("#FTPSERV: \"\""), device.Send("AT#FTPSERV?\r"));
        }

        [Fact]
        public void Set_PerSocketWhileThatSocketRuns_OnlyThatIdIsLocked()
        {
            var services = new FakeActions { Running = ServiceTag.Tcp, RunningSocket = 2 };
            var device = new DeviceHarness(actions: services);
            Assert.Equal(Ok, device.Send("AT#TCPPORT=1,80\r"));
            Assert.Equal(Error(ErrorCodes.ServiceRunning), device.Send("AT#TCPPORT=2,80\r"));
        }

        [Fact]
        public void Set_WhenFlashWriteFails_Reports34824AndKeepsTheOldValue()
        {
            var device = new DeviceHarness();
            device.Flash.FailNextWrites = 1;
            Assert.Equal(Error(ErrorCodes.EepromWriteFailed), device.Send("AT#PINGNUM=7\r"));
            Assert.Equal(Block("#PINGNUM: 4"), device.Send("AT#PINGNUM?\r"));
            Assert.Equal(Ok, device.Send("AT#PINGNUM=7\r"));
            Assert.Equal(Block("#PINGNUM: 7"), device.Reset().Send("AT#PINGNUM?\r"));
        }

        [Fact]
        public void DelFlash_KeepsCurrentValuesUntilReset_ThenDefaults()
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send("AT#DNSSERV1=\"1.2.3.4\"\r"));
            Assert.Equal(Block("#DNSSERV1: \"1.2.3.4\""), device.Reset().Send("AT#DNSSERV1?\r"));
            Assert.Equal(Ok, device.Send("AT#DELFLASH\r"));
            Assert.Equal(Block("#DNSSERV1: \"1.2.3.4\""), device.Send("AT#DNSSERV1?\r"));
            Assert.Equal(Block("#DNSSERV1: \"0.0.0.0\""), device.Reset().Send("AT#DNSSERV1?\r"));
        }

        [Fact]
        public void DelFlash_WhenEraseFails_Reports34824()
        {
            var device = new DeviceHarness();
            device.Flash.FailNextErases = 1;
            Assert.Equal(Error(ErrorCodes.EepromWriteFailed), device.Send("AT#DELFLASH\r"));
        }
    }
}
