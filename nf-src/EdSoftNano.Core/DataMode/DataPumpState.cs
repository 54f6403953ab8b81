namespace EdSoftNano.DataMode
{
    /// <summary>Where a <see cref="DataPump"/> is; every state but Running is an end state.</summary>
    public enum DataPumpState
    {
        /// <summary>Not started, or stopped.</summary>
        Idle,

        /// <summary>Moving bytes both ways.</summary>
        Running,

        /// <summary>The host ended the data (bare ETX) and every byte before it was handed to the connection.</summary>
        HostEnded,

        /// <summary>The peer closed and every byte it sent was written to the host.</summary>
        RemoteClosed,

        /// <summary>The connection failed; <see cref="DataPump.Error"/> holds the spec 9.2 code.</summary>
        Failed,
    }
}
