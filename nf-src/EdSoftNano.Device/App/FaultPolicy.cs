namespace EdSoftNano.Device.App
{
    /// <summary>
    /// What the main loop does after a fault: count it, back off (50 ms doubling up to 5 s while
    /// faults follow each other), and after <see cref="RebuildAfter"/> faults in a row build a
    /// fresh firmware over the same ports and flash. It never reboots the board, so a fault that
    /// repeats cannot turn into a reset loop.
    /// </summary>
    public sealed class FaultPolicy
    {
        public const int FirstBackoffMs = 50;

        public const int MaxBackoffMs = 5000;

        /// <summary>Consecutive faults after which the firmware object is rebuilt (and again after each further run of as many).</summary>
        public const int RebuildAfter = 8;

        /// <summary>Every fault since start-up.</summary>
        public int TotalFaults { get; private set; }

        /// <summary>Faults since the last good step.</summary>
        public int ConsecutiveFaults { get; private set; }

        /// <summary>Records a fault; returns how long to back off before the next try, in ms.</summary>
        public int OnFault()
        {
            TotalFaults++;
            ConsecutiveFaults++;
            return BackoffMs(ConsecutiveFaults);
        }

        /// <summary>Records a good step: the next fault starts at the first back-off again.</summary>
        public void OnSuccess()
        {
            ConsecutiveFaults = 0;
        }

        /// <summary>True right after a run of <see cref="RebuildAfter"/> consecutive faults.</summary>
        public bool ShouldRebuild => ConsecutiveFaults > 0 && ConsecutiveFaults % RebuildAfter == 0;

        /// <summary>Back-off after the <paramref name="consecutive"/>-th fault in a row: 50, 100, 200 … 5000 ms.</summary>
        public static int BackoffMs(int consecutive)
        {
            int delay = FirstBackoffMs;
            for (int i = 1; i < consecutive && delay < MaxBackoffMs; i++)
            {
                delay *= 2;
            }

            return delay < MaxBackoffMs ? delay : MaxBackoffMs;
        }
    }
}
