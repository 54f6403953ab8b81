using EdSoftNano.At;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.At
{
    /// <summary>The multi-line entries AT#BODYi and AT#RECiADD / AT#CCRECiADD (spec 3.1.5, 3.1.7).</summary>
    public class TextEntryTests
    {
        [Fact]
        public void Body_TextUpToCtrlZ_IsStored()
        {
            var device = new DeviceHarness();
            Assert.Equal("", device.Send("AT#BODY1\r"));
            Assert.Equal(Ok, device.Send("\nText string\x1a"));
            Assert.Equal(Block("#BODY1: \"Text string\""), device.Send("AT#BODY1?\r"));
        }

        [Fact]
        public void Body_KeepsLineBreaksInside()
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send("AT#BODY2\rline one\r\nline two\x1a"));
            Assert.Equal(Block("#BODY2: \"line one\r\nline two\""), device.Send("AT#BODY2?\r"));
        }

        [Fact]
        public void Body_WithEqualsSign_IsASet()
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok, device.Send("AT#BODY3=\"9:1234567890abcd\"\r"));
            Assert.Equal(Block("#BODY3: \"9:1234567890abcd\""), device.Send("AT#BODY3?\r"));
        }

        [Fact]
        public void Body_Of120Characters_IsKept_121_Is34881()
        {
            var device = new DeviceHarness();
            string text = new string('b', 120);
            Assert.Equal(Ok, device.Send("AT#BODY1\r" + text + "\x1a"));
            Assert.Equal(Error(ErrorCodes.CommandTooLong), device.Send("AT#BODY1\r" + text + "c\x1a"));
            Assert.Equal(Block("#BODY1: \"" + text + "\""), device.Send("AT#BODY1?\r"));
        }

        [Fact]
        public void Body_EscCancelsAndKeepsTheOldValue()
        {
            var device = new DeviceHarness();
            device.Send("AT#BODY1=\"old\"\r");
            Assert.Equal(Ok, device.Send("AT#BODY1\rnew text\x1b"));
            Assert.Equal(Block("#BODY1: \"old\""), device.Send("AT#BODY1?\r"));
        }

        [Fact]
        public void Body_EchoesWhileTyping()
        {
            var device = new DeviceHarness(echo: true);
            Assert.Equal("AT#BODY1\rhi\x1a" + Ok, device.Send("AT#BODY1\rhi\x1a"));
        }

        [Fact]
        public void RecAdd_SpecExample_OverwritesWithTheAddresses()
        {
            var device = new DeviceHarness();
            device.Send("AT#REC1=\"old@x.y\"\r");
            Assert.Equal(Ok, device.Send("AT#REC1ADD\r\nEmail1@domain.fr\r\nEmail2@domain.com\r\n\x1a"));
            Assert.Equal(Block("#REC1: \"Email1@domain.fr,Email2@domain.com\""), device.Send("AT#REC1?\r"));
        }

        [Fact]
        public void RecAdd_ElevenAddresses_TheEleventhIsIgnored()
        {
            var device = new DeviceHarness();
            string input = "AT#REC3ADD\r";
            string kept = "";
            for (int i = 1; i <= 11; i++)
            {
                input += "user" + i + "@d.com\r\n";
                if (i <= 10)
                {
                    kept += (i > 1 ? "," : "") + "user" + i + "@d.com";
                }
            }

            Assert.Equal(Ok, device.Send(input + "\x1a"));
            Assert.Equal(Block("#REC3: \"" + kept + "\""), device.Send("AT#REC3?\r"));
            Assert.Equal(Block("REC3=" + kept, "CCREC3=", "SUBJ3="), device.Send("AT#VMAIL3\r"));
        }

        [Fact]
        public void RecAdd_TenAddressesOfMaxLength_SurviveAReset()
        {
            var device = new DeviceHarness();
            string input = "AT#CCREC2ADD\r";
            string kept = "";
            for (int i = 0; i < 10; i++)
            {
                string address = i + new string('m', 113) + "@d.com";
                input += address + "\r\n";
                kept += (i > 0 ? "," : "") + address;
            }

            Assert.Equal(Ok, device.Send(input + "\x1a"));
            Assert.Equal(Block("#CCREC2: \"" + kept + "\""), device.Reset().Send("AT#CCREC2?\r"));
        }

        [Fact]
        public void RecAdd_AddressLongerThan120_IsRefusedAndTheListKept()
        {
            var device = new DeviceHarness();
            device.Send("AT#REC2=\"keep@x.y\"\r");
            Assert.Equal(Error(ErrorCodes.CommandTooLong), device.Send("AT#REC2ADD\r" + new string('a', 121) + "\r\n\x1a"));
            Assert.Equal(Block("#REC2: \"keep@x.y\""), device.Send("AT#REC2?\r"));
        }

        [Fact]
        public void RecAdd_AddressWithASpace_Is34882()
        {
            var device = new DeviceHarness();
            Assert.Equal(Error(ErrorCodes.BadArgumentValue), device.Send("AT#REC1ADD\ra b@c.d\r\n\x1a"));
        }

        [Fact]
        public void RecAdd_Empty_ClearsTheList()
        {
            var device = new DeviceHarness();
            device.Send("AT#REC1=\"x@y.z\"\r");
            Assert.Equal(Ok, device.Send("AT#REC1ADD\r\x1a"));
            Assert.Equal(Block("#REC1: \"\""), device.Send("AT#REC1?\r"));
        }

        [Fact]
        public void RecAdd_WithArguments_IsASyntaxError()
        {
            Assert.Equal(Error(ErrorCodes.SyntaxError), new DeviceHarness().Send("AT#REC1ADD=\"a@b\"\r"));
        }
    }
}
