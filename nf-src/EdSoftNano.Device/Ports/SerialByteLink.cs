using System;
using System.IO.Ports;
using System.Threading;
using EdSoftNano.Device.App;
using EdSoftNano.Ports;

namespace EdSoftNano.Device.Ports
{
    /// <summary>
    /// <see cref="IByteLink"/> over a <see cref="SerialPort"/>. A receive thread moves what the
    /// UART delivered into a <see cref="SerialRing"/> in blocks of up to one chunk; the main loop
    /// takes it from there with <see cref="Read"/>. The thread wakes on the port's DataReceived
    /// event (with a short timeout as a safety net), so it neither spins nor allocates per byte.
    /// When the ring is full the thread stops reading: the UART's native buffer fills and, where
    /// RTS/CTS is wired, the driver drops RTS and the sender pauses (back-pressure, not loss).
    /// </summary>
    public sealed class SerialByteLink : IByteLink
    {
        // How long the receive thread sleeps when no event came (the event is the normal wake-up).
        private const int IdleWaitMs = 20;

        // Pause after a fault of the port before the thread tries again.
        private const int FaultPauseMs = 100;

        private readonly SerialPort _port;
        private readonly SerialRing _ring;
        private readonly byte[] _chunk;
        private readonly AutoResetEvent _dataArrived = new AutoResetEvent(false);
        private readonly AutoResetEvent _readable = new AutoResetEvent(false);
        private readonly AutoResetEvent _spaceFreed = new AutoResetEvent(false);
        private Thread _receiver;
        private string _name = string.Empty;
        private bool _subscribed;
        private int _stop;
        private int _faults;

        /// <summary>
        /// Wraps <paramref name="port"/> (configured, not yet open) with the caller's preallocated
        /// <paramref name="ring"/> storage and <paramref name="chunk"/> buffer.
        /// </summary>
        public SerialByteLink(SerialPort port, byte[] ring, byte[] chunk)
        {
            if (port == null)
            {
                throw new ArgumentNullException("port");
            }

            if (chunk == null || chunk.Length == 0)
            {
                throw new ArgumentException("The receive chunk must not be empty.", "chunk");
            }

            _port = port;
            _ring = new SerialRing(ring);
            _chunk = chunk;
        }

        /// <summary>Faults the receive thread caught and survived (port errors, timeouts).</summary>
        public int ReceiveFaults => Interlocked.CompareExchange(ref _faults, 0, 0);

        /// <summary>Bytes received and not yet read.</summary>
        public int Pending => _ring.Count;

        /// <summary>The port's name, recorded by <see cref="Open"/> (for log lines of the receive thread).</summary>
        public string PortName => _name;

        /// <summary>
        /// Opens the port, subscribes to its DataReceived event and starts the receive thread. May
        /// be called again after it threw (the start-up retries a port that failed to open); each
        /// step is done once. The event is subscribed after Open: the port's add accessor throws
        /// ObjectDisposedException while the port counts as disposed, and Open is what clears that.
        /// </summary>
        public void Open()
        {
            if (!_port.IsOpen)
            {
                _port.Open();
            }

            _name = _port.PortName;
            if (!_subscribed)
            {
                _port.DataReceived += OnDataReceived;
                _subscribed = true;
            }

            if (_receiver == null)
            {
                Interlocked.Exchange(ref _stop, 0);
                _receiver = new Thread(ReceiveLoop);
                _receiver.Priority = ThreadPriority.AboveNormal;
                _receiver.Start();
            }
        }

        /// <summary>
        /// Stops the receive thread, closes the port and releases its native UART (tests; the
        /// firmware never closes its ports). The link cannot be opened again afterwards.
        /// </summary>
        public void Close()
        {
            Interlocked.Exchange(ref _stop, 1);
            _dataArrived.Set();
            _spaceFreed.Set();
            if (_receiver != null)
            {
                _receiver.Join(1000);
                _receiver = null;
            }

            if (_subscribed)
            {
                _port.DataReceived -= OnDataReceived;
                _subscribed = false;
            }

            if (_port.IsOpen)
            {
                _port.Close();
            }

            _port.Dispose();
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = _ring.Take(buffer, offset, count);
            if (n == 0 && timeoutMs > 0)
            {
                // A Put between the Take above and this wait has set the event already.
                _readable.WaitOne(timeoutMs, false);
                n = _ring.Take(buffer, offset, count);
            }

            if (n > 0)
            {
                _spaceFreed.Set();
            }

            // A UART does not end: never -1.
            return n;
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
            if (count > 0)
            {
                // Blocks while CTS holds us off (hardware handshake), as IByteLink allows.
                _port.Write(buffer, offset, count);
            }
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            _dataArrived.Set();
        }

        private void ReceiveLoop()
        {
            while (Interlocked.CompareExchange(ref _stop, 0, 0) == 0)
            {
                try
                {
                    ReceiveOnce();
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref _faults);
                    Log.Fault(string.Concat(_name, " receive"), e);
                    Thread.Sleep(FaultPauseMs);
                }
            }
        }

        private void ReceiveOnce()
        {
            int free = _ring.Free;
            if (free == 0)
            {
                // The main loop is behind: leave the bytes in the UART (RTS drops when it fills).
                _spaceFreed.WaitOne(IdleWaitMs, false);
                return;
            }

            int available = _port.BytesToRead;
            if (available <= 0)
            {
                _dataArrived.WaitOne(IdleWaitMs, false);
                return;
            }

            int want = available;
            if (want > free)
            {
                want = free;
            }

            if (want > _chunk.Length)
            {
                want = _chunk.Length;
            }

            // Only what BytesToRead reported, so the read does not wait for more.
            int n = _port.Read(_chunk, 0, want);
            if (n > 0)
            {
                _ring.Put(_chunk, 0, n);
                _readable.Set();
            }
        }
    }
}
