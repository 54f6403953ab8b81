namespace EdSoftNano.Session
{
    /// <summary>The states #VSTATE shows (spec 8.2).</summary>
    public enum SessionState
    {
        Idle,
        Checking,
        Dialing,
        Authenticating,
        Connected,
        Disconnecting,
    }
}
