namespace EdSoftNano.Modem
{
    /// <summary>Where the modem's lines for the host go (the AT layer frames them).</summary>
    public interface IHostRelay
    {
        /// <summary>A line of the modem the host should see, as a result line.</summary>
        void RelayLine(string line);

        /// <summary>
        /// A piece of a modem line too long for the driver's line buffer, passed through unchanged:
        /// <paramref name="first"/> opens the line, <paramref name="last"/> ends it (framed as RelayLine).
        /// </summary>
        void RelayLinePart(byte[] buffer, int offset, int count, bool first, bool last);

        /// <summary>The host's command got no final result in time, or cannot be sent now.</summary>
        void RelayFailure();
    }
}
