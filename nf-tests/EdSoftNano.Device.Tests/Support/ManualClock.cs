using EdSoftNano.Ports;

namespace EdSoftNano.Device.Tests.Support
{
    /// <summary>Virtual time: moves only when the test says so.</summary>
    public sealed class ManualClock : IClock
    {
        private long _now;

        /// <inheritdoc/>
        public long NowMs => _now;

        public void Advance(long ms)
        {
            _now += ms;
        }
    }
}
