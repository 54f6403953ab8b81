using System.Collections.Generic;
using EdSoftNano.At;
using EdSoftNano.Parameters;

namespace EdSoftNano.Tests.Support
{
    /// <summary>An action handler whose running service, state and answers the test sets.</summary>
    public sealed class FakeActions : IActionHandler
    {
        public ServiceTag Running { get; set; } = ServiceTag.None;

        /// <summary>0: every socket of <see cref="Running"/>; 1 or 2: only that one.</summary>
        public int RunningSocket { get; set; }

        public string StateName { get; set; } = "IDLE";

        public int StartResult { get; set; } = ErrorCodes.None;

        public List<string> Started { get; } = new List<string>();

        public bool Busy => false;

        public bool Settled => true;

        public int Start(ActionCommand command, int socketId, long nowMs)
        {
            Started.Add(command + ":" + socketId);
            return StartResult;
        }

        public int Feed(byte[] buffer, int offset, int count, long nowMs) => 0;

        public void Poll(long nowMs)
        {
        }

        public bool IsRunning(ServiceTag service, int socketId)
            => service != ServiceTag.None && service == Running && (RunningSocket == 0 || RunningSocket == socketId);
    }
}
