using EdSoftNano.Parameters;

namespace EdSoftNano.At
{
    /// <summary>
    /// The action handler of a device that has no bearer yet: nothing can connect, so every
    /// command that needs a connection says so with the error of spec 9.2 that is true here.
    /// </summary>
    public sealed class OfflineActions : IActionHandler
    {
        public bool Busy => false;

        public string StateName => "IDLE";

        public int Start(ActionCommand command, int socketId, long nowMs)
        {
            switch (command)
            {
                case ActionCommand.ConnectionStart:
                case ActionCommand.Accept:
                    // No bearer exists to dial or answer with.
                    return ErrorCodes.InternalResourceUnavailable;
                default:
                    // Every other action needs an IP link, and none is active.
                    return ErrorCodes.PhysicalLayerNotActive;
            }
        }

        public int Feed(byte[] buffer, int offset, int count, long nowMs) => 0;

        public void Poll(long nowMs)
        {
        }

        public bool IsRunning(ServiceTag service, int socketId) => false;
    }
}
