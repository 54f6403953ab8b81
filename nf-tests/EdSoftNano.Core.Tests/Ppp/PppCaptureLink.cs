using System;
using System.Collections.Generic;
using EdSoftNano.Ppp;
using EdSoftNano.Ports;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>
    /// A tap on an <see cref="IByteLink"/>: every byte PppLink writes and reads also goes through a
    /// separate <see cref="HdlcDecoder"/> per direction, and each good frame is kept for a pcap
    /// (<see cref="PcapWriter"/>). Test support only, so it allocates freely. The decoders accept
    /// every byte (ACCM 0) and a large MRU: they record what is on the wire, they do not judge it —
    /// a frame with a bad FCS is counted in <see cref="FcsErrors"/> and is not recorded.
    /// </summary>
    public sealed class PppCaptureLink : IByteLink
    {
        private const int Mru = 4096;
        private readonly IByteLink _inner;
        private readonly HdlcDecoder _sent = new HdlcDecoder(new byte[Mru + 6]);
        private readonly HdlcDecoder _received = new HdlcDecoder(new byte[Mru + 6]);
        private readonly List<PppCapturedFrame> _frames = new List<PppCapturedFrame>();
        private readonly DateTime _start = DateTime.UtcNow;

        public PppCaptureLink(IByteLink inner)
        {
            _inner = inner;
            _sent.Configure(0, Mru);
            _received.Configure(0, Mru);
        }

        public IReadOnlyList<PppCapturedFrame> Frames { get { lock (_frames) { return _frames.ToArray(); } } }

        public int FcsErrors => _sent.FcsErrors + _received.FcsErrors;

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = _inner.Read(buffer, offset, count, timeoutMs);
            if (n > 0) { Tap(_received, true, buffer, offset, n); }
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Tap(_sent, false, buffer, offset, count);
            _inner.Write(buffer, offset, count);
        }

        private void Tap(HdlcDecoder d, bool received, byte[] buffer, int offset, int count)
        {
            int pos = offset, end = offset + count;
            while (pos < end)
            {
                pos += d.Decode(buffer, pos, end - pos);
                if (d.FrameReady)
                {
                    var info = new byte[d.InfoLength];
                    Array.Copy(d.Buffer, d.InfoOffset, info, 0, info.Length);
                    lock (_frames)
                    {
                        _frames.Add(new PppCapturedFrame(received, d.Protocol, info, DateTime.UtcNow - _start));
                    }
                }
            }
        }
    }

    /// <summary>One frame seen by <see cref="PppCaptureLink"/>.</summary>
    public sealed class PppCapturedFrame
    {
        public PppCapturedFrame(bool received, int protocol, byte[] info, TimeSpan at)
        {
            Received = received;
            Protocol = protocol;
            Info = info;
            At = at;
        }

        public bool Received { get; }
        public int Protocol { get; }
        public byte[] Info { get; }
        public TimeSpan At { get; }
    }
}
