using EdSoftNano.At;

namespace EdSoftNano.Services
{
    /// <summary>
    /// One protocol client (TCP, UDP, PING, SMTP, POP3, FTP) as the <see cref="ServiceHub"/> runs
    /// it: the action-handler calls for the commands it <see cref="Owns"/>, plus the loss of the
    /// network under it.
    /// </summary>
    public interface IService : IActionHandler
    {
        /// <summary>True for the commands this service answers (#OTCP, #LTCPSTART, #LTCPSTOP for TCP …).</summary>
        bool Owns(ActionCommand command);

        /// <summary>True while it holds IP resources: a socket open or listening, a query out, a command running.</summary>
        bool Active { get; }

        /// <summary>
        /// True when it may start <paramref name="command"/> although <paramref name="other"/> is running:
        /// only the TCP sockets 1 and 2 share the IP resources (spec 5).
        /// </summary>
        bool MayRunBeside(ActionCommand command, IService other);

        /// <summary>The session went down under a running service: close its sockets and end with <paramref name="code"/>.</summary>
        void OnNetworkLost(int code, long nowMs);
    }
}
