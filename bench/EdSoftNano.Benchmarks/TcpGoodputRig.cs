using System;
using EdSoftNano.Ip;
using EdSoftNano.Ports;
using EdSoftNano.Ppp;
using EdSoftNano.Tcp;

namespace EdSoftNano.Benchmarks
{
    /// <summary>
    /// One direction of a serial line paced at a baud rate (10 bits per byte) on virtual time: a
    /// byte written at t is readable at the far end once the line has shifted it out.
    /// </summary>
    public sealed class PacedLine
    {
        private const int Capacity = 1 << 20;
        private readonly byte[] _buffer = new byte[Capacity];
        private readonly long[] _chunkEnd = new long[8192];
        private readonly double[] _chunkStart = new double[8192];
        private readonly long[] _chunkFrom = new long[8192];
        private int _chunkHead, _chunkCount;
        private long _written, _read;
        private double _freeAtMs;
        private readonly double _byteMs;
        public double NowMs;

        public PacedLine(int baud) { _byteMs = 10.0 * 1000.0 / baud; }

        public long BytesWritten => _written;

        public void Write(byte[] source, int offset, int count)
        {
            double start = Math.Max(_freeAtMs, NowMs);
            _freeAtMs = start + count * _byteMs;
            for (int i = 0; i < count; i++) { _buffer[(_written + i) & (Capacity - 1)] = source[offset + i]; }
            int slot = (_chunkHead + _chunkCount) & 8191;
            _chunkFrom[slot] = _written;
            _written += count;
            _chunkEnd[slot] = _written;
            _chunkStart[slot] = start;
            _chunkCount++;
        }

        public int Read(byte[] target, int offset, int count)
        {
            // Bytes the line has shifted out by now: whole chunks, then part of the one on the wire.
            long available = _read;
            for (int k = 0; k < _chunkCount; k++)
            {
                int slot = (_chunkHead + k) & 8191;
                long shifted = Math.Max(0, (long)((NowMs - _chunkStart[slot]) / _byteMs));
                long end = Math.Min(_chunkEnd[slot], _chunkFrom[slot] + shifted);
                available = Math.Max(available, end);
                if (end < _chunkEnd[slot]) break;
            }

            int n = (int)Math.Min(count, available - _read);
            for (int i = 0; i < n; i++) { target[offset + i] = _buffer[(_read + i) & (Capacity - 1)]; }
            _read += n;
            while (_chunkCount > 0 && _chunkEnd[_chunkHead] <= _read) { _chunkHead = (_chunkHead + 1) & 8191; _chunkCount--; }
            return n;
        }
    }

    /// <summary>One end of the serial link as PPP's byte link.</summary>
    public sealed class PacedEnd : IByteLink
    {
        private readonly PacedLine _out, _in;
        public PacedEnd(PacedLine output, PacedLine input) { _out = output; _in = input; }
        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => _in.Read(buffer, offset, count);
        public void Write(byte[] buffer, int offset, int count) => _out.Write(buffer, offset, count);
    }

    /// <summary>
    /// Full stack both ends: TcpLayer → IpLayer → PppLink (HDLC framing) → a paced serial line, on
    /// virtual time in 1 ms main-loop turns. Measures TCP goodput of one bulk transfer A → B.
    /// </summary>
    public sealed class TcpGoodputRig
    {
        public const uint AddressA = 0x0A000002, AddressB = 0x0A000001;
        private readonly PacedLine _ab, _ba;
        private readonly PppLink _pppA, _pppB;
        private readonly IpLayer _ipA, _ipB;
        public readonly TcpLayer TcpA, TcpB;
        private readonly byte[] _chunk = new byte[1460];
        private readonly byte[] _sink = new byte[4096];
        private long _now;
        private int _slotA, _slotB;
        public readonly int Baud;

