namespace EdSoftNano.Simulation
{
    /// <summary>
    /// The far end of the simulated modem's data call: what the modem "dials into". Without one the
    /// modem keeps the call's bytes for the test (<see cref="SimulatedModem.DataReceived"/>).
    /// </summary>
    public interface IDataCallPeer
    {
        /// <summary>A data call to the peer begins (a process peer starts a fresh session).</summary>
        void Connected();

        /// <summary>Bytes the firmware sent on the call.</summary>
        void Send(byte[] buffer, int offset, int count);

        /// <summary>Bytes the peer sent, up to <paramref name="count"/>; 0 when none is waiting.</summary>
        int Receive(byte[] buffer, int offset, int count);

        /// <summary>The peer went away by itself (its process exited): the modem reports NO CARRIER.</summary>
        bool Ended { get; }

        /// <summary>The call is hung up (ATH, or the network dropped it).</summary>
        void HangUp();
    }
}
