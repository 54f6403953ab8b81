namespace EdSoftNano.Ports
{
    /// <summary>
    /// Monotonic milliseconds. Every timeout of the firmware is measured against this clock, so
    /// tests drive it by hand (virtual time) and never sleep.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary origin; never goes backwards.</summary>
        long NowMs { get; }
    }
}
