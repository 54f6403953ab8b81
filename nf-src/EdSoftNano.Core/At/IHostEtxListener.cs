namespace EdSoftNano.At
{
    /// <summary>
    /// Takes an ETX the host sends between command lines. A TCP listener waits in the background
    /// while the host is in command mode, and the spec lets the host abort it with ETX before a peer
    /// connects (5.3); an action handler that has no such wait does not implement this.
    /// </summary>
    public interface IHostEtxListener
    {
        /// <summary>Returns true when the ETX aborted something (which then wrote its own result).</summary>
        bool OnHostEtx(long nowMs);
    }
}
