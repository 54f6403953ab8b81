using EdSoftNano.At;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.At
{
    /// <summary>Plain AT lines go to the modem and its answer comes back unchanged (spec A.3, A.4).</summary>
    public class ModemPassthroughTests
    {
        [Fact]
        public void Start_TurnsTheModemEchoOff()
        {
            var device = new DeviceHarness();
            Assert.Equal("ATE0", device.Modem.Received[0]);
        }

        [Fact]
        public void PlainCommand_AnswerIsRelayedUnchanged()
        {
            var device = new DeviceHarness();
            // The driver keeps +CREG URCs on (mode 1) for itself, so the query shows mode 1.
            Assert.Equal("\r\n+CREG: 1,1\r\n\r\nOK\r\n", device.Send("AT+CREG?\r"));
            Assert.Equal("AT+CREG?", device.Modem.Received[^1]);
        }

        [Fact]
        public void AppendixA3_GsmRegistration()
        {
            var device = new DeviceHarness(modem: new SimulatedModem { SimPin = "1234" });
            Assert.Equal(Ok, device.Send("AT+CPIN=1234\r"));
            Assert.Equal(Ok + "\r\n+CREG: 1\r\n", device.Send("AT+CREG=1\r"));
        }

        [Fact]
        public void AppendixA4_GprsRegistrationAndAttach()
        {
            var device = new DeviceHarness();
            Assert.Equal(Ok + "\r\n+CGREG: 0\r\n", device.Send("AT+CGREG=1\r"));
            Assert.Equal(Ok + "\r\n+CGREG: 2\r\n\r\n+CGREG: 1\r\n", device.Send("AT+CGATT=1\r"));
        }

        [Fact]
        public void PlainCommand_WithHostEcho_EchoesOnce()
        {
            var device = new DeviceHarness(echo: true);
            Assert.Equal("AT\r" + Ok, device.Send("AT\r"));
        }

        [Fact]
        public void PlainCommand_ModemError_IsRelayed()
        {
            Assert.Equal("\r\nERROR\r\n", new DeviceHarness().Send("AT+XYZ\r"));
        }

        [Fact]
        public void PlainCommand_WhileTheModemAnswers_TheNextLineWaits()
        {
            var modem = new SilentModem();
            var host = new ScriptedHostLink();
            var clock = new VirtualClock();
            var firmware = new App.Firmware(host, modem, new RamFlash(2, App.Budget.FlashBank), clock, null, null);
            firmware.Interpreter.Echo = false;
            host.Send("AT+CSQ\rAT#VSTATE\r");
            firmware.Step(0);
            Assert.True(firmware.Interpreter.Busy);
            Assert.Equal("", host.TakeOutput());
            modem.Reply("\r\n+CSQ: 9,0\r\n\r\nOK\r\n");
            firmware.Step(0);
            firmware.Step(0);
            Assert.Equal("\r\n+CSQ: 9,0\r\n\r\nOK\r\n" + Block("#STATE: \"IDLE\""), host.TakeOutput());
        }

        [Fact]
        public void PlainCommand_ModemNeverAnswers_ErrorAfterTheTimeout()
        {
            var modem = new SilentModem();
            var host = new ScriptedHostLink();
            var clock = new VirtualClock();
            var firmware = new App.Firmware(host, modem, null, clock, null, null);
            firmware.Interpreter.Echo = false;
            host.Send("AT+CSQ\r");
            firmware.Step(0);
            clock.Advance(EdSoftNano.Modem.ModemTimeouts.HostCommand - 1);
            firmware.Step(0);
            Assert.Equal("", host.TakeOutput());
            clock.Advance(1);
            firmware.Step(0);
            Assert.Equal("\r\nERROR\r\n", host.TakeOutput());
            Assert.False(firmware.Interpreter.Busy);
        }

        [Fact]
        public void FinalResult_MatchesWholeLinesOnly()
        {
            var modem = new SilentModem();
            var host = new ScriptedHostLink();
            var firmware = new App.Firmware(host, modem, null, new VirtualClock(), null, null);
            host.Send("AT+COPS=?\r");
            firmware.Step(0);
            modem.Reply("\r\n+COPS: (2,\"OK NET\",\"OK\",\"20801\")\r\n");
            firmware.Step(0);
            Assert.True(firmware.Interpreter.Busy);
            modem.Reply("\r\nOK\r\n");
            firmware.Step(0);
            Assert.False(firmware.Interpreter.Busy);
        }

        [Fact]
        public void Urc_WhileIdle_IsRelayedToTheHost()
        {
            var modem = new SilentModem();
            var host = new ScriptedHostLink();
            var firmware = new App.Firmware(host, modem, null, new VirtualClock(), null, null);
            modem.Reply("\r\nRING\r\n");
            firmware.Step(0);
            Assert.Equal("\r\nRING\r\n", host.TakeOutput());
        }

        /// <summary>A modem that says only what the test makes it say.</summary>
        private sealed class SilentModem : Ports.IByteLink
        {
            private readonly System.Collections.Generic.Queue<byte> _out = new System.Collections.Generic.Queue<byte>();

            public void Reply(string text)
            {
                foreach (char c in text)
                {
                    _out.Enqueue((byte)c);
                }
            }

            public int Read(byte[] buffer, int offset, int count, int timeoutMs)
            {
                int n = 0;
                while (n < count && _out.Count > 0)
                {
                    buffer[offset + n++] = _out.Dequeue();
                }

                return n;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
            }
        }
    }
}
