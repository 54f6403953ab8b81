namespace EdSoftNano.DataMode
{
    /// <summary>Where a <see cref="DataModeSession"/> is.</summary>
    public enum DataModeState
    {
        /// <summary>Command mode: the interpreter owns the host link.</summary>
        Idle,

        /// <summary>Data mode: host bytes go to the pump.</summary>
        Data,

        /// <summary>Data has ended; the service still has to write its final result.</summary>
        Ending,
    }
}
