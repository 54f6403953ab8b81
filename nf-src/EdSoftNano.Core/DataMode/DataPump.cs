using EdSoftNano.At;
using EdSoftNano.Ports;

namespace EdSoftNano.DataMode
{
    /// <summary>
    /// Moves data-mode bytes between the host UART and an <see cref="IDataConnection"/> through two
    /// preallocated rings (<see cref="App.Budget"/>). Host → network: <see cref="FeedHost"/> decodes
    /// straight into the ring, <see cref="Poll"/> and FeedHost hand frames to the connection
    /// (a full frame at once, a partial one after TXDELAY). Network → host: Poll reads the
    /// connection into the other ring and writes it, escaped, to the host link. When a ring is
    /// full its producer is not read (the host's bytes stay with the caller, the socket's in the
    /// socket): nothing is dropped. Nothing is allocated once constructed.
    /// </summary>
    public sealed class DataPump
    {
        private readonly IByteLink _host;
        private readonly ByteRing _toNetwork;
        private readonly ByteRing _toHost;

        // Escaped output on its way to the host, and a frame that wraps the ring end made
        // contiguous: both are used only inside one call, one after the other, so they share.
        private readonly byte[] _scratch;
        private readonly DleEscaper _escaper = new DleEscaper();
        private readonly DleUnescaper _unescaper = new DleUnescaper();

        private IDataConnection _connection;
        private DataPumpSettings _settings;
        private int _frameSize;
        private DataPumpState _state;
        private int _error;

        // Oldest bytes of _toNetwork already due to leave: a frame the connection has not fully taken.
        private int _released;

        // Unreleased bytes wait for the delay since the first of them arrived, or since the full
        // frame before them left, whichever is later: never less than TXDELAY after arrival.
        private bool _delayRunning;
        private long _delayFromMs;
        private bool _hostEnded;
        private bool _peerClosed;
        private long _bytesToNetwork;
        private long _bytesToHost;

        /// <param name="host">The host UART; network bytes are written to it directly.</param>
        /// <param name="hostToNetwork">Ring storage, <see cref="App.Budget.HostToNetworkRing"/> bytes.</param>
        /// <param name="networkToHost">Ring storage, <see cref="App.Budget.NetworkToHostRing"/> bytes.</param>
        /// <param name="scratch">Work buffer, <see cref="App.Budget.DataScratch"/> bytes (at least one frame).</param>
        public DataPump(IByteLink host, byte[] hostToNetwork, byte[] networkToHost, byte[] scratch)
        {
            _host = host;
            _toNetwork = new ByteRing(hostToNetwork);
            _toHost = new ByteRing(networkToHost);
            _scratch = scratch;
            HostBytesPerPoll = networkToHost.Length;
        }

        /// <summary>
        /// Most bytes one <see cref="Poll"/> writes to the host link (the UART write blocks, so this
        /// bounds how long the main loop leaves the host's input unread). Default: one ring.
        /// </summary>
        public int HostBytesPerPoll { get; set; }

        /// <summary>Where the pump is.</summary>
        public DataPumpState State => _state;

        /// <summary>The spec 9.2 code when <see cref="State"/> is Failed, else 0.</summary>
        public int Error => _error;

        /// <summary>True once the host's bare ETX was read (its data may still be on the way out).</summary>
        public bool HostEndSeen => _hostEnded;

        /// <summary>True once the connection reported its end (its data may still be on the way to the host).</summary>
        public bool PeerClosed => _peerClosed;

        /// <summary>Payload bytes handed to the connection since <see cref="Start"/>.</summary>
        public long BytesToNetwork => _bytesToNetwork;

        /// <summary>Payload bytes written to the host since <see cref="Start"/> (before escaping).</summary>
        public long BytesToHost => _bytesToHost;

        /// <summary>Host bytes held for the connection.</summary>
        public int PendingToNetwork => _toNetwork.Count;

        /// <summary>Network bytes held for the host.</summary>
        public int PendingToHost => _toHost.Count;

