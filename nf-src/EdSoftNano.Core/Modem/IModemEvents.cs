namespace EdSoftNano.Modem
{
    /// <summary>What the modem reports on its own, as the session needs it.</summary>
    public interface IModemEvents
    {
        /// <summary>A ring of an incoming call; <paramref name="isData"/> false for a voice call (+CRING: VOICE).</summary>
        void OnRing(bool isData, long nowMs);

        /// <summary>The caller's number of the current incoming call ("" when the network gave none).</summary>
        void OnCallerId(string number, long nowMs);

        /// <summary>+CREG (gprs false) or +CGREG (gprs true) status: 1 home, 5 roaming, others not registered.</summary>
        void OnRegistration(bool gprs, int status, long nowMs);

        /// <summary>The data call ended without being asked to (NO CARRIER while online).</summary>
        void OnCarrierLost(long nowMs);

        /// <summary>The SIM went away.</summary>
        void OnSimRemoved(long nowMs);
    }
}
