using EdSoftNano.Parameters;

namespace EdSoftNano.At
{
    /// <summary>
    /// What the interpreter hands the action commands to: the session (#CONNECTIONSTART …) and
    /// the services (#FTPGET, #OTCP …). While an action is <see cref="Busy"/> it owns the host link
    /// and the interpreter takes no new command.
    /// </summary>
    public interface IActionHandler
    {
        /// <summary>
        /// Starts <paramref name="command"/> (socket id 1 or 2 for the TCP commands, else 0). Returns
        /// <see cref="ErrorCodes.None"/> when it started (it then writes its own responses), or the
        /// error code the interpreter reports at once.
        /// </summary>
        int Start(ActionCommand command, int socketId, long nowMs);

        /// <summary>True while a started action still owns the host link.</summary>
        bool Busy { get; }

        /// <summary>
        /// While <see cref="Busy"/>, the host's bytes go here instead of to the command line (data
        /// mode: FTP, TCP, UDP, PUTMAIL). Returns how many were taken; the rest are offered again.
        /// </summary>
        int Feed(byte[] buffer, int offset, int count, long nowMs);

        /// <summary>
        /// True when nothing a command started is still on its way to its final result (the virtual
        /// device waits for this before it exits at the end of its input).
        /// </summary>
        bool Settled { get; }

        /// <summary>Advances timers and I/O of the running actions.</summary>
        void Poll(long nowMs);

        /// <summary>The #VSTATE text ("IDLE", "DIALING" …), or null for "#NO SERVICE".</summary>
        string StateName { get; }

        /// <summary>True while the service that reads <paramref name="service"/>'s parameters runs (37123).</summary>
        bool IsRunning(ServiceTag service, int socketId);
    }
}
