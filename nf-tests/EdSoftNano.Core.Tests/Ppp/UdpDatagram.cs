using System;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>Builds an IPv4/UDP datagram by hand (with both checksums) for PPP tests that prove IP flows.</summary>
    public static class UdpDatagram
    {
        public static byte[] Build(uint src, int srcPort, uint dst, int dstPort, byte[] payload)
        {
            int udpLen = 8 + payload.Length;
            var d = new byte[20 + udpLen];
            d[0] = 0x45;
            Put16(d, 2, d.Length);
            Put16(d, 4, 0x1234);
            d[8] = 64;
            d[9] = 17;
            Put32(d, 12, src);
            Put32(d, 16, dst);
            Put16(d, 10, Checksum(d, 0, 20, 0));
            Put16(d, 20, srcPort);
            Put16(d, 22, dstPort);
            Put16(d, 24, udpLen);
            Array.Copy(payload, 0, d, 28, payload.Length);
            uint pseudo = (src >> 16) + (src & 0xFFFF) + (dst >> 16) + (dst & 0xFFFF) + 17 + (uint)udpLen;
            int sum = Checksum(d, 20, udpLen, pseudo);
            Put16(d, 26, sum == 0 ? 0xFFFF : sum);
            return d;
        }

        public static byte[] Payload(byte[] d)
        {
            int ihl = (d[0] & 0x0F) * 4;
            int len = ((d[ihl + 4] << 8) | d[ihl + 5]) - 8;
            var p = new byte[len];
            Array.Copy(d, ihl + 8, p, 0, len);
            return p;
        }

        private static int Checksum(byte[] b, int off, int len, uint sum)
        {
            for (int i = 0; i + 1 < len; i += 2) { sum += (uint)((b[off + i] << 8) | b[off + i + 1]); }
            if ((len & 1) != 0) { sum += (uint)(b[off + len - 1] << 8); }
            while ((sum >> 16) != 0) { sum = (sum & 0xFFFF) + (sum >> 16); }
            return (int)(~sum & 0xFFFF);
        }

        private static void Put16(byte[] b, int o, int v) { b[o] = (byte)(v >> 8); b[o + 1] = (byte)v; }

        private static void Put32(byte[] b, int o, uint v) { b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v; }
    }
}
