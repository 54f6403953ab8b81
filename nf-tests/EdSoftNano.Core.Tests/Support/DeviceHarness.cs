using System;
using EdSoftNano.App;
using EdSoftNano.At;
using EdSoftNano.Session;
using EdSoftNano.Simulation;

namespace EdSoftNano.Tests.Support
{
    /// <summary>
    /// The firmware on virtual time with a scripted host port, the simulated modem and RAM flash.
    /// <see cref="Send"/> types bytes on the host UART and returns exactly what came back.
    /// </summary>
    public sealed class DeviceHarness
    {
        public DeviceHarness(RamFlash flash = null, IActionHandler actions = null, SimulatedModem modem = null, bool echo = false, IBearer bearer = null)
        {
            Flash = flash ?? new RamFlash(2, Budget.FlashBank);
            Modem = modem ?? new SimulatedModem();
            Host = new ScriptedHostLink();
            Clock = new VirtualClock();
            // The modem keeps the same time as the firmware, so +++ guard times are real on both sides.
            Modem.Clock ??= Clock;
            Bearer = bearer;
            Firmware = new Firmware(Host, Modem, Flash, Clock, bearer, actions);
            Firmware.Start();
            RunUntilIdle();
            if (!echo)
            {
                Firmware.Interpreter.Echo = false;
            }

            Host.TakeOutput();
        }

        public RamFlash Flash { get; }

        public IBearer Bearer { get; }

        public SimulatedModem Modem { get; }

        public ScriptedHostLink Host { get; }

        public VirtualClock Clock { get; }

        public Firmware Firmware { get; }

        /// <summary>Types <paramref name="input"/> and returns the bytes the host received (Latin-1).</summary>
        public string Send(string input)
        {
            Host.Send(input);
            RunUntilIdle();
            return Host.TakeOutput();
        }

        /// <summary>
        /// Steps until all input is taken, nothing runs and no command is out to the modem for a few
        /// steps in a row (bounded, on virtual time: 1 ms per step).
        /// </summary>
        public void RunUntilIdle(int maxSteps = 100000)
        {
            int quiet = 0;
            for (int i = 0; i < maxSteps; i++)
            {
                Firmware.Step(0);
                bool idle = Host.Pending == 0 && !Firmware.InputPending && !Firmware.Interpreter.Busy && !Firmware.Modem.Busy;
                quiet = idle ? quiet + 1 : 0;
                if (quiet >= 3)
                {
                    return;
                }

                Clock.Advance(1);
            }

            throw new InvalidOperationException("the firmware did not become idle");
        }

        /// <summary>Types <paramref name="input"/> and steps only until the firmware has taken it (no waiting for the modem).</summary>
        public string Type(string input)
        {
            Host.Send(input);
            for (int i = 0; i < 1000 && (Host.Pending > 0 || Firmware.InputPending); i++)
            {
                Firmware.Step(0);
            }

            Firmware.Step(0);
            return Host.TakeOutput();
        }

        /// <summary>Lets <paramref name="ms"/> of virtual time pass in steps, then returns what the host received.</summary>
        public string Wait(long ms, int stepMs = 10)
        {
            long end = Clock.NowMs + ms;
            while (Clock.NowMs < end)
            {
                Firmware.Step(0);
                Clock.Advance(System.Math.Min(stepMs, end - Clock.NowMs));
            }

            Firmware.Step(0);
            return Host.TakeOutput();
        }

        /// <summary>
        /// Types <paramref name="input"/> and lets virtual time pass, 1 ms per step, until the host
        /// output ends with one of <paramref name="endings"/> or <paramref name="maxMs"/> have passed
        /// (a negotiation that runs over the simulated call, not just over the modem's commands).
        /// </summary>
        public string SendUntil(string input, long maxMs, params string[] endings)
        {
            Host.Send(input);
            var output = new System.Text.StringBuilder();
            long end = Clock.NowMs + maxMs;
            while (Clock.NowMs < end)
            {
                Firmware.Step(0);
                output.Append(Host.TakeOutput());
                string text = output.ToString();
                foreach (string ending in endings)
                {
                    if (text.EndsWith(ending, StringComparison.Ordinal))
                    {
                        RunUntilIdle();
                        return text + Host.TakeOutput();
                    }
                }

                Clock.Advance(1);
            }

            return output.ToString();
        }

        /// <summary>A new firmware over the same flash: a reset of the board.</summary>
        public DeviceHarness Reset() => new DeviceHarness(Flash, bearer: Bearer);

        public static string Ok => "\r\nOK\r\n";

        public static string Error(int code) => "\r\n#CME ERROR: " + code + "\r\n";

        /// <summary>An information block of one or more lines followed by OK.</summary>
        public static string Block(params string[] lines) => "\r\n" + string.Join("\r\n", lines) + "\r\n" + Ok;
    }
}
