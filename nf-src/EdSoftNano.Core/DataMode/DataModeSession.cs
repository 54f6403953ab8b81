using EdSoftNano.At;

namespace EdSoftNano.DataMode
{
    /// <summary>
    /// The host-visible transitions around data mode (spec 4.2, 4.3, 5.2, 5.4, 6.2, 6.4, A.7, A.8):
    /// the banner that opens it, the bare ETX that marks the end of network data or precedes an
    /// error, "Ok_Info_SocketClosed" / "OK" / "#CME ERROR: code", and the return to command mode.
    /// A service plugs its connection in with <see cref="Start"/> and forwards its
    /// <see cref="IActionHandler"/> Feed and Poll here. Results go through the
    /// <see cref="ResponseWriter"/>, so ATV0 gets numeric codes.
    /// </summary>
    public sealed class DataModeSession
    {
        private readonly ResponseWriter _writer;
        private readonly DataPump _pump;
        private readonly byte[] _etx = new byte[] { DleCodes.Etx };
        private IDataConnection _connection;
        private DataEndReplies _replies;
        private DataModeState _state;
        private DataPumpState _outcome;
        private int _outcomeError;
        private bool _etxSent;

        /// <param name="writer">The interpreter's writer on the host link.</param>
        /// <param name="pump">The pump over the same host link.</param>
        public DataModeSession(ResponseWriter writer, DataPump pump)
        {
            _writer = writer;
            _pump = pump;
        }

        /// <summary>The pump, for its counters and <see cref="DataPump.HostBytesPerPoll"/>.</summary>
        public DataPump Pump => _pump;

        /// <summary>Where the session is.</summary>
        public DataModeState State => _state;

        /// <summary>True until the final result is written: the interpreter must not take commands.</summary>
        public bool Busy => _state != DataModeState.Idle;

        /// <summary>How the last data phase ended: HostEnded, RemoteClosed or Failed (Idle while it runs).</summary>
        public DataPumpState Outcome => _outcome;

        /// <summary>The spec 9.2 code when <see cref="Outcome"/> is Failed.</summary>
        public int OutcomeError => _outcomeError;

        /// <summary>When <see cref="Poll"/> must run next, or long.MaxValue.</summary>
        public long NextDeadlineMs => _state == DataModeState.Data ? _pump.NextDeadlineMs : long.MaxValue;

        /// <summary>
        /// Switches to data mode: writes <paramref name="banner"/> (Ok_Info_WaitingForData or
        /// Ok_Info_DataBegin) and starts the pump on <paramref name="connection"/>.
        /// </summary>
        public void Start(IDataConnection connection, DataPumpSettings settings, ResultCode banner, DataEndReplies replies, long nowMs)
        {
            _writer.Result(banner);

            // The pump writes to the host link itself: the banner must be out before its first byte.
            _writer.Flush();
            _connection = connection;
            _replies = replies;
            _outcome = DataPumpState.Idle;
            _outcomeError = ErrorCodes.None;
            _etxSent = false;
            _state = DataModeState.Data;
            _pump.Start(connection, settings, nowMs);
        }

        /// <summary>
        /// Host bytes in data mode. Returns how many were taken; after the host's ETX (or once data
        /// mode is over) the rest is not, so the interpreter reads it as commands.
        /// </summary>
        public int Feed(byte[] buffer, int offset, int count, long nowMs)
        {
            if (_state != DataModeState.Data)
            {
                return 0;
            }

            int used = _pump.FeedHost(buffer, offset, count, nowMs);
            CheckEnd();
            return used;
        }

        /// <summary>Runs the pump and the end transitions.</summary>
        public void Poll(long nowMs)
        {
            if (_state != DataModeState.Data)
            {
                return;
            }

            _pump.Poll(nowMs);
            CheckEnd();
        }

        /// <summary>Writes the bare ETX that ends data mode for the host, once per session (not for mail).</summary>
        public void SendEndMarker()
        {
            if (_state == DataModeState.Idle || _etxSent || _replies == DataEndReplies.ByServiceUnmarked)
            {
                return;
            }

            _etxSent = true;
            _writer.Raw(_etx, 0, 1);
            _writer.Flush();
        }

        /// <summary>The service's transfer succeeded: "OK", back to command mode.</summary>
        public void Finish()
        {
            _writer.Result(ResultCode.Ok);
            ToIdle();
        }

        /// <summary>"Ok_Info_SocketClosed", "OK", back to command mode.</summary>
        public void FinishSocketClosed()
        {
            _writer.Result(ResultCode.SocketClosed);
            _writer.Result(ResultCode.Ok);
            ToIdle();
        }

        /// <summary>
        /// The service failed (or aborts, e.g. PUTMAIL's inactivity): an ETX if data mode has started
        /// and none was sent yet (spec 4.2, 5.4, 6.4: "preceded by an ETX character"), then
        /// "#CME ERROR: <paramref name="code"/>", back to command mode.
        /// </summary>
        public void Fail(int code)
        {
            SendEndMarker();
            _writer.Error(code);
            ToIdle();
        }

        private void CheckEnd()
        {
            DataPumpState end = _pump.State;
            if (end == DataPumpState.Running || end == DataPumpState.Idle)
            {
                return;
            }

            _outcome = end;
            _outcomeError = _pump.Error;
            if (end == DataPumpState.RemoteClosed)
            {
                // End of network data: "the TCP/IP stack sends an ETX character" (spec 4.2, 5.4).
                SendEndMarker();
            }

            if (_replies == DataEndReplies.ByService || _replies == DataEndReplies.ByServiceUnmarked)
            {
                _pump.Stop();
                _state = DataModeState.Ending;
                return;
            }

            _connection.Close();
            if (end == DataPumpState.Failed)
            {
                Fail(_outcomeError);
                return;
            }

            if (end == DataPumpState.HostEnded && _replies == DataEndReplies.TcpSocket)
            {
                Finish();
                return;
            }

            // Remote close (TCP, UDP) and UDP's host close: ETX, Ok_Info_SocketClosed, OK.
            SendEndMarker();
            FinishSocketClosed();
        }

        private void ToIdle()
        {
            _pump.Stop();
            _connection = null;
            _state = DataModeState.Idle;
            _writer.Flush();
        }
    }
}
