using System;
using System.Globalization;

namespace EdSoftNano.Tests.Ip
{
    /// <summary>
    /// Builds IPv4 datagrams and fragments by hand, with its own checksum code (independent of the
    /// core's InternetChecksum), and reads hex vectors.
    /// </summary>
    public static class Packet
    {
        public const uint Us = 0x0AC80002;   // 10.200.0.2
        public const uint Peer = 0x0AC80001; // 10.200.0.1

        /// <summary>"45 00 …" → bytes.</summary>
        public static byte[] Hex(string text)
        {
            string[] parts = text.Split(new[] { ' ', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            var b = new byte[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                b[i] = byte.Parse(parts[i], NumberStyles.HexNumber);
            }

            return b;
        }

        /// <summary>An IPv4 datagram (or fragment) with a valid header checksum.</summary>
        public static byte[] Ip(int protocol, uint src, uint dst, byte[] payload, int id = 0x4321, int ttl = 64,
            int fragmentOffsetBytes = 0, bool moreFragments = false, byte[] options = null)
        {
            int ihl = 20 + (options?.Length ?? 0);
            var d = new byte[ihl + payload.Length];
            d[0] = (byte)(0x40 | (ihl / 4));
            Put16(d, 2, d.Length);
            Put16(d, 4, id);
            Put16(d, 6, (moreFragments ? 0x2000 : 0) | (fragmentOffsetBytes / 8));
            d[8] = (byte)ttl;
            d[9] = (byte)protocol;
            Put32(d, 12, src);
            Put32(d, 16, dst);
            if (options != null)
            {
                Array.Copy(options, 0, d, 20, options.Length);
            }

            Put16(d, 10, Checksum(d, 0, ihl, 0));
            Array.Copy(payload, 0, d, ihl, payload.Length);
            return d;
        }

        /// <summary>A UDP header and payload (checksum over the pseudo-header; zero when <paramref name="withChecksum"/> is false).</summary>
        public static byte[] Udp(uint src, int srcPort, uint dst, int dstPort, byte[] payload, bool withChecksum = true)
        {
            var u = new byte[8 + payload.Length];
            Put16(u, 0, srcPort);
            Put16(u, 2, dstPort);
            Put16(u, 4, u.Length);
            Array.Copy(payload, 0, u, 8, payload.Length);
            if (withChecksum)
            {
                uint pseudo = (src >> 16) + (src & 0xFFFF) + (dst >> 16) + (dst & 0xFFFF) + 17 + (uint)u.Length;
                int sum = Checksum(u, 0, u.Length, pseudo);
                Put16(u, 6, sum == 0 ? 0xFFFF : sum);
            }

            return u;
        }

        /// <summary>An ICMP message with its checksum.</summary>
        public static byte[] Icmp(int type, int code, int word1, int word2, byte[] data)
        {
            var m = new byte[8 + data.Length];
            m[0] = (byte)type;
            m[1] = (byte)code;
            Put16(m, 4, word1);
            Put16(m, 6, word2);
            Array.Copy(data, 0, m, 8, data.Length);
            Put16(m, 2, Checksum(m, 0, m.Length, 0));
            return m;
        }

        /// <summary>The one's-complement checksum, written out plainly (RFC 1071 section 4.1's loop).</summary>
        public static int Checksum(byte[] b, int off, int len, uint sum)
        {
            for (int i = 0; i + 1 < len; i += 2) { sum += (uint)((b[off + i] << 8) | b[off + i + 1]); }
            if ((len & 1) != 0) { sum += (uint)(b[off + len - 1] << 8); }
            while ((sum >> 16) != 0) { sum = (sum & 0xFFFF) + (sum >> 16); }
            return (int)(~sum & 0xFFFF);
        }

        public static byte[] Pattern(int length, int seed = 1)
        {
            var p = new byte[length];
            for (int i = 0; i < length; i++) { p[i] = (byte)(i * 31 + seed); }
            return p;
        }

        public static byte[] Slice(byte[] b, int offset, int count)
        {
            var s = new byte[count];
            Array.Copy(b, offset, s, 0, count);
            return s;
        }

        public static void Put16(byte[] b, int o, int v) { b[o] = (byte)(v >> 8); b[o + 1] = (byte)v; }

        public static void Put32(byte[] b, int o, uint v) { b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v; }
    }
}
