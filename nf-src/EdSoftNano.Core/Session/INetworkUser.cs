namespace EdSoftNano.Session
{
    /// <summary>
    /// What runs over the session's network (the services): told first when the network goes, so a
    /// host in data mode gets its ETX before any error, and one error rather than two.
    /// </summary>
    public interface INetworkUser
    {
        /// <summary>
        /// Ends everything that used the network with <paramref name="code"/>; true when something was
        /// running and has reported it to the host (ETX, then the error), false when nothing ran.
        /// </summary>
        bool OnNetworkLost(int code, long nowMs);
    }
}
