using System.Threading;
using EdSoftNano.App;
using EdSoftNano.Device.Boards;
using EdSoftNano.Device.Ports;

namespace EdSoftNano.Device.App
{
    /// <summary>Opens the board's parameter store: two bank files of <see cref="Budget.FlashBank"/> bytes.</summary>
    public static class FlashStore
    {
        /// <summary>Banks of the core's A/B image.</summary>
        public const int Banks = 2;

        private const int RetryMs = 250;

        /// <summary>
        /// The store in <see cref="BoardDefinition.FlashFolder"/>, waiting up to
        /// <see cref="BoardDefinition.FlashWaitMs"/> for its drive (an SD card mounts a moment
        /// after boot). Null when the drive is not there: the firmware then runs with the
        /// defaults, and AT# settings last until the next reset.
        /// </summary>
        public static FileBankFlash Open(BoardDefinition board)
        {
            FileBankFlash flash = new FileBankFlash(board.FlashFolder, Banks, Budget.FlashBank);
            int waited = 0;
            while (!flash.EnsureFolder())
            {
                if (waited >= board.FlashWaitMs)
                {
                    Log.Info(string.Concat("no drive for ", board.FlashFolder, ": parameters will not survive a reset"));
                    return null;
                }

                Thread.Sleep(RetryMs);
                waited += RetryMs;
            }

            return flash;
        }
    }
}
