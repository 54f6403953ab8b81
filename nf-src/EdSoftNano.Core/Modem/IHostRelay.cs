namespace EdSoftNano.Modem
{
    /// <summary>Where the modem's lines for the host go (the AT layer frames them).</summary>
    public interface IHostRelay
    {
        /// <summary>A line of the modem the host should see, as a result line.</summary>
        void RelayLine(string line);

        /// <summary>The host's command got no final result in time, or cannot be sent now.</summary>
        void RelayFailure();
    }
}
