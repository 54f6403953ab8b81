using System.Collections.Generic;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>A byte-at-a-time RFC 1662 encoder and FCS written straight from the RFC text, to judge the core's.</summary>
    internal static class HdlcReference
    {
        public static ushort Fcs(byte[] data)
        {
            int fcs = 0xFFFF;
            foreach (byte b in data)
            {
                fcs ^= b;
                for (int i = 0; i < 8; i++)
                {
                    fcs = (fcs & 1) != 0 ? (fcs >> 1) ^ 0x8408 : fcs >> 1;
                }
            }

            return (ushort)(fcs ^ 0xFFFF);
        }

        public static byte[] Encode(int protocol, byte[] info, uint accm, bool acfc, bool pfc)
        {
            var body = new List<byte>();
            if (!acfc) { body.Add(0xFF); body.Add(0x03); }
            if (!pfc || protocol > 0xFF) { body.Add((byte)(protocol >> 8)); }
            body.Add((byte)protocol);
            body.AddRange(info);
            ushort fcs = Fcs(body.ToArray());
            body.Add((byte)fcs);
            body.Add((byte)(fcs >> 8));
            var wire = new List<byte> { 0x7E };
            foreach (byte b in body)
            {
                if (b == 0x7E || b == 0x7D || (b < 0x20 && ((accm >> b) & 1) != 0))
                {
                    wire.Add(0x7D);
                    wire.Add((byte)(b ^ 0x20));
                }
                else
                {
                    wire.Add(b);
                }
            }

            wire.Add(0x7E);
            return wire.ToArray();
        }
    }
}