        /// <summary>
        /// When <see cref="Poll"/> must run next for the transmit delay, or long.MaxValue. Waiting for
        /// the host or the connection is not a deadline: poll after I/O as well.
        /// </summary>
        public long NextDeadlineMs => _state == DataPumpState.Running && _delayRunning
            ? _delayFromMs + _settings.TxDelayMs
            : long.MaxValue;

        /// <summary>Starts moving bytes between the host and <paramref name="connection"/>.</summary>
        public void Start(IDataConnection connection, DataPumpSettings settings, long nowMs)
        {
            Reset();
            _connection = connection;
            _settings = settings;
            int frame = settings.FrameSize;
            frame = frame < _toNetwork.Capacity ? frame : _toNetwork.Capacity;
            _frameSize = frame < _scratch.Length ? frame : _scratch.Length;
            _state = DataPumpState.Running;
            _delayFromMs = nowMs;
        }

        /// <summary>Drops what is held and returns to Idle (the connection is the owner's to close).</summary>
        public void Stop() => Reset();

        /// <summary>
        /// Takes host bytes. Returns how many were consumed: fewer than <paramref name="count"/> when
        /// the ring is full (offer the rest again later) or when a bare ETX ended the data (the
        /// bytes after it are the interpreter's).
        /// </summary>
        public int FeedHost(byte[] buffer, int offset, int count, long nowMs)
        {
            if (_state != DataPumpState.Running || _hostEnded)
            {
                return 0;
            }

            int used = 0;
            while (used < count)
            {
                int span = _toNetwork.WritableSpan;
                if (span == 0)
                {
                    // Full: make room by sending what may leave now, else push back on the host.
                    SendToNetwork(nowMs, false);
                    span = _toNetwork.WritableSpan;
                    if (span == 0 || _state != DataPumpState.Running)
                    {
                        break;
                    }
                }

                int took;
                int produced;
                if (_settings.HostDle)
                {
                    took = _unescaper.Decode(buffer, offset + used, count - used,
                        _toNetwork.Buffer, _toNetwork.WriteOffset, span, out produced);
                }
                else
                {
                    took = count - used < span ? count - used : span;
                    System.Array.Copy(buffer, offset + used, _toNetwork.Buffer, _toNetwork.WriteOffset, took);
                    produced = took;
                }

                _toNetwork.Commit(produced);
                used += took;
                if (produced > 0 && !_delayRunning)
                {
                    _delayRunning = true;
                    _delayFromMs = nowMs;
                }

                if (_unescaper.Ended)
                {
                    _hostEnded = true;
                    break;
                }

                if (took == 0)
                {
                    break;
                }
            }

            // Only full frames here: the partial tail waits for Poll, which the main loop runs in the
            // same turn, so the host's next read can still fill it (TXDELAY 0 adds no wait).
            SendToNetwork(nowMs, true);
            UpdateEnd();
            return used;
        }

        /// <summary>Moves bytes both ways as far as the host, the connection and the delay allow.</summary>
        public void Poll(long nowMs)
        {
            if (_state != DataPumpState.Running)
            {
                return;
            }

            MoveToHost();
            SendToNetwork(nowMs, false);
            UpdateEnd();
        }

        private void MoveToHost()
        {
            int budget = HostBytesPerPoll;
            while (budget > 0 && _state == DataPumpState.Running)
            {
                bool progress = Receive();
                int written = DrainToHost(budget);
                budget -= written;
                if (!progress && written == 0)
                {
                    return;
                }
            }
        }

        private bool Receive()
        {
            bool progress = false;
            while (!_peerClosed && _toHost.Free > 0)
            {
                int n = _connection.Receive(_toHost.Buffer, _toHost.WriteOffset, _toHost.WritableSpan);
                if (n == 0)
                {
                    break;
                }

                if (n < 0)
                {
                    Ended(_connection.Error);
                    break;
                }

                _toHost.Commit(n);
                progress = true;
            }

            return progress;
        }

