using EdSoftNano.Ports;

namespace EdSoftNano.Simulation
{
    /// <summary>A clock that moves only when a test says so.</summary>
    public sealed class VirtualClock : IClock
    {
        public long NowMs { get; private set; }

        public VirtualClock(long startMs = 0) => NowMs = startMs;

        public void Advance(long ms) => NowMs += ms;

        public void AdvanceTo(long ms)
        {
            if (ms > NowMs)
            {
                NowMs = ms;
            }
        }
    }
}
