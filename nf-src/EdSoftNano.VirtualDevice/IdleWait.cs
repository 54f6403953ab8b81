using System.Diagnostics;
using System.Threading;
using EdSoftNano.App;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>
    /// What the main loop does between steps while the firmware is busy (a data session, a
    /// service, a modem command: Step then does not wait on the host). While bytes move it steps
    /// again at once; only after <see cref="SpinMs"/> without progress does it wait, up to 1 ms, and
    /// on the host port where it can, so host input ends the wait at once. An idle loop costs
    /// about one poll per millisecond; a busy one never sleeps.
    /// </summary>
    internal sealed class IdleWait
    {
        /// <summary>How long the loop keeps stepping without progress before it waits.</summary>
        public const int SpinMs = 2;

        private readonly Firmware _firmware;
        private readonly TcpHostLink _tcpLink;
        private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
        private long _lastMoved = -1;

        public IdleWait(Firmware firmware, TcpHostLink tcpLink)
        {
            _firmware = firmware;
            _tcpLink = tcpLink;
        }

        public void AfterStep()
        {
            if (!_firmware.Interpreter.Busy)
            {
                // Step waited on the host itself.
                return;
            }

            long moved = Moved();
            if (moved != _lastMoved || _firmware.InputPending)
            {
                _lastMoved = moved;
                _sinceProgress.Restart();
                return;
            }

            if (_sinceProgress.ElapsedMilliseconds < SpinMs)
            {
                Thread.Yield();
                return;
            }

            if (_tcpLink != null)
            {
                _tcpLink.WaitReadable(1);
            }
            else
            {
                Thread.Sleep(1);
            }
        }

        // Bytes through the host port and the data pump: any change is progress.
        private long Moved()
        {
            long moved = _tcpLink?.BytesMoved ?? 0;
            var pump = _firmware.Services?.DataMode.Pump;
            if (pump != null)
            {
                moved += pump.BytesToHost + pump.BytesToNetwork;
            }

            return moved;
        }
    }
}
