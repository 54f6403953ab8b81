using System.Diagnostics;
using EdSoftNano.Ports;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>Monotonic milliseconds from the OS (the board uses Environment.TickCount64).</summary>
    public sealed class SystemClock : IClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public long NowMs => _watch.ElapsedMilliseconds;
    }
}
