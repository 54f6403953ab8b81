using System;
using System.Collections.Generic;
using EdSoftNano.DataMode;

namespace EdSoftNano.Simulation
{
    /// <summary>
    /// An <see cref="IDataConnection"/> whose peer sends back everything it receives (an echo
    /// server), with a fixed in-flight capacity and per-tick rates so a test can make either side
    /// slow. <see cref="Tick"/> starts a new time slice (call it once per main-loop turn).
    /// Bytes can also be injected as if the peer sent them, and the peer can close or fail.
    /// Allocates nothing after construction unless <see cref="RecordFrames"/> is on.
    /// </summary>
    public sealed class LoopbackConnection : IDataConnection
    {
        private readonly byte[] _buffer;
        private int _head;
        private int _count;
        private int _sendPerTick = int.MaxValue;
        private int _receivePerTick = int.MaxValue;
        private int _sendLeft;
        private int _receiveLeft;
        private bool _peerClosing;
        private int _failure;

        /// <param name="capacity">Bytes in flight (sent, not yet received back); Send returns 0 when full.</param>
        public LoopbackConnection(int capacity = 65536)
        {
            _buffer = new byte[capacity];
            Tick();
        }

        /// <summary>Most bytes Send accepts per tick (a slow network consumer); setting it restarts the current tick.</summary>
        public int SendPerTick
        {
            get => _sendPerTick;
            set => _sendPerTick = _sendLeft = value;
        }

        /// <summary>Most bytes Receive returns per tick (a slow network producer); setting it restarts the current tick.</summary>
        public int ReceivePerTick
        {
            get => _receivePerTick;
            set => _receivePerTick = _receiveLeft = value;
        }

        /// <summary>Send takes a whole frame or nothing (a UDP socket) instead of a prefix (TCP).</summary>
        public bool AllOrNothing { get; set; }

        /// <summary>Sent bytes are counted but not echoed back.</summary>
        public bool Discard { get; set; }

        /// <summary>Records the size of every accepted Send in <see cref="Frames"/>.</summary>
        public bool RecordFrames { get; set; }

        /// <summary>Sees every accepted Send block (the network side of a transfer, checked on the fly).</summary>
        public Action<byte[], int, int> OnSend { get; set; }

        /// <summary>Sizes of the accepted Sends, when <see cref="RecordFrames"/> is on.</summary>
        public List<int> Frames { get; } = new List<int>();

        /// <summary>Bytes accepted by Send.</summary>
        public long BytesSent { get; private set; }

        /// <summary>Bytes returned by Receive.</summary>
        public long BytesReceived { get; private set; }

        /// <summary>Bytes waiting to be received.</summary>
        public int InFlight => _count;

        /// <summary>True once <see cref="Close"/> was called.</summary>
        public bool Closed { get; private set; }

        /// <summary>Number of Close calls.</summary>
        public int CloseCalls { get; private set; }

        /// <inheritdoc />
        public int Error { get; private set; }

        /// <summary>A new time slice: the per-tick rates start again.</summary>
        public void Tick()
        {
            _sendLeft = _sendPerTick;
            _receiveLeft = _receivePerTick;
        }

        /// <summary>The peer sends <paramref name="data"/> (it need not have been sent to it).</summary>
        public void Inject(byte[] data) => Inject(data, 0, data.Length);

        /// <summary>The peer sends data[offset, offset + count); throws when it does not fit.</summary>
        public void Inject(byte[] data, int offset, int count)
        {
            if (count > _buffer.Length - _count)
            {
                throw new InvalidOperationException("loopback capacity exceeded");
            }

            Put(data, offset, count);
        }

        /// <summary>The peer closes in order: Receive returns -1 (Error 0) once the bytes in flight are read.</summary>
        public void PeerClose() => _peerClosing = true;

        /// <summary>The connection fails: the next Send or Receive returns -1 with <paramref name="code"/>.</summary>
        public void Fail(int code) => _failure = code;

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count)
        {
            if (_failure != 0)
            {
                Error = _failure;
                return -1;
            }

            if (_count == 0)
            {
                return _peerClosing ? -1 : 0;
            }

            int n = Math.Min(Math.Min(count, _count), _receiveLeft);
            int done = 0;
            while (done < n)
            {
                int part = Math.Min(n - done, _buffer.Length - _head);
                Array.Copy(_buffer, _head, buffer, offset + done, part);
                _head = (_head + part) % _buffer.Length;
                done += part;
            }

            _count -= n;
            _receiveLeft -= n;
            BytesReceived += n;
            return n;
        }

        /// <inheritdoc />
        public int Send(byte[] buffer, int offset, int count)
        {
            if (_failure != 0)
            {
                Error = _failure;
                return -1;
            }

            if (_peerClosing)
            {
                return -1;
            }

            int room = Discard ? int.MaxValue : _buffer.Length - _count;
            int n = Math.Min(Math.Min(count, room), _sendLeft);
            if (AllOrNothing && n < count)
            {
                return 0;
            }

            if (n <= 0)
            {
                return 0;
            }

            if (!Discard)
            {
                Put(buffer, offset, n);
            }

            _sendLeft -= n;
            BytesSent += n;
            OnSend?.Invoke(buffer, offset, n);
            if (RecordFrames)
            {
                Frames.Add(n);
            }

            return n;
        }

        /// <inheritdoc />
        public void Close()
        {
            Closed = true;
            CloseCalls++;
        }

        private void Put(byte[] data, int offset, int count)
        {
            int done = 0;
            while (done < count)
            {
                int tail = (_head + _count) % _buffer.Length;
                int part = Math.Min(count - done, _buffer.Length - tail);
                Array.Copy(data, offset + done, _buffer, tail, part);
                _count += part;
                done += part;
            }
        }
    }
}
