using System;
using EdSoftNano.Ports;

namespace EdSoftNano.Device.Tests.Support
{
    /// <summary>
    /// <see cref="IFlash"/> in RAM with a power-cut injector: with <see cref="CutAfterBytes"/> set,
    /// the next write stores only that many leading bytes of the new image and fails, as a bank
    /// file cut short by a power loss does. A bank holds what was last written to it (its length
    /// is the write's length); an erased bank reads as 0 bytes.
    /// </summary>
    public sealed class MemoryFlash : IFlash
    {
        private readonly byte[][] _banks;
        private readonly int[] _lengths;
        private readonly int _bankSize;

        public MemoryFlash(int bankCount, int bankSize)
        {
            _bankSize = bankSize;
            _banks = new byte[bankCount][];
            _lengths = new int[bankCount];
            for (int i = 0; i < bankCount; i++)
            {
                _banks[i] = new byte[bankSize];
            }
        }

        /// <summary>-1: off. Otherwise the next write keeps only this many bytes and returns false (then -1 again).</summary>
        public int CutAfterBytes { get; set; } = -1;

        /// <summary>Calls of <see cref="WriteBank"/>, whatever their outcome.</summary>
        public int WriteCount { get; private set; }

        /// <inheritdoc/>
        public int BankCount => _banks.Length;

        /// <inheritdoc/>
        public int BankSize => _bankSize;

        /// <summary>Length <see cref="ReadBank"/> reports for <paramref name="bank"/>.</summary>
        public int LengthOf(int bank) => _lengths[bank];

        /// <summary>A copy of the bytes <paramref name="bank"/> holds.</summary>
        public byte[] Snapshot(int bank)
        {
            byte[] copy = new byte[_lengths[bank]];
            Array.Copy(_banks[bank], 0, copy, 0, copy.Length);
            return copy;
        }

        /// <inheritdoc/>
        public int ReadBank(int bank, byte[] buffer, int offset)
        {
            if (bank < 0 || bank >= _banks.Length || buffer == null || offset < 0 || _lengths[bank] > buffer.Length - offset)
            {
                return -1;
            }

            Array.Copy(_banks[bank], 0, buffer, offset, _lengths[bank]);
            return _lengths[bank];
        }

        /// <inheritdoc/>
        public bool WriteBank(int bank, byte[] buffer, int offset, int count)
        {
            WriteCount++;
            if (bank < 0 || bank >= _banks.Length || count < 0 || count > _bankSize)
            {
                return false;
            }

            if (CutAfterBytes >= 0)
            {
                int kept = CutAfterBytes < count ? CutAfterBytes : count;
                CutAfterBytes = -1;
                Array.Copy(buffer, offset, _banks[bank], 0, kept);
                _lengths[bank] = kept;
                return false;
            }

            Array.Copy(buffer, offset, _banks[bank], 0, count);
            _lengths[bank] = count;
            return true;
        }

        /// <inheritdoc/>
        public bool EraseBank(int bank)
        {
            if (bank < 0 || bank >= _banks.Length)
            {
                return false;
            }

            _lengths[bank] = 0;
            return true;
        }
    }
}
