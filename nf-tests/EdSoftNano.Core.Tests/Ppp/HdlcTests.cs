using System;
using System.Collections.Generic;
using System.Text;
using CsCheck;
using EdSoftNano.Ppp;
using Xunit;

namespace EdSoftNano.Tests.Ppp
{
    public class HdlcTests
    {
        private static readonly Gen<byte> PayloadByte = Gen.Frequency(
            (4, Gen.Byte),
            (1, Gen.Const((byte)0x7E)),
            (1, Gen.Const((byte)0x7D)),
            (2, Gen.Byte[0, 0x1F]));

        private static readonly Gen<byte[]> Payload = PayloadByte.Array[0, 700];

        private static readonly Gen<uint> AnyAccm = Gen.OneOf(Gen.Const(0u), Gen.Const(0xFFFFFFFFu), Gen.Const(0x000A0000u), Gen.UInt);

        private static readonly Gen<int[]> Chunks = Gen.Int[1, 64].Array[1, 8];

        private static readonly Gen<int> AnyProtocol = Gen.OneOf(Gen.Const(0x0021), Gen.Const(0xC021), Gen.Const(0x8021), Gen.Const(0x00FD));

        [Fact]
        public void Fcs16_CheckString_Is906E()
        {
            // CRC-16/X-25 (the RFC 1662 FCS): check value of "123456789" is 0x906E.
            byte[] data = Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0x906E, Fcs16.Compute(data, 0, data.Length));
            Assert.Equal(0x906E, HdlcReference.Fcs(data));
        }

        [Fact]
        public void Fcs16_DataFollowedByItsFcs_GivesGoodResidueF0B8()
        {
            Gen.Byte.Array[0, 300].Sample(data =>
            {
                ushort fcs = Fcs16.Compute(data, 0, data.Length);
                Assert.Equal(HdlcReference.Fcs(data), fcs);
                byte[] all = new byte[data.Length + 2];
                data.CopyTo(all, 0);
                all[^2] = (byte)fcs;
                all[^1] = (byte)(fcs >> 8);
                Assert.Equal(Fcs16.Good, Fcs16.Update(Fcs16.Initial, all, 0, all.Length));
            }, iter: 500);
        }

        [Fact]
        public void Encode_LcpConfigureRequestVector_MatchesHandComputedBytes()
        {
            // LCP Configure-Request id 1, Magic-Number 0x01020304 (RFC 1661 6.4), default ACCM:
            // the control bytes 01-04 and the length 0x0A are escaped.
            byte[] info = { 0x01, 0x01, 0x00, 0x0A, 0x05, 0x06, 0x01, 0x02, 0x03, 0x04 };
            byte[] expected = HdlcReference.Encode(0xC021, info, 0xFFFFFFFF, false, false);
            Assert.Equal("7EFF7D23C0217D217D217D207D2A7D257D267D217D227D237D24", Convert.ToHexString(expected, 0, 26));
            Assert.Equal(expected, EncodeAll(new HdlcEncoder(), 0xC021, info, false, new[] { 3 }));
        }

        [Fact]
        public void Encode_AnyFrameAnyAccmAnyOutputSplit_MatchesTheReference()
        {
            Gen.Select(Payload, AnyAccm, Gen.Bool, Gen.Bool, AnyProtocol, Chunks).Sample((payload, accm, acfc, pfc, protocol, outChunks) =>
            {
                var enc = new HdlcEncoder();
                enc.Configure(accm, acfc, pfc);
                Assert.Equal(HdlcReference.Encode(protocol, payload, accm, acfc, pfc), EncodeAll(enc, protocol, payload, false, outChunks));
            }, iter: 2000);
        }

