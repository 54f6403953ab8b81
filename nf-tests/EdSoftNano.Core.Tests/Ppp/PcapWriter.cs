using System;
using System.Collections.Generic;
using System.IO;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>
    /// Writes PPP frames into a classic pcap with link type 204 (DLT_PPP_WITH_DIR): each record is a
    /// direction byte, then FF 03, the 2-byte protocol, the information and the FCS-16 (tshark's
    /// ppp.fcs_type:16-Bit checks it). Direction per the libpcap link-type list: 0x00 received by us,
    /// 0x01 sent by us (Wireshark shows them DCE → DTE and DTE → DCE).
    /// </summary>
    public static class PcapWriter
    {
        public const int LinkTypePppWithDir = 204;

        public static void Write(string path, IEnumerable<PppCapturedFrame> frames)
        {
            using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
            using var w = new BinaryWriter(f);
            w.Write(0xA1B2C3D4u);   // little-endian magic, microsecond timestamps
            w.Write((ushort)2);
            w.Write((ushort)4);
            w.Write(0);              // thiszone
            w.Write(0u);             // sigfigs
            w.Write(65535u);         // snaplen
            w.Write((uint)LinkTypePppWithDir);
            long baseUs = 1_780_000_000L * 1_000_000L;
            foreach (var fr in frames)
            {
                long us = baseUs + (long)(fr.At.TotalMilliseconds * 1000);
                var frame = new byte[4 + fr.Info.Length + 2];
                frame[0] = 0xFF;
                frame[1] = 0x03;
                frame[2] = (byte)(fr.Protocol >> 8);
                frame[3] = (byte)fr.Protocol;
                Array.Copy(fr.Info, 0, frame, 4, fr.Info.Length);
                ushort fcs = (ushort)~EdSoftNano.Ppp.Fcs16.Update(0xFFFF, frame, 0, frame.Length - 2);
                frame[frame.Length - 2] = (byte)fcs;          // least significant octet first (RFC 1662 C.2)
                frame[frame.Length - 1] = (byte)(fcs >> 8);
                int len = 1 + frame.Length;
                w.Write((uint)(us / 1_000_000));
                w.Write((uint)(us % 1_000_000));
                w.Write((uint)len);
                w.Write((uint)len);
                w.Write((byte)(fr.Received ? 0 : 1));
                w.Write(frame);
            }
        }
    }
}
