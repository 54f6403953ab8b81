using System;
using EdSoftNano.App;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Support;

namespace EdSoftNano.Tests.Modem
{
    /// <summary>
    /// The whole firmware on virtual time with a scripted host port and a <see cref="ScriptedModemLink"/>:
    /// the test says byte for byte what the modem sends and reads byte for byte what the host gets.
    /// </summary>
    public sealed class ModemRig
    {
        /// <param name="startModem">Configures the modem before the start-up script runs (e.g. silence it).</param>
        public ModemRig(Action<ScriptedModemLink> startModem = null, FakeBearer bearer = null, bool runStartup = true)
        {
            Clock = new VirtualClock();
            Modem = new ScriptedModemLink(Clock);
            Host = new ScriptedHostLink();
            Bearer = bearer;
            startModem?.Invoke(Modem);
            Firmware = new Firmware(Host, Modem, new RamFlash(2, Budget.FlashBank), Clock, bearer, null);
            Firmware.Interpreter.Echo = false;
            Firmware.Start();
            if (runStartup)
            {
                RunUntilIdle();
                Host.TakeOutput();
            }
        }

        public VirtualClock Clock { get; }

        public ScriptedModemLink Modem { get; }

        public ScriptedHostLink Host { get; }

        public FakeBearer Bearer { get; }

        public Firmware Firmware { get; }

        /// <summary>Types <paramref name="input"/> on the host UART, runs until idle, returns what the host got.</summary>
        public string Send(string input, int stepMs = 1)
        {
            Host.Send(input);
            RunUntilIdle(stepMs: stepMs);
            return Host.TakeOutput();
        }

        /// <summary>
        /// Steps 1 ms at a time until the host input is taken and neither the interpreter, the modem
        /// channel nor the session has anything running for a few steps (bounded: a hang fails the test).
        /// </summary>
        public void RunUntilIdle(long maxMs = 400000, int stepMs = 1)
        {
            int quiet = 0;
            for (long i = 0; i < maxMs; i += stepMs)
            {
                Firmware.Step(0);
                bool idle = Host.Pending == 0 && !Firmware.InputPending && !Firmware.Interpreter.Busy
                    && !Firmware.Modem.Busy && Firmware.Actions.Settled;
                quiet = idle ? quiet + 1 : 0;
                if (quiet >= 3)
                {
                    return;
                }

                Clock.Advance(stepMs);
            }

            throw new InvalidOperationException("the firmware did not become idle: a hang");
        }

        /// <summary>Lets <paramref name="ms"/> of virtual time pass, then returns what the host got.</summary>
        public string Wait(long ms, int stepMs = 10)
        {
            long end = Clock.NowMs + ms;
            while (Clock.NowMs < end)
            {
                Firmware.Step(0);
                Clock.Advance(Math.Min(stepMs, end - Clock.NowMs));
            }

            Firmware.Step(0);
            return Host.TakeOutput();
        }

        /// <summary>Types <paramref name="input"/> and steps only until the firmware has taken it.</summary>
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

        /// <summary>The last command line the driver wrote to the modem.</summary>
        public string LastCommand => Modem.Commands.Count == 0 ? null : Modem.Commands[Modem.Commands.Count - 1];
    }
}