        [Fact]
        public void DecodeOfEncode_AnyPayloadAnyAccmAnySplit_IsThePayload()
        {
            Gen.Select(PayloadByte.Array[1, 700].Array[1, 4], AnyAccm, Gen.Bool, Gen.Bool, AnyProtocol, Chunks, Chunks).Sample((frames, accm, acfc, pfc, protocol, outChunks, inChunks) =>
            {
                var enc = new HdlcEncoder();
                enc.Configure(accm, acfc, pfc);
                var wire = new List<byte>();
                foreach (byte[] f in frames)
                {
                    wire.AddRange(EncodeAll(enc, protocol, f, false, outChunks));
                }

                var dec = new HdlcDecoder(new byte[1506]);
                dec.Configure(accm, 1500);
                List<byte[]> got = DecodeAll(dec, wire.ToArray(), inChunks, out List<int> protocols);
                Assert.Equal(frames.Length, got.Count);
                for (int i = 0; i < frames.Length; i++)
                {
                    Assert.Equal(frames[i], got[i]);
                    Assert.Equal(protocol, protocols[i]);
                }

                Assert.Equal(0, dec.FcsErrors + dec.Runts + dec.TooLong + dec.Aborts);
            }, iter: 1500);
        }

        [Fact]
        public void Decode_BadFcs_IsDroppedCountedAndTheNextFrameDecodes()
        {
            Gen.Select(Payload, Payload, Gen.Int[0, 1000], Chunks).Sample((bad, good, where, inChunks) =>
            {
                byte[] first = HdlcReference.Encode(0x0021, bad, 0xFFFFFFFF, false, false);
                // Corrupt one byte between the flags into another plain byte (not a flag or escape).
                int at = 1 + where % (first.Length - 2);
                byte was = first[at];
                byte now = (byte)(was ^ 0x01);
                if (was == 0x7D || now == 0x7E || now == 0x7D || now < 0x20)
                {
                    return;
                }

                first[at] = now;
                byte[] second = HdlcReference.Encode(0x0021, good, 0xFFFFFFFF, false, false);
                var dec = new HdlcDecoder(new byte[1506]);
                List<byte[]> got = DecodeAll(dec, Concat(first, second), inChunks, out _);
                Assert.Single(got);
                Assert.Equal(good, got[0]);
                Assert.Equal(1, dec.FcsErrors);
            }, iter: 1000);
        }

        [Fact]
        public void Decode_GarbageBeforeTheFirstFlag_IsSkipped()
        {
            byte[] frame = HdlcReference.Encode(0xC021, new byte[] { 1, 2, 3, 4 }, 0xFFFFFFFF, false, false);
            byte[] wire = Concat(new byte[] { 0x41, 0x54, 0x0D, 0x7D }, frame);
            var dec = new HdlcDecoder(new byte[64]);
            List<byte[]> got = DecodeAll(dec, wire, new[] { 1 }, out _);
            Assert.Single(got);
            Assert.Equal(0, dec.FcsErrors + dec.Runts);
        }

        [Fact]
        public void Decode_EscapeThenFlag_AbortsTheFrameAndResynchronises()
        {
            byte[] good = HdlcReference.Encode(0x0021, new byte[] { 9, 8, 7 }, 0xFFFFFFFF, false, false);
            // RFC 1662 4.4.1: 7D 7E aborts; the flag then opens the next frame.
            byte[] wire = Concat(new byte[] { 0x7E, 0xFF, 0x03, 0x00, 0x21, 0x55, 0x7D }, good);
            var dec = new HdlcDecoder(new byte[64]);
            List<byte[]> got = DecodeAll(dec, wire, new[] { 2 }, out _);
            Assert.Single(got);
            Assert.Equal(new byte[] { 9, 8, 7 }, got[0]);
            Assert.Equal(1, dec.Aborts);
            Assert.Equal(0, dec.FcsErrors);
        }

        [Fact]
        public void Decode_OverTheMru_IsDroppedAndCounted()
        {
            var dec = new HdlcDecoder(new byte[1506]);
            dec.Configure(0, 100);
            byte[] wire = Concat(HdlcReference.Encode(0x0021, new byte[101], 0, false, false),
                HdlcReference.Encode(0x0021, new byte[100], 0, false, false));
            wire = Concat(wire, HdlcReference.Encode(0x0021, new byte[2000], 0, false, false));
            List<byte[]> got = DecodeAll(dec, wire, new[] { 7, 300 }, out _);
            Assert.Single(got);
            Assert.Equal(100, got[0].Length);
            Assert.Equal(2, dec.TooLong);
        }

