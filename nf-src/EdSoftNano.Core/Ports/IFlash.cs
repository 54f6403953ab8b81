namespace EdSoftNano.Ports
{
    /// <summary>
    /// A small store of equally sized banks that hold the parameter image. A write replaces a
    /// whole bank; a power cut during a write may leave that bank with any prefix of the new
    /// bytes, but never touches the other banks.
    /// </summary>
    public interface IFlash
    {
        /// <summary>Number of banks (the parameter store needs two).</summary>
        int BankCount { get; }

        /// <summary>Size of one bank in bytes.</summary>
        int BankSize { get; }

        /// <summary>
        /// Reads bank <paramref name="bank"/> into <paramref name="buffer"/>; returns the number of
        /// bytes it holds (0 for an erased or missing bank, -1 when it cannot be read).
        /// </summary>
        int ReadBank(int bank, byte[] buffer, int offset);

        /// <summary>Replaces the contents of bank <paramref name="bank"/>. Returns false when the write failed.</summary>
        bool WriteBank(int bank, byte[] buffer, int offset, int count);

        /// <summary>Erases bank <paramref name="bank"/>. Returns false when the erase failed.</summary>
        bool EraseBank(int bank);
    }
}
