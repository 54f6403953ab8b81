using System;
using EdSoftNano.App;

namespace EdSoftNano.Device.Tests.Support
{
    /// <summary>
    /// The real <see cref="Firmware"/> (real session, no bearer) on virtual time between a RAM
    /// host link and a modem that answers OK, over RAM flash. <see cref="Send"/> types on the
    /// host UART and returns exactly what the host received.
    /// </summary>
    public sealed class FirmwareRig
    {
        public FirmwareRig(MemoryFlash flash)
        {
            Flash = flash;
            Host = new MemoryHostLink();
            Modem = new OkModemLink();
            Clock = new ManualClock();
            Firmware = new Firmware(Host, Modem, Flash, Clock, null, null);
            Firmware.Start();
            RunUntilIdle();
            Firmware.Interpreter.Echo = false;
            Host.TakeOutput();
        }

        public FirmwareRig()
            : this(new MemoryFlash(2, Budget.FlashBank))
        {
        }

        public MemoryFlash Flash { get; }

        public MemoryHostLink Host { get; }

        public OkModemLink Modem { get; }

        public ManualClock Clock { get; }

        public Firmware Firmware { get; }

        /// <summary>Types <paramref name="input"/> and returns the bytes the host received.</summary>
        public string Send(string input)
        {
            Host.Send(input);
            RunUntilIdle();
            return Host.TakeOutput();
        }

        /// <summary>A new firmware over the same flash: a reset of the board.</summary>
        public FirmwareRig Reset() => new FirmwareRig(Flash);

        /// <summary>Steps (1 ms of virtual time each) until nothing is pending for three steps in a row.</summary>
        public void RunUntilIdle()
        {
            int quiet = 0;
            for (int i = 0; i < 20000; i++)
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
    }
}