        [Fact]
        public void Decode_ShortFramesAndFillFlags_RuntsCountedFillIgnored()
        {
            var dec = new HdlcDecoder(new byte[64]);
            byte[] wire = { 0x7E, 0x7E, 0x7E, 0x41, 0x42, 0x7E, 0x7E };
            Assert.Empty(DecodeAll(dec, wire, new[] { 1 }, out _));
            Assert.Equal(1, dec.Runts);
            Assert.Equal(0, dec.FcsErrors);
        }

        [Fact]
        public void Decode_UnescapedControlCharsOfTheReceiveAccm_AreDiscarded()
        {
            // XON/XOFF (0x11, 0x13) inserted by a modem into a frame whose peer escapes them.
            byte[] frame = HdlcReference.Encode(0x0021, new byte[] { 0x11, 0x40, 0x13 }, 0x000A0000, false, false);
            var wire = new List<byte>();
            foreach (byte b in frame)
            {
                wire.Add(b);
                if (b == 0x40) { wire.Add(0x11); wire.Add(0x13); }
            }

            var dec = new HdlcDecoder(new byte[64]);
            dec.Configure(0x000A0000, 1500);
            List<byte[]> got = DecodeAll(dec, wire.ToArray(), new[] { 1, 3 }, out _);
            Assert.Single(got);
            Assert.Equal(new byte[] { 0x11, 0x40, 0x13 }, got[0]);
        }

        [Fact]
        public void EncodeDecode_SteadyState_AllocatesNothing()
        {
            var enc = new HdlcEncoder();
            enc.Configure(0, true, true);
            var dec = new HdlcDecoder(new byte[1506]);
            dec.Configure(0, 1500);
            byte[] info = new byte[1500];
            new Random(1).NextBytes(info);
            byte[] wire = new byte[HdlcEncoder.MaxEncodedLength(1500)];
            for (int round = 0; round < 3; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                enc.Begin(0x0021, info, 0, info.Length, false);
                int n = 0;
                while (!enc.Done) { n += enc.Encode(wire, n, Math.Min(256, wire.Length - n)); }
                int i = 0;
                while (i < n && !dec.FrameReady) { i += dec.Decode(wire, i, Math.Min(256, n - i)); }
                long after = GC.GetAllocatedBytesForCurrentThread();
                Assert.True(dec.FrameReady);
                Assert.Equal(1500, dec.InfoLength);
                if (round > 0) { Assert.Equal(before, after); }
            }
        }

        internal static byte[] EncodeAll(HdlcEncoder enc, int protocol, byte[] info, bool linkDefaults, int[] outChunks)
        {
            enc.Begin(protocol, info, 0, info.Length, linkDefaults);
            byte[] buf = new byte[HdlcEncoder.MaxEncodedLength(info.Length) + 64];
            byte[] pre = new byte[buf.Length];
            Array.Fill(pre, (byte)0xA5);
            int n = 0;
            int k = 0;
            while (!enc.Done)
            {
                int size = outChunks[k++ % outChunks.Length];
                int w = enc.Encode(buf, n, Math.Min(size, buf.Length - n));
                Assert.True(w == size || enc.Done);
                n += w;
            }

            byte[] result = new byte[n];
            Array.Copy(buf, result, n);
            return result;
        }

        internal static List<byte[]> DecodeAll(HdlcDecoder dec, byte[] wire, int[] inChunks, out List<int> protocols)
        {
            var frames = new List<byte[]>();
            protocols = new List<int>();
            int pos = 0;
            int k = 0;
            while (pos < wire.Length)
            {
                int size = Math.Min(inChunks[k++ % inChunks.Length], wire.Length - pos);
                int off = pos;
                int end = pos + size;
                while (off < end)
                {
                    off += dec.Decode(wire, off, end - off);
                    if (dec.FrameReady)
                    {
                        byte[] f = new byte[dec.InfoLength];
                        Array.Copy(dec.Buffer, dec.InfoOffset, f, 0, f.Length);
                        frames.Add(f);
                        protocols.Add(dec.Protocol);
                    }
                }

                pos = end;
            }

            return frames;
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] r = new byte[a.Length + b.Length];
            a.CopyTo(r, 0);
            b.CopyTo(r, a.Length);
            return r;
        }
    }
}
