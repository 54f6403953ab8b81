using System;
using System.Runtime.InteropServices;
using System.Text;

namespace EdSoftNano.Tests.Ip.Kernel
{
    /// <summary>
    /// A Linux TUN device opened through /dev/net/tun (TUNSETIFF, IFF_TUN | IFF_NO_PI: one read is one
    /// bare IPv4 packet, no 4-byte header), non-blocking. P/Invoke only; the namespace work is
    /// <see cref="KernelPeer"/>'s.
    /// </summary>
    public sealed class Tun : IDisposable
    {
        private const uint TunSetIff = 0x400454CA;
        private const short IffTun = 0x0001;
        private const short IffNoPi = 0x1000;
        private const int ORdWr = 2;
        private const int FGetFl = 3;
        private const int FSetFl = 4;
        private const int ONonBlock = 0x800;
        private const int EAgain = 11;

        private int _fd;
        private readonly byte[] _scratch = new byte[65536];

        [DllImport("libc", SetLastError = true)]
        private static extern int open(string path, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int ioctl(int fd, uint request, byte[] ifreq);

        [DllImport("libc", SetLastError = true)]
        private static extern int fcntl(int fd, int cmd, int arg);

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr read(int fd, byte[] buffer, IntPtr count);

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr write(int fd, byte[] buffer, IntPtr count);

        [DllImport("libc", SetLastError = true)]
        private static extern int close(int fd);

        [DllImport("libc")]
        private static extern uint geteuid();

        /// <summary>True when this process runs as root (TUN and netns need it).</summary>
        public static bool IsRoot => geteuid() == 0;

        public Tun(string name)
        {
            _fd = open("/dev/net/tun", ORdWr);
            if (_fd < 0)
            {
                throw new InvalidOperationException("open /dev/net/tun failed, errno " + Marshal.GetLastWin32Error());
            }

            var ifreq = new byte[40];
            Encoding.ASCII.GetBytes(name, 0, name.Length, ifreq, 0);
            short flags = IffTun | IffNoPi;
            ifreq[16] = (byte)flags;
            ifreq[17] = (byte)(flags >> 8);
            if (ioctl(_fd, TunSetIff, ifreq) < 0)
            {
                int errno = Marshal.GetLastWin32Error();
                close(_fd);
                throw new InvalidOperationException("TUNSETIFF " + name + " failed, errno " + errno);
            }

            int fl = fcntl(_fd, FGetFl, 0);
            fcntl(_fd, FSetFl, fl | ONonBlock);
            Name = name;
        }

        public string Name { get; }

        /// <summary>One packet into buffer[0..]: its length, or 0 when none is waiting.</summary>
        public int Read(byte[] buffer)
        {
            long n = (long)read(_fd, buffer, (IntPtr)buffer.Length);
            if (n < 0)
            {
                int errno = Marshal.GetLastWin32Error();
                if (errno == EAgain)
                {
                    return 0;
                }

                throw new InvalidOperationException("read tun failed, errno " + errno);
            }

            return (int)n;
        }

        /// <summary>Writes one packet (the kernel receives it as if from the wire); false when the kernel refused it.</summary>
        public bool Write(byte[] packet, int offset, int count)
        {
            byte[] source = packet;
            if (offset != 0)
            {
                Array.Copy(packet, offset, _scratch, 0, count);
                source = _scratch;
            }

            return (long)write(_fd, source, (IntPtr)count) == count;
        }

        public void Dispose()
        {
            if (_fd >= 0)
            {
                close(_fd);
                _fd = -1;
            }
        }
    }
}
