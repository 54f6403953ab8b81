using System;
using System.Diagnostics;
using System.Threading;

namespace EdSoftNano.Tests.Net
{
    /// <summary>
    /// Waiting on real sockets: the stack under test never blocks, so a test polls it until the
    /// kernel has moved the bytes, bounded by wall-clock time (virtual time stays the test's own).
    /// </summary>
    public static class RealTime
    {
        public const int DefaultTimeoutMs = 5000;

        /// <summary>Polls <paramref name="condition"/> until true; throws when it is not within the timeout.</summary>
        public static void Until(Func<bool> condition, string what, int timeoutMs = DefaultTimeoutMs)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                if (clock.ElapsedMilliseconds > timeoutMs)
                {
                    throw new TimeoutException("not within " + timeoutMs + " ms: " + what);
                }

                Thread.Sleep(1);
            }
        }

        /// <summary>Polls <paramref name="read"/> until it returns non-zero, and returns that.</summary>
        public static int First(Func<int> read, string what, int timeoutMs = DefaultTimeoutMs)
        {
            int n = 0;
            Until(() => (n = read()) != 0, what, timeoutMs);
            return n;
        }
    }
}