        public TcpGoodputRig(int baud)
        {
            Baud = baud;
            _ab = new PacedLine(baud);
            _ba = new PacedLine(baud);
            _pppA = new PppLink(new PacedEnd(_ab, _ba), 1);
            _pppB = new PppLink(new PacedEnd(_ba, _ab), 2);
            _pppA.ConfigureClient(0);
            _pppB.ConfigureServer(AddressB, AddressA, 0, 0, 0);
            _ipA = new IpLayer(_pppA, 2, 1500, 1);
            _ipB = new IpLayer(_pppB, 2, 1500, 2);
            _pppA.SetIpInput(_ipA);
            _pppB.SetIpInput(_ipB);
            TcpA = new TcpLayer(_ipA, TcpBudget.Slots, TcpBudget.SendBufferBytes, TcpBudget.ReceiveBufferBytes, 11);
            TcpB = new TcpLayer(_ipB, TcpBudget.Slots, TcpBudget.SendBufferBytes, TcpBudget.ReceiveBufferBytes, 12);
            _ipA.Attach(IpConstants.ProtocolTcp, TcpA);
            _ipB.Attach(IpConstants.ProtocolTcp, TcpB);
            for (int i = 0; i < _chunk.Length; i++) { _chunk[i] = (byte)(' ' + i % 95); } // printable text: no HDLC escapes
            _pppA.Start(0);
            _pppB.Start(0);
            while (_pppA.State != PppLinkState.Up || _pppB.State != PppLinkState.Up)
            {
                Turn();
                if (_now > 30000) throw new InvalidOperationException("PPP did not come up");
            }

            _ipA.LinkUp(_pppA.LocalAddress, _pppA.PeerAddress);
            _ipB.LinkUp(_pppB.LocalAddress, _pppB.PeerAddress);
            TcpA.LinkUp(_now);
            TcpB.LinkUp(_now);
            int listener = TcpB.Listen(5000);
            _slotA = TcpA.Connect(_pppA.PeerAddress, 5000, _now);
            _slotB = -2;
            while (_slotB < 0 || TcpA.State(_slotA) != SocketState.Open)
            {
                Turn();
                if (_slotB < 0) _slotB = TcpB.Accept(listener);
                if (_now > 60000) throw new InvalidOperationException("TCP did not connect");
            }
        }

        /// <summary>MSS in use A → B.</summary>
        public int Mss => TcpA.Connection(_slotA).Mss;

        /// <summary>Payload ceiling in bytes/s: line rate × MSS / (MSS + IP 20 + TCP 20 + HDLC 7: flag, FF 03, protocol 2, FCS 2).</summary>
        public double CeilingBytesPerSecond => Baud / 10.0 * Mss / (Mss + 40 + 7);

        private void Turn()
        {
            _ab.NowMs = _now;
            _ba.NowMs = _now;
            _pppA.Poll(_now, 0);
            _pppB.Poll(_now, 0);
            _ipA.Poll(_now);
            _ipB.Poll(_now);
            TcpA.Poll(_now);
            TcpB.Poll(_now);
            _now++;
        }

        /// <summary>Moves <paramref name="bytes"/> A → B; returns the goodput in bytes per second of virtual time.</summary>
        public double Transfer(long bytes)
        {
            long sent = 0, received = 0;
            long start = _now;
            while (received < bytes)
            {
                if (sent < bytes)
                {
                    int offer = (int)Math.Min(_chunk.Length, bytes - sent);
                    int n = TcpA.Send(_slotA, _chunk, 0, offer, _now);
                    if (n < 0) throw new InvalidOperationException("send failed " + TcpA.Error(_slotA));
                    sent += n;
                }

                Turn();
                int r;
                while ((r = TcpB.Receive(_slotB, _sink, 0, _sink.Length, _now)) > 0) received += r;
                if (r < 0) throw new InvalidOperationException("receive failed " + TcpB.Error(_slotB));
            }

            return bytes * 1000.0 / (_now - start);
        }
    }
}
