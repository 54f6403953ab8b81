namespace EdSoftNano.Ppp.Auth
{
    /// <summary>
    /// The MD5 message digest of RFC 1321, written in the core because nanoFramework has no
    /// System.Security.Cryptography. Incremental: <see cref="Reset"/>, any number of
    /// <see cref="Update(byte[], int, int)"/> calls, then <see cref="Final"/> (which also resets). Its buffers are
    /// allocated once, at construction; no call allocates. Used by CHAP (RFC 1994, algorithm 5).
    /// </summary>
    public sealed class Md5
    {
        /// <summary>Length of a digest in bytes.</summary>
        public const int DigestLength = 16;

        private const int BlockLength = 64;

        // RFC 1321 3.4: T[i] = floor(2^32 * abs(sin(i + 1))), i = 0..63.
        private static readonly uint[] _t =
        {
            0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
            0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
            0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
            0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
            0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
            0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
            0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
            0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
        };

        // RFC 1321 3.4: the rotation amounts, four per round.
        private static readonly int[] _s = { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 };

        private readonly uint[] _x = new uint[16];
        private readonly byte[] _block = new byte[BlockLength];
        private uint _a;
        private uint _b;
        private uint _c;
        private uint _d;
        private int _blockFill;
        private long _length;

        /// <summary>Creates a digest ready for <see cref="Update(byte[], int, int)"/>.</summary>
        public Md5()
        {
            Reset();
        }

        /// <summary>Starts a new message (RFC 1321 3.3: the initial A, B, C, D).</summary>
        public void Reset()
        {
            _a = 0x67452301;
            _b = 0xefcdab89;
            _c = 0x98badcfe;
            _d = 0x10325476;
            _blockFill = 0;
            _length = 0;
        }

        /// <summary>Feeds buf[offset, offset + count) into the message.</summary>
        public void Update(byte[] buf, int offset, int count)
        {
            _length += count;
            while (count > 0)
            {
                if (_blockFill == 0 && count >= BlockLength)
                {
                    Transform(buf, offset);
                    offset += BlockLength;
                    count -= BlockLength;
                    continue;
                }

                int n = BlockLength - _blockFill;
                if (n > count)
                {
                    n = count;
                }

                System.Array.Copy(buf, offset, _block, _blockFill, n);
                _blockFill += n;
                offset += n;
                count -= n;
                if (_blockFill == BlockLength)
                {
                    Transform(_block, 0);
                    _blockFill = 0;
                }
            }
        }

        /// <summary>Feeds one byte into the message.</summary>
        public void Update(byte value)
        {
            _length++;
            _block[_blockFill++] = value;
            if (_blockFill == BlockLength)
            {
                Transform(_block, 0);
                _blockFill = 0;
            }
        }

        /// <summary>
        /// Pads the message (RFC 1321 3.1-3.2), writes the 16-byte digest at digest[offset, offset + 16)
        /// and resets for the next message.
        /// </summary>
        public void Final(byte[] digest, int offset)
        {
            long bits = _length << 3;
            byte[] block = _block;
            block[_blockFill++] = 0x80;
            if (_blockFill > BlockLength - 8)
            {
                while (_blockFill < BlockLength)
                {
                    block[_blockFill++] = 0;
                }

                Transform(block, 0);
                _blockFill = 0;
            }

            while (_blockFill < BlockLength - 8)
            {
                block[_blockFill++] = 0;
            }

            for (int i = 0; i < 8; i++)
            {
                block[BlockLength - 8 + i] = (byte)(bits >> (8 * i));
            }

            Transform(block, 0);
            PutLe(_a, digest, offset);
            PutLe(_b, digest, offset + 4);
            PutLe(_c, digest, offset + 8);
            PutLe(_d, digest, offset + 12);
            Reset();
        }

        private static void PutLe(uint v, byte[] buf, int offset)
        {
            buf[offset] = (byte)v;
            buf[offset + 1] = (byte)(v >> 8);
            buf[offset + 2] = (byte)(v >> 16);
            buf[offset + 3] = (byte)(v >> 24);
        }

        // RFC 1321 3.4: one 16-word block.
        private void Transform(byte[] buf, int offset)
        {
            uint[] x = _x;
            for (int i = 0; i < 16; i++)
            {
                int p = offset + 4 * i;
                x[i] = (uint)(buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24));
            }

            uint[] t = _t;
            int[] s = _s;
            uint a = _a, b = _b, c = _c, d = _d;
            for (int i = 0; i < 64; i++)
            {
                uint f;
                int k;
                int round = i >> 4;
                if (round == 0)
                {
                    f = (b & c) | (~b & d);
                    k = i;
                }
                else if (round == 1)
                {
                    f = (b & d) | (c & ~d);
                    k = (5 * i + 1) & 15;
                }
                else if (round == 2)
                {
                    f = b ^ c ^ d;
                    k = (3 * i + 5) & 15;
                }
                else
                {
                    f = c ^ (b | ~d);
                    k = (7 * i) & 15;
                }

                uint sum = a + f + x[k] + t[i];
                int r = s[(round << 2) | (i & 3)];
                uint rotated = (sum << r) | (sum >> (32 - r));
                a = d;
                d = c;
                c = b;
                b = b + rotated;
            }

            _a += a;
            _b += b;
            _c += c;
            _d += d;
        }
    }
}
