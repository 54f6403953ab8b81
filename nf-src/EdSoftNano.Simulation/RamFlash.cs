using System;
using System.Collections.Generic;
using EdSoftNano.Ports;

namespace EdSoftNano.Simulation
{
    /// <summary>
    /// <see cref="IFlash"/> in RAM, with fault injection for the store's tests: failing writes
    /// and power cuts after a given number of bytes of a write. An erased byte reads 0xFF, as on
    /// NOR flash.
    /// </summary>
    public sealed class RamFlash : IFlash
    {
        private readonly byte[][] _banks;
        private readonly int[] _lengths;
        private readonly List<int> _erasedBanks = new List<int>();

        /// <summary>Creates <paramref name="bankCount"/> erased banks of <paramref name="bankSize"/> bytes.</summary>
        public RamFlash(int bankCount, int bankSize)
        {
            if (bankCount < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(bankCount));
            }

            if (bankSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(bankSize));
            }

            BankSize = bankSize;
            _banks = new byte[bankCount][];
            _lengths = new int[bankCount];
            for (int i = 0; i < bankCount; i++)
            {
                _banks[i] = new byte[bankSize];
                Array.Fill(_banks[i], (byte)0xFF);
            }
        }

        /// <inheritdoc/>
        public int BankCount => _banks.Length;

        /// <inheritdoc/>
        public int BankSize { get; }

        /// <summary>Calls of <see cref="WriteBank"/>, whatever their outcome.</summary>
        public int WriteCount { get; private set; }

        /// <summary>Calls of <see cref="EraseBank"/>, whatever their outcome.</summary>
        public int EraseCount { get; private set; }

        /// <summary>Banks passed to <see cref="EraseBank"/>, in call order.</summary>
        public IReadOnlyList<int> ErasedBanks => _erasedBanks;

        /// <summary>Power cuts that have happened (see <see cref="CutAfterBytes"/>).</summary>
        public int CutCount { get; private set; }

        /// <summary>The next this many writes return false and leave their bank untouched.</summary>
        public int FailNextWrites { get; set; }

        /// <summary>The next this many erases return false and leave their bank untouched.</summary>
        public int FailNextErases { get; set; }

        /// <summary>
        /// -1: off. Otherwise the next <see cref="WriteBank"/> stores only this many leading bytes
        /// of the new content, then loses power: it returns false, the bank reads back all
        /// <see cref="BankSize"/> raw bytes, and the setting returns to -1.
        /// </summary>
        public int CutAfterBytes { get; set; } = -1;

        /// <summary>
        /// How a cut write leaves the rest of its bank. False (the default): as real flash, the
        /// bank was erased before programming, so the bytes after the cut read 0xFF. True: a torn
        /// write over old data, the bytes after the cut keep their previous values.
        /// </summary>
        public bool CutKeepsOldBytes { get; set; }

        /// <inheritdoc/>
        public int ReadBank(int bank, byte[] buffer, int offset)
        {
            if (!IsBank(bank))
            {
                return -1;
            }

            int length = _lengths[bank];
            if (buffer == null || offset < 0 || length > buffer.Length - offset)
            {
                return -1;
            }

            Array.Copy(_banks[bank], 0, buffer, offset, length);
            return length;
        }

        /// <inheritdoc/>
        public bool WriteBank(int bank, byte[] buffer, int offset, int count)
        {
            WriteCount++;
            if (!IsBank(bank) || buffer == null || offset < 0 || count < 0 || count > buffer.Length - offset || count > BankSize)
            {
                return false;
            }

            if (FailNextWrites > 0)
            {
                FailNextWrites--;
                return false;
            }

            byte[] target = _banks[bank];
            if (CutAfterBytes >= 0)
            {
                int written = Math.Min(CutAfterBytes, count);
                CutAfterBytes = -1;
                CutCount++;
                if (!CutKeepsOldBytes)
                {
                    Array.Fill(target, (byte)0xFF);
                }

                Array.Copy(buffer, offset, target, 0, written);

                // Raw flash knows no length: everything in the bank may be image now.
                _lengths[bank] = BankSize;
                return false;
            }

            Array.Fill(target, (byte)0xFF);
            Array.Copy(buffer, offset, target, 0, count);
            _lengths[bank] = count;
            return true;
        }

        /// <inheritdoc/>
        public bool EraseBank(int bank)
        {
            EraseCount++;
            _erasedBanks.Add(bank);
            if (!IsBank(bank))
            {
                return false;
            }

            if (FailNextErases > 0)
            {
                FailNextErases--;
                return false;
            }

            Array.Fill(_banks[bank], (byte)0xFF);
            _lengths[bank] = 0;
            return true;
        }

        /// <summary>A copy of the raw bytes of <paramref name="bank"/> (all <see cref="BankSize"/> of them).</summary>
        public byte[] Snapshot(int bank) => (byte[])_banks[bank].Clone();

        /// <summary>
        /// Sets the raw content of <paramref name="bank"/> and the length ReadBank reports, for
        /// tests that corrupt a bank or restore a snapshot.
        /// </summary>
        public void Poke(int bank, byte[] content, int reportedLength)
        {
            if (content.Length != BankSize || reportedLength < 0 || reportedLength > BankSize)
            {
                throw new ArgumentException("Content must be one bank; the length must lie within it.");
            }

            Array.Copy(content, _banks[bank], BankSize);
            _lengths[bank] = reportedLength;
        }

        /// <summary>Length ReadBank reports for <paramref name="bank"/>.</summary>
        public int ReportedLength(int bank) => _lengths[bank];

        /// <summary>A deep copy: same contents, lengths and settings, counters at zero.</summary>
        public RamFlash Clone()
        {
            var copy = new RamFlash(BankCount, BankSize)
            {
                FailNextWrites = FailNextWrites,
                FailNextErases = FailNextErases,
                CutAfterBytes = CutAfterBytes,
                CutKeepsOldBytes = CutKeepsOldBytes,
            };
            for (int i = 0; i < BankCount; i++)
            {
                Array.Copy(_banks[i], copy._banks[i], BankSize);
                copy._lengths[i] = _lengths[i];
            }

            return copy;
        }

        private bool IsBank(int bank) => bank >= 0 && bank < _banks.Length;
    }
}
