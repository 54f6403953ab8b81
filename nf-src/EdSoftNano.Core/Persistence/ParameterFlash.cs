using System;
using EdSoftNano.Ports;

namespace EdSoftNano.Persistence
{
    /// <summary>
    /// The parameter store: two alternating flash banks (0 and 1), each holding a
    /// <see cref="ParameterImage"/> with a sequence number. A save writes the bank that is not
    /// current, with the next sequence number; a load takes the valid bank with the newer one.
    /// So a power cut at any byte of a save leaves the previous image untouched in the other
    /// bank, and the torn bank fails its CRC: Load finds either the old or the new set.
    /// Allocates nothing after construction except the strings a Load decodes.
    /// </summary>
    public sealed class ParameterFlash
    {
        /// <summary>
        /// Smallest bank that holds the largest image the parameter table can produce (every slot
        /// at its maximum length, see <see cref="ParameterImage.MaxValueLength"/>). Computed from
        /// the table at start-up, so it cannot be a const.
        /// </summary>
        public static readonly int RequiredBankSize = ParameterImage.MaxImageLength;

        /// <summary>
        /// Bank size to declare in the budget: whole 4 KB flash sectors, at least <see cref="RequiredBankSize"/>.
        /// 8192 does not suffice: the six address lists alone may take 6 x 1300 bytes, and the work
        /// buffer (RAM) must be one bank, so no more than the three sectors needed.
        /// </summary>
        public const int RecommendedBankSize = 12288;

        private const int BankA = 0;
        private const int BankB = 1;

        private readonly IFlash _flash;
        private readonly byte[] _work;

        // Bank holding the newest valid image, -1 when there is none; its sequence number.
        private int _currentBank = -1;
        private uint _sequence;

        // False until the banks have been looked at (by Load, or by the first Save).
        private bool _scanned;

        /// <summary>
        /// Creates the store over <paramref name="flash"/> (at least two banks) with
        /// <paramref name="workBuffer"/>, the caller's preallocated buffer of at least one bank,
        /// used for every read and write. Banks smaller than <see cref="RequiredBankSize"/> are
        /// accepted, but then a set of long values may not fit and its Save returns false.
        /// </summary>
        public ParameterFlash(IFlash flash, byte[] workBuffer)
        {
            if (flash == null)
            {
                throw new ArgumentNullException(nameof(flash));
            }

            if (workBuffer == null)
            {
                throw new ArgumentNullException(nameof(workBuffer));
            }

            if (flash.BankCount < 2)
            {
                throw new ArgumentException("The parameter store needs two flash banks.", nameof(flash));
            }

            if (workBuffer.Length < flash.BankSize)
            {
                throw new ArgumentException("The work buffer is smaller than a flash bank.", nameof(workBuffer));
            }

            _flash = flash;
            _work = workBuffer;
        }

        /// <summary>True when a bank can hold every image the table can produce.</summary>
        public bool HoldsEveryImage => _flash.BankSize >= RequiredBankSize;

        /// <summary>Bank that holds the newest valid image (0 or 1), or -1 when there is none.</summary>
        public int CurrentBank => _currentBank;

        /// <summary>Sequence number of the image in <see cref="CurrentBank"/> (of the last one, after an erase).</summary>
        public uint Sequence => _sequence;

        /// <summary>
        /// True when sequence number <paramref name="a"/> is newer than <paramref name="b"/>,
        /// counting across the wrap from 0xFFFFFFFF to 0.
        /// </summary>
        public static bool IsNewer(uint a, uint b)
        {
            return unchecked((int)(a - b)) > 0;
        }

        /// <summary>
        /// Reads both banks and decodes the newest valid image into <paramref name="values"/>,
        /// which the caller has filled with the defaults (slots the image lacks keep them).
        /// Returns false, leaving <paramref name="values"/> as it was, when no bank holds a
        /// valid image. Start-up path: allocates the decoded strings.
        /// </summary>
        public bool Load(string[] values)
        {
            Scan();
            if (_currentBank < 0)
            {
                return false;
            }

            if (DecodeBank(_currentBank, values))
            {
                return true;
            }

            // The newer bank read back differently the second time: the other one, if sound, is next best.
            int other = _currentBank == BankA ? BankB : BankA;
            uint sequence;
            _currentBank = -1;
            return CheckBank(other, out sequence) && DecodeBank(other, values);
        }

        /// <summary>
        /// Writes <paramref name="values"/> as the next image to the bank that is not current;
        /// that bank becomes current only once the write succeeded. Returns false when the image
        /// does not fit a bank or the write failed (the caller reports #CME ERROR: 34824); the
        /// previous image then stays current. Does not allocate.
        /// </summary>
        public bool Save(string[] values)
        {
            if (!_scanned)
            {
                // Without knowing which bank is newer, the new image could end up the older one.
                Scan();
            }

            int target = _currentBank == BankA ? BankB : BankA;
            uint sequence = unchecked(_sequence + 1);
            int length = ParameterImage.Encode(values, sequence, _work, 0);
            if (length < 0 || length > _flash.BankSize)
            {
                return false;
            }

            if (!_flash.WriteBank(target, _work, 0, length))
            {
                return false;
            }

            _currentBank = target;
            _sequence = sequence;
            return true;
        }

        /// <summary>
        /// Erases both banks (AT#DELFLASH); afterwards <see cref="Load"/> finds nothing. Returns
        /// false when an erase failed.
        /// </summary>
        public bool Erase()
        {
            // The older bank goes first: a cut between the two erases must not leave the older
            // image as the only one, which would bring back a set that had been replaced.
            int first = _currentBank == BankA ? BankB : BankA;
            int second = first == BankA ? BankB : BankA;
            if (!_flash.EraseBank(first))
            {
                _scanned = false;
                return false;
            }

            if (!_flash.EraseBank(second))
            {
                _scanned = false;
                return false;
            }

            _currentBank = -1;
            _scanned = true;
            return true;
        }

        private void Scan()
        {
            uint sequenceA;
            uint sequenceB;
            bool validA = CheckBank(BankA, out sequenceA);
            bool validB = CheckBank(BankB, out sequenceB);
            _scanned = true;
            if (validB && (!validA || IsNewer(sequenceB, sequenceA)))
            {
                _currentBank = BankB;
                _sequence = sequenceB;
            }
            else if (validA)
            {
                _currentBank = BankA;
                _sequence = sequenceA;
            }
            else
            {
                _currentBank = -1;
            }
        }

        private bool CheckBank(int bank, out uint sequence)
        {
            int length = ReadBank(bank);
            if (length <= 0)
            {
                sequence = 0;
                return false;
            }

            return ParameterImage.TryCheck(_work, 0, length, out sequence);
        }

        private bool DecodeBank(int bank, string[] values)
        {
            int length = ReadBank(bank);
            uint sequence;
            if (length <= 0 || !ParameterImage.TryDecode(_work, 0, length, values, out sequence))
            {
                return false;
            }

            _currentBank = bank;
            _sequence = sequence;
            return true;
        }

        private int ReadBank(int bank)
        {
            int length = _flash.ReadBank(bank, _work, 0);

            // A port that claims more than fits the work buffer is not trusted with the rest.
            return length > _work.Length ? _work.Length : length;
        }
    }
}
