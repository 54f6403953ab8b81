using System;
using EdSoftNano.Ports;

namespace EdSoftNano.Device.Ports
{
    /// <summary>
    /// <see cref="IClock"/> over <see cref="Environment.TickCount64"/> (nanoFramework.Runtime.Native):
    /// milliseconds since boot, monotonic. No Timer is needed behind it: the core is polled
    /// (Firmware.Step every few ms, each component told the time and asked when it next needs to
    /// run), so nothing in it waits for a callback.
    /// </summary>
    public sealed class TickClock : IClock
    {
        /// <inheritdoc/>
        public long NowMs => Environment.TickCount64;
    }
}
