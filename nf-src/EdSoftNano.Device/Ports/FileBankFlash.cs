using System;
using System.IO;
using EdSoftNano.Ports;

namespace EdSoftNano.Device.Ports
{
    /// <summary>
    /// <see cref="IFlash"/> as one file per bank in a folder of a nanoFramework drive: the ESP32's
    /// internal littlefs drive I:, or an SD card (D:) on STM32. The core's
    /// <c>ParameterFlash</c> always writes the bank that is not current and makes it current only
    /// after the write returned true, so the live image's file is never opened for writing; a
    /// write replaces only its own bank's file (truncate, write the whole image, flush, close).
    /// A power cut during that write leaves the file with a prefix of the image (or, on littlefs,
    /// its previous contents), which fails the image's CRC: the other bank stays in force.
    /// A missing or empty file reads as an erased bank; erasing deletes the file.
    /// </summary>
    public sealed class FileBankFlash : IFlash
    {
        private readonly string[] _paths;
        private readonly int _bankSize;

        /// <summary>Banks "bank0.bin" … in <paramref name="folder"/> (created on demand).</summary>
        public FileBankFlash(string folder, int bankCount, int bankSize)
        {
            if (folder == null || folder.Length == 0)
            {
                throw new ArgumentException("The flash folder must be named.", "folder");
            }

            if (bankCount < 1 || bankSize < 1)
            {
                throw new ArgumentOutOfRangeException("bankCount");
            }

            Folder = folder;
            _bankSize = bankSize;
            _paths = new string[bankCount];
            for (int i = 0; i < bankCount; i++)
            {
                _paths[i] = string.Concat(folder, "\\bank", i.ToString(), ".bin");
            }
        }

        public string Folder { get; }

        /// <inheritdoc/>
        public int BankCount => _paths.Length;

        /// <inheritdoc/>
        public int BankSize => _bankSize;

        /// <summary>The file that holds <paramref name="bank"/>.</summary>
        public string PathOf(int bank) => _paths[bank];

        /// <summary>Creates the folder if needed; false when the drive is not there or refuses.</summary>
        public bool EnsureFolder()
        {
            try
            {
                if (!Directory.Exists(Folder))
                {
                    Directory.CreateDirectory(Folder);
                }

                return Directory.Exists(Folder);
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public int ReadBank(int bank, byte[] buffer, int offset)
        {
            if (!IsBank(bank) || buffer == null || offset < 0 || offset > buffer.Length)
            {
                return -1;
            }

            try
            {
                string path = _paths[bank];
                if (!File.Exists(path))
                {
                    return 0;
                }

                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    long length = stream.Length;
                    int want = length > _bankSize ? _bankSize : (int)length;
                    if (want > buffer.Length - offset)
                    {
                        want = buffer.Length - offset;
                    }

                    int total = 0;
                    while (total < want)
                    {
                        int n = stream.Read(buffer, offset + total, want - total);
                        if (n <= 0)
                        {
                            break;
                        }

                        total += n;
                    }

                    return total;
                }
            }
            catch (Exception)
            {
                return -1;
            }
        }

        /// <inheritdoc/>
        public bool WriteBank(int bank, byte[] buffer, int offset, int count)
        {
            if (!IsBank(bank) || buffer == null || offset < 0 || count < 0 || count > buffer.Length - offset || count > _bankSize)
            {
                return false;
            }

            if (!EnsureFolder())
            {
                return false;
            }

            try
            {
                using (FileStream stream = new FileStream(_paths[bank], FileMode.Create, FileAccess.Write))
                {
                    stream.Write(buffer, offset, count);
                    stream.Flush();
                }

                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public bool EraseBank(int bank)
        {
            if (!IsBank(bank))
            {
                return false;
            }

            try
            {
                string path = _paths[bank];
                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                return !File.Exists(path);
            }
            catch (Exception)
            {
                return false;
            }
        }

        private bool IsBank(int bank) => bank >= 0 && bank < _paths.Length;
    }
}
