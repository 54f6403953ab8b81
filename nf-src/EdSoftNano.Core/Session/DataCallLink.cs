using System;
using EdSoftNano.DataMode;
using EdSoftNano.Modem;
using EdSoftNano.Ports;
using EdSoftNano.Ppp;

namespace EdSoftNano.Session
{
    /// <summary>
    /// The modem's data call as an <see cref="IByteLink"/> for PPP: the modem channel owns the UART and
    /// hands the call's bytes here (<see cref="IDataCallSink"/>), PPP reads them from a ring; what PPP
    /// writes goes to the modem as data. The channel reads the UART only while the ring has room, so
    /// nothing is lost when PPP falls behind.
    /// <para>
    /// Because PPP frames its data, the channel no longer looks for the modem's "NO CARRIER" in the
    /// stream; this link does, but only between frames: the text the modem sends when the call drops
    /// follows the last frame's closing flag, while inside a frame the same letters could be payload.
    /// A frame never starts with CR, LF or 'N' (address 0xFF, or a compressed protocol number), so
    /// "flag, CR/LF…, NO CARRIER, CR/LF" is the modem.
    /// </para>
    /// </summary>
    public sealed class DataCallLink : IByteLink, IDataCallSink
    {
        private const byte Flag = 0x7E;
        private const int NotMatching = -1;
        private const int Leading = 0;   // after a flag, skipping CR/LF; then 1..n = letters of "NO CARRIER" matched

        // Boxed once for the native, non-generic Array.IndexOf (boxing per call would allocate).
        private static readonly object BoxedFlag = HdlcCodes.Boxed[32];

        private static readonly byte[] NoCarrier = { (byte)'N', (byte)'O', (byte)' ', (byte)'C', (byte)'A', (byte)'R', (byte)'R', (byte)'I', (byte)'E', (byte)'R' };

        private readonly ByteRing _ring;
        private ModemChannel _modem;
        private long _now;
        private int _match = NotMatching;
        private bool _carrierLost;

        /// <param name="ringBuffer">The received bytes' ring (from the budget): at least one read block of the modem.</param>
        public DataCallLink(byte[] ringBuffer)
        {
            _ring = new ByteRing(ringBuffer);
        }

        /// <summary>The modem sent NO CARRIER between frames: the call is over.</summary>
        public bool CarrierLost => _carrierLost;

        /// <inheritdoc />
        public bool FramesData => true;

        /// <inheritdoc />
        public int Room => _ring.Free;

        /// <summary>Takes over the connected data call of <paramref name="modem"/>.</summary>
        public void Attach(ModemChannel modem, long nowMs)
        {
            _modem = modem;
            _now = nowMs;
            _ring.Consume(_ring.Count);
            _match = Leading;   // the call's start counts as a frame boundary
            _carrierLost = false;
            modem.DataSink = this;
        }

        /// <summary>Gives the modem channel back its own reading of the stream.</summary>
        public void Detach()
        {
            if (_modem != null && _modem.DataSink == this)
            {
                _modem.DataSink = null;
            }

            _modem = null;
        }

        /// <summary>The time stamped on what PPP writes (PHYTIMEOUT counts the modem's data).</summary>
        public void SetTime(long nowMs)
        {
            _now = nowMs;
        }

        /// <inheritdoc />
        public void OnDataCallBytes(byte[] buffer, int offset, int count, long nowMs)
        {
            _now = nowMs;
            Watch(buffer, offset, count);
            while (count > 0 && _ring.Free > 0)
            {
                int n = _ring.WritableSpan;
                if (n > count) { n = count; }
                Array.Copy(buffer, offset, _ring.Buffer, _ring.WriteOffset, n);
                _ring.Commit(n);
                offset += n;
                count -= n;
            }
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int total = 0;
            while (count > 0 && _ring.Count > 0)
            {
                int n = _ring.ReadableSpan;
                if (n > count) { n = count; }
                Array.Copy(_ring.Buffer, _ring.ReadOffset, buffer, offset, n);
                _ring.Consume(n);
                offset += n;
                count -= n;
                total += n;
            }

            if (total == 0 && (_carrierLost || _modem == null))
            {
                return -1;
            }

            return total;
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            if (_modem != null && !_carrierLost)
            {
                _modem.WriteData(buffer, offset, count, _now);
            }
        }

        // Looks at the bytes right after each flag only; the flags are found by the native search.
        private void Watch(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            while (i < end && !_carrierLost)
            {
                if (_match == NotMatching)
                {
                    int flag = Array.IndexOf(buffer, BoxedFlag, i, end - i);
                    if (flag < 0)
                    {
                        return;
                    }

                    _match = Leading;
                    i = flag + 1;
                    continue;
                }

                byte b = buffer[i++];
                if (b == Flag)
                {
                    _match = Leading;
                }
                else if (_match == Leading && (b == '\r' || b == '\n'))
                {
                    // CR LF before the text.
                }
                else if (_match < NoCarrier.Length)
                {
                    _match = b == NoCarrier[_match] ? _match + 1 : NotMatching;
                }
                else
                {
                    _match = NotMatching;
                    _carrierLost = b == '\r' || b == '\n';
                }
            }
        }
    }
}
