using System;
using System.IO;
using EdSoftNano.Ports;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>
    /// <see cref="IFlash"/> over one file that holds <see cref="BankCount"/> raw banks, bank i at
    /// offset i * <see cref="BankSize"/>. Parts of the file that were never written, or lie past
    /// its end, read as erased (0xFF). Every write and erase touches only its own bank's range and
    /// is flushed to the disk before it returns.
    /// </summary>
    public sealed class FileFlash : IFlash
    {
        private const byte Erased = 0xFF;

        private readonly string _path;

        /// <summary>Banks in <paramref name="path"/>; the file is created on the first write or erase.</summary>
        public FileFlash(string path, int bankCount, int bankSize)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ArgumentOutOfRangeException.ThrowIfLessThan(bankCount, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(bankSize, 1);
            _path = path;
            BankCount = bankCount;
            BankSize = bankSize;
        }

        /// <inheritdoc/>
        public int BankCount { get; }

        /// <inheritdoc/>
        public int BankSize { get; }

        /// <summary>Path of the backing file.</summary>
        public string Path => _path;

        /// <summary>
        /// Reads the raw bank: <see cref="BankSize"/> bytes, or 0 when the bank is erased or lies
        /// wholly past the end of the file; -1 when the file cannot be read or the arguments are bad.
        /// </summary>
        public int ReadBank(int bank, byte[] buffer, int offset)
        {
            if (!IsBank(bank) || buffer == null || offset < 0 || BankSize > buffer.Length - offset)
            {
                return -1;
            }

            try
            {
                if (!File.Exists(_path))
                {
                    return 0;
                }

                using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                long start = (long)bank * BankSize;
                int read = 0;
                if (stream.Length > start)
                {
                    stream.Position = start;
                    read = ReadFully(stream, buffer, offset, (int)Math.Min(BankSize, stream.Length - start));
                }

                if (read == 0)
                {
                    return 0;
                }

                // A file cut short holds the leading part of the bank; the rest is erased.
                buffer.AsSpan(offset + read, BankSize - read).Fill(Erased);
                return IsErased(buffer, offset, BankSize) ? 0 : BankSize;
            }
            catch (IOException)
            {
                return -1;
            }
            catch (UnauthorizedAccessException)
            {
                return -1;
            }
        }

        /// <summary>Replaces the bank: the new bytes, then 0xFF up to the end of the bank.</summary>
        public bool WriteBank(int bank, byte[] buffer, int offset, int count)
        {
            if (!IsBank(bank) || buffer == null || offset < 0 || count < 0 || count > buffer.Length - offset || count > BankSize)
            {
                return false;
            }

            var image = new byte[BankSize];
            Array.Copy(buffer, offset, image, 0, count);
            image.AsSpan(count).Fill(Erased);
            return WriteRange(bank, image);
        }

        /// <summary>Fills the bank with 0xFF.</summary>
        public bool EraseBank(int bank)
        {
            if (!IsBank(bank))
            {
                return false;
            }

            var image = new byte[BankSize];
            image.AsSpan().Fill(Erased);
            return WriteRange(bank, image);
        }

        private bool WriteRange(int bank, byte[] image)
        {
            try
            {
                using var stream = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
                long start = (long)bank * BankSize;

                // Extending the file past a gap would leave zeros in the banks before this one,
                // which are not what erased flash reads.
                if (stream.Length < start)
                {
                    var gap = new byte[start - stream.Length];
                    gap.AsSpan().Fill(Erased);
                    stream.Position = stream.Length;
                    stream.Write(gap, 0, gap.Length);
                }

                stream.Position = start;
                stream.Write(image, 0, image.Length);
                stream.Flush(true);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static int ReadFully(Stream stream, byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = stream.Read(buffer, offset + total, count - total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        private static bool IsErased(byte[] buffer, int offset, int count)
        {
            return buffer.AsSpan(offset, count).IndexOfAnyExcept(Erased) < 0;
        }

        private bool IsBank(int bank) => bank >= 0 && bank < BankCount;
    }
}