        private int DrainToHost(int budget)
        {
            int total = 0;
            if (_settings.NetworkDle)
            {
                while (total < budget && (_toHost.Count > 0 || _escaper.HasPending))
                {
                    int room = budget - total < _scratch.Length ? budget - total : _scratch.Length;
                    int produced;
                    int took = _escaper.Encode(_toHost.Buffer, _toHost.ReadOffset, _toHost.ReadableSpan,
                        _scratch, 0, room, out produced);
                    _toHost.Consume(took);
                    _bytesToHost += took;
                    if (produced == 0)
                    {
                        break;
                    }

                    _host.Write(_scratch, 0, produced);
                    total += produced;
                }

                return total;
            }

            while (total < budget && _toHost.Count > 0)
            {
                int n = _toHost.ReadableSpan;
                n = n < budget - total ? n : budget - total;
                _host.Write(_toHost.Buffer, _toHost.ReadOffset, n);
                _toHost.Consume(n);
                _bytesToHost += n;
                total += n;
            }

            return total;
        }

        private void SendToNetwork(long nowMs, bool fullFramesOnly)
        {
            while (_state == DataPumpState.Running)
            {
                if (_released == 0 && !Release(nowMs, fullFramesOnly))
                {
                    return;
                }

                int n = _released;
                int sent;
                if (_toNetwork.ReadableSpan >= n)
                {
                    sent = _connection.Send(_toNetwork.Buffer, _toNetwork.ReadOffset, n);
                }
                else
                {
                    // A frame goes out in one Send (one UDP datagram), so a wrapped one is made contiguous.
                    _toNetwork.Peek(_scratch, 0, n);
                    sent = _connection.Send(_scratch, 0, n);
                }

                if (sent < 0)
                {
                    Ended(_connection.Error);
                    return;
                }

                if (sent == 0)
                {
                    return;
                }

                _toNetwork.Consume(sent);
                _released -= sent;
                _bytesToNetwork += sent;
                if (_released > 0)
                {
                    // The connection took part of the frame: it is full for now.
                    return;
                }
            }
        }

        // Decides which of the waiting bytes may leave now; false when none may.
        private bool Release(long nowMs, bool fullFramesOnly)
        {
            int waiting = _toNetwork.Count;
            if (waiting == 0)
            {
                return false;
            }

            if (waiting >= _frameSize)
            {
                _released = _frameSize;
                _delayRunning = waiting > _frameSize;
                _delayFromMs = nowMs;
                return true;
            }

            if (_hostEnded || (!fullFramesOnly && nowMs - (_delayFromMs + _settings.TxDelayMs) >= 0))
            {
                _released = waiting;
                _delayRunning = false;
                return true;
            }

            return false;
        }

        private void Ended(int error)
        {
            if (error != ErrorCodes.None)
            {
                _state = DataPumpState.Failed;
                _error = error;
                return;
            }

            // The peer is gone: what the host still had for it cannot be delivered.
            _peerClosed = true;
            _toNetwork.Clear();
            _released = 0;
            _delayRunning = false;
        }

        private void UpdateEnd()
        {
            if (_state != DataPumpState.Running)
            {
                return;
            }

            if (_hostEnded && _toNetwork.Count == 0)
            {
                _state = DataPumpState.HostEnded;
            }
            else if (_peerClosed && _toHost.Count == 0 && !_escaper.HasPending)
            {
                _state = DataPumpState.RemoteClosed;
            }
        }

        private void Reset()
        {
            _toNetwork.Clear();
            _toHost.Clear();
            _escaper.Reset();
            _unescaper.Reset();
            _connection = null;
            _state = DataPumpState.Idle;
            _error = ErrorCodes.None;
            _released = 0;
            _delayRunning = false;
            _hostEnded = false;
            _peerClosed = false;
            _bytesToNetwork = 0;
            _bytesToHost = 0;
        }
    }
}
