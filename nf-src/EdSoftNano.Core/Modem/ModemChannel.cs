using EdSoftNano.Ports;

namespace EdSoftNano.Modem
{
    /// <summary>
    /// The 27.007 driver on the modem UART. One command is out at a time, from the host (a plain
    /// AT line, whose answer is relayed to the host) or from the session (whose answer is kept for
    /// it). Unsolicited result codes are recognised before the command matcher: RING/+CRING/+CLIP,
    /// +CREG/+CGREG, SIM removal and NO CARRIER go to <see cref="Events"/>; other lines nobody asked for
    /// are relayed to the host. After CONNECT the UART carries the data call (<see cref="Online"/>).
    /// <para>
    /// Hostile output is contained: NUL and 0xFF bytes (line noise) are dropped, lines of noise only
    /// are ignored, a line longer than the line buffer is passed through to the host in pieces (or
    /// dropped when the session asked), a command echo is not taken as an answer, a final result that
    /// nobody waits for is dropped, URCs inside the host's answer are held until its final result, and
    /// after a timeout the next command is preceded by "AT" so a late answer cannot pass for its answer.
    /// </para>
    /// </summary>
    public sealed class ModemChannel
    {
        private const byte Cr = 13;
        private const byte Lf = 10;

        private static readonly string[] InitScript = new string[]
        {
            "ATE0",        // the interpreter echoes for the host
            "AT+CRC=1",    // +CRING: <type> tells data calls from voice calls
            "AT+CLIP=1",   // caller id for CALLSCREENNUM and dynamic callback
            "AT+CREG=1",   // registration changes as URCs
            "AT+CGREG=1",  // GPRS registration changes (session loss) as URCs
            "AT+CREG?",    // enabling URCs reports nothing: ask once what the state is now
        };

        private enum Owner { None, Host, Session, Init }

        private enum EscapePhase { None, GuardBefore, WaitOk }

        /// <summary>Resynchronisation before a command after a timeout: "AT" out, then a quiet time.</summary>
        private enum SyncPhase { None, WaitOk, Settle }

        private readonly IByteLink _link;
        private readonly IHostRelay _host;
        private readonly byte[] _io;
        private readonly byte[] _line;
        private readonly int[] _fields = new int[4];
        private readonly string[] _deferred = new string[8];
        private int _deferredCount;
        private int _lineLength;
        private bool _lineTooLong;
        private bool _lineStreaming;
        private Owner _owner;
        private string _command = string.Empty;
        private int _commandTimeout;
        private long _deadline;
        private long _lastByteMs;
        private SyncPhase _sync;
        private bool _stale;
        private Owner _staleOwner;
        private bool _setupNeeded;
        private bool _heard;
        private int _initStep = -1;
        private EscapePhase _escape;
        private long _escapeAt;
        private long _lastDataMs;
        private bool _hostWantsCreg;
        private bool _hostWantsCgreg;
        private bool _hostWantsClip;
        // The call's first bytes, read together with CONNECT, wait in _io[_heldAt, _heldEnd) for the
        // sink the session attaches on its turn (an ISP sends its first LCP frame right after CONNECT).
        private int _heldAt;
        private int _heldEnd;
        private static readonly byte[] EscapeSequence = new byte[] { (byte)'+', (byte)'+', (byte)'+' };

        public ModemChannel(IByteLink link, IHostRelay host, byte[] ioBuffer, byte[] lineBuffer)
        {
            _link = link;
            _host = host;
            _io = ioBuffer;
            _line = lineBuffer;
        }

        /// <summary>Receives the URCs; null until the session is attached.</summary>
        public IModemEvents Events;

        /// <summary>Receives the data call's bytes while <see cref="Online"/>.</summary>
        public IDataCallSink DataSink;

        /// <summary>True while a command (or the start-up script, or an escape) is out.</summary>
        public bool Busy => _owner != Owner.None || _escape != EscapePhase.None;

        /// <summary>True while the host's own command is out: the interpreter waits for it.</summary>
        public bool HostBusy => _owner == Owner.Host || _owner == Owner.Init;

        /// <summary>True while the UART carries a data call (after CONNECT, until NO CARRIER or the escape).</summary>
        public bool Online { get; private set; }

        /// <summary>How the last session command ended.</summary>
        public ModemResult Result { get; private set; }

        /// <summary>The text of the last final line ("CONNECT 9600", "+CME ERROR: 533" …).</summary>
        public string ResultLine { get; private set; } = string.Empty;

        /// <summary>The first information line of the last session command's answer ("+CREG: 1,1"), or "".</summary>
        public string Info { get; private set; } = string.Empty;

        /// <summary>Milliseconds of the last byte of the data call, either way (PHYTIMEOUT).</summary>
        public long LastDataMs => _lastDataMs;

        /// <summary>Runs the start-up script (echo off, URCs on).</summary>
        public void Start(long nowMs)
        {
            _initStep = 0;
            Issue(Owner.Init, InitScript[0], ModemTimeouts.Command, nowMs);
        }

        /// <summary>Sends the host's plain command "AT&lt;line&gt;"; its answer is relayed to the host.</summary>
        public void SendHost(byte[] prefix, byte[] line, int count, long nowMs)
        {
            if (Online || Busy)
            {
                // The UART carries the data call (or the session is talking): no room for the host.
                _host.RelayFailure();
                return;
            }

            char[] text = new char[count + 2];
            text[0] = (char)prefix[0];
            text[1] = (char)prefix[1];
            for (int i = 0; i < count; i++)
            {
                text[i + 2] = (char)line[i];
            }

            string command = new string(text);
            NoteHostUrcWishes(command);
            bool network = count > 0 && (line[0] == 'D' || line[0] == 'd' || line[0] == 'A' || line[0] == 'a')
                || StartsWithUpper(command, "AT+COPS") || StartsWithUpper(command, "AT+CGATT");
            Issue(Owner.Host, command, network ? ModemTimeouts.Network : ModemTimeouts.HostCommand, nowMs);
        }

        /// <summary>Sends a session command ("AT+CREG?"); read <see cref="Result"/> once not <see cref="Busy"/>.</summary>
        public void Send(string command, int timeoutMs, long nowMs)
        {
            Info = string.Empty;
            Result = ModemResult.None;
            Issue(Owner.Session, command, timeoutMs, nowMs);
        }

        /// <summary>Leaves the data call with the +++ escape and its guard times; Result is Ok or Timeout.</summary>
        public void Escape(long nowMs)
        {
            // Whatever took the call's bytes is done with them: the OK that follows is the channel's.
            DataSink = null;
            Result = ModemResult.None;
            _escape = EscapePhase.GuardBefore;
            _escapeAt = nowMs + ModemTimeouts.EscapeGuard;
        }

        /// <summary>The data call is over (after ATH or the escape): the UART is back in command state.</summary>
        public void GoOffline()
        {
            Online = false;
            DataSink = null;
        }

        /// <summary>Writes bytes of the data call to the modem.</summary>
        public void WriteData(byte[] buffer, int offset, int count, long nowMs)
        {
            _lastDataMs = nowMs;
            _link.Write(buffer, offset, count);
        }

        /// <summary>Reads what the modem sent and ends commands on their final result or timeout.</summary>
        public void Poll(long nowMs)
        {
            if (_heldEnd > _heldAt && !ReleaseHeld(nowMs))
            {
                PollTimers(nowMs);
                return;
            }

            int n;
            while ((n = _link.Read(_io, 0, ReadRoom(), 0)) > 0)
            {
                if (Online && DataSink != null)
                {
                    _lastDataMs = nowMs;
                    DataSink.OnDataCallBytes(_io, 0, n, nowMs);
                    if (DataSink.FramesData)
                    {
                        continue;
                    }
                }

                if (TakeLines(0, n, nowMs))
                {
                    break;
                }
            }

            PollTimers(nowMs);
        }

        // Feeds bytes to the line parser; true when CONNECT came before the end and the rest is held.
        private bool TakeLines(int offset, int end, long nowMs)
        {
            for (int i = offset; i < end; i++)
            {
                bool wasOnline = Online;
                Take(_io[i], nowMs);
                if (!wasOnline && Online && i + 1 < end)
                {
                    _heldAt = i + 1;
                    _heldEnd = end;
                    return true;
                }
            }

            return false;
        }

        // Hands the held bytes to the data call's sink, or, when the session attached none on its turn
        // after CONNECT (the call carries nothing the firmware frames), to the line parser; true once
        // all are gone.
        private bool ReleaseHeld(long nowMs)
        {
            if (Online && DataSink != null)
            {
                int count = _heldEnd - _heldAt;
                if (DataSink.FramesData)
                {
                    int room = DataSink.Room;
                    if (room < count)
                    {
                        count = room;
                    }
                }

                if (count > 0)
                {
                    _lastDataMs = nowMs;
                    int at = _heldAt;
                    bool framed = DataSink.FramesData;
                    DataSink.OnDataCallBytes(_io, at, count, nowMs);
                    _heldAt += count;
                    if (!framed)
                    {
                        // As in Poll: a sink that only watches the call leaves the lines to the parser.
                        int end = _heldEnd;
                        _heldAt = _heldEnd = 0;
                        TakeLines(at, end, nowMs);
                        return _heldEnd == 0;
                    }
                }
            }
            else
            {
                int at = _heldAt, end = _heldEnd;
                _heldAt = _heldEnd = 0;
                TakeLines(at, end, nowMs);
            }

            if (_heldAt >= _heldEnd)
            {
                _heldAt = _heldEnd = 0;
                return true;
            }

            return false;
        }

        private void PollTimers(long nowMs)
        {

            if ((_lineLength > 0 || _lineStreaming) && nowMs - _lastByteMs >= ModemTimeouts.LineIdle)
            {
                // A modem never pauses inside a line: what is there will not be finished.
                AbandonLine();
            }

            PollEscape(nowMs);
            if (_owner != Owner.None && nowMs - _deadline >= 0)
            {
                if (_sync == SyncPhase.Settle)
                {
                    // The modem is in step again: now the command itself goes out.
                    _sync = SyncPhase.None;
                    _stale = false;
                    Write(_command, nowMs + _commandTimeout);
                }
                else
                {
                    // No final result in time (or no answer to the resync "AT": the command never went out).
                    Finish(ModemResult.Timeout, string.Empty, nowMs);
                }
            }

            if (_setupNeeded && _heard && _owner == Owner.None && _escape == EscapePhase.None && !Online)
            {
                // The start-up script was abandoned on a dead modem; it has spoken since: set it up now.
                _setupNeeded = false;
                Start(nowMs);
            }
        }

        // A framing sink (PPP) that is full leaves the bytes in the UART until it has room.
        private int ReadRoom()
        {
            if (Online && DataSink != null && DataSink.FramesData)
            {
                int room = DataSink.Room;
                return room < _io.Length ? room : _io.Length;
            }

            return _io.Length;
        }

        private void PollEscape(long nowMs)
        {
            if (_escape == EscapePhase.GuardBefore && nowMs - _escapeAt >= 0)
            {
                _link.Write(EscapeSequence, 0, 3);
                _escape = EscapePhase.WaitOk;
                _escapeAt = nowMs + ModemTimeouts.EscapeGuard + ModemTimeouts.EscapeAnswer;
            }
            else if (_escape == EscapePhase.WaitOk && nowMs - _escapeAt >= 0)
            {
                _escape = EscapePhase.None;
                Result = ModemResult.Timeout;
            }
        }

        private void Issue(Owner owner, string command, int timeoutMs, long nowMs)
        {
            _owner = owner;
            _command = command;
            _commandTimeout = timeoutMs;
            if (_stale)
            {
                // The last command timed out and its answer may still come: the modem answers in
                // order, so what arrives up to the OK of an "AT" and a short quiet time after it is old.
                _sync = SyncPhase.WaitOk;
                Write("AT", nowMs + ModemTimeouts.Command);
                return;
            }

            Write(command, nowMs + timeoutMs);
        }

        private void Write(string command, long deadline)
        {
            // A line begun before the command went out is no part of its answer.
            AbandonLine();
            _deadline = deadline;
            int length = command.Length < _io.Length - 1 ? command.Length : _io.Length - 1;
            for (int i = 0; i < length; i++)
            {
                _io[i] = (byte)command[i];
            }

            _io[length] = Cr;
            _link.Write(_io, 0, length + 1);
        }

        private void Take(byte b, long nowMs)
        {
            if (b == 0 || b == 0xFF)
            {
                // Line noise (a break, a floating RX line at power-up): never part of a 27.007 line.
                return;
            }

            _lastByteMs = nowMs;

            if (b != Cr && b != Lf)
            {
                if (_lineLength == _line.Length)
                {
                    if (_lineTooLong)
                    {
                        return;
                    }

                    if (!LongLineForHost)
                    {
                        // No answer the session or the script needs is this long: dropped, bounded.
                        _lineTooLong = true;
                        return;
                    }

                    // Text for the host (a long AT+COPS=? list …): passed through in pieces, unchanged.
                    _host.RelayLinePart(_line, 0, _lineLength, !_lineStreaming, false);
                    _lineStreaming = true;
                    _lineLength = 0;
                }

                _line[_lineLength++] = b;
                return;
            }

            if (_lineStreaming)
            {
                _host.RelayLinePart(_line, 0, _lineLength, false, true);
            }

            bool skip = _lineStreaming || _lineTooLong || IsNoise(_line, _lineLength);
            int length = _lineLength;
            _lineLength = 0;
            _lineTooLong = false;
            _lineStreaming = false;
            if (skip)
            {
                return;
            }

            _heard = true;
            OnLine(Text(_line, length), nowMs);
        }

        /// <summary>Drops a line without its end; one being passed through to the host is ended there.</summary>
        private void AbandonLine()
        {
            if (_lineStreaming)
            {
                _host.RelayLinePart(_line, 0, _lineLength, false, true);
            }

            _lineLength = 0;
            _lineTooLong = false;
            _lineStreaming = false;
        }

        /// <summary>Whether an over-long line now arriving goes to the host (the host asked, or nobody did).</summary>
        private bool LongLineForHost => (_owner == Owner.Host || _owner == Owner.None) && _sync == SyncPhase.None
            && !Online && !(_stale && _staleOwner != Owner.Host);

        private void OnLine(string line, long nowMs)
        {
            if (_escape == EscapePhase.WaitOk && line == "OK")
            {
                _escape = EscapePhase.None;
                Online = false;
                Result = ModemResult.Ok;
                return;
            }

            if (HandleUnsolicited(line, nowMs))
            {
                return;
            }

            ModemResult final = ModemLine.Final(line);
            if (_sync != SyncPhase.None)
            {
                // Lines before the resync's OK (and just after it) answer the command that timed out.
                if (_sync == SyncPhase.WaitOk && final != ModemResult.None)
                {
                    _sync = SyncPhase.Settle;
                    _deadline = nowMs + ModemTimeouts.Settle;
                }

                return;
            }

            if (_owner != Owner.None && line == _command)
            {
                // The echo of our own command: a modem that ignored ATE0 (or was reset since).
                return;
            }

            if (final != ModemResult.None && _owner != Owner.None)
            {
                Finish(final, line, nowMs);
                return;
            }

            if (final == ModemResult.NoCarrier && Online)
            {
                Online = false;
                if (Events != null)
                {
                    Events.OnCarrierLost(nowMs);
                }

                return;
            }

            if (final != ModemResult.None && final != ModemResult.NoCarrier && final != ModemResult.Connect)
            {
                // OK, ERROR, +CME ERROR … with no command out: the late answer of one that timed
                // out, or noise. Relayed it would be a second final result for a host line.
                return;
            }

            if (_owner == Owner.Session)
            {
                // The first line in the command's own format ("+CPIN: …" for AT+CPIN?), else the first line.
                if (Info.Length == 0 || (!AnswersCommand(Info) && AnswersCommand(line)))
                {
                    Info = line;
                }

                return;
            }

            if (_owner == Owner.Init || (_owner == Owner.None && _stale && _staleOwner != Owner.Host))
            {
                // The script's answers, or the late answer of the session's or the script's command.
                return;
            }

            _host.RelayLine(line);
        }

        private bool HandleUnsolicited(string line, long nowMs)
        {
            int kind = ModemLine.Unsolicited(line);
            if (kind == ModemLine.KindText)
            {
                return false;
            }

            int fields = ModemLine.Fields(line, _fields);
            // Only a query ("AT+CREG?") is answered in the URC's own format; after "AT+CREG=1" it is a URC.
            bool answersCommand = kind == ModemLine.KindCreg ? CommandMentions("+CREG?") : kind == ModemLine.KindCgreg && CommandMentions("+CGREG?");
            if (answersCommand || (kind == ModemLine.KindClip && CommandMentions("+CLIP?")))
            {
                // The answer to a query ("+CREG: <n>,<stat>"), not an unsolicited report; whoever asked,
                // it still tells the registration.
                if (answersCommand && fields >= 2 && Events != null)
                {
                    Events.OnRegistration(kind == ModemLine.KindCgreg, _fields[1], nowMs);
                }

                return false;
            }

            if (_owner == Owner.Host && _deferredCount < _deferred.Length)
            {
                // Inside the host's answer: handled right after its final result, so the answer
                // reaches the host whole and the session's lines (RING …) follow it.
                _deferred[_deferredCount++] = line;
                return true;
            }

            Dispatch(kind, line, nowMs);
            return true;
        }

        private void Dispatch(int kind, string line, long nowMs)
        {
            int fields = ModemLine.Fields(line, _fields);
            switch (kind)
            {
                case ModemLine.KindRing:
                    Events?.OnRing(true, nowMs);
                    break;
                case ModemLine.KindCring:
                    Events?.OnRing(!ModemLine.Contains(line, "VOICE"), nowMs);
                    break;
                case ModemLine.KindClip:
                    Events?.OnCallerId(ModemLine.FirstQuoted(line), nowMs);
                    if (_hostWantsClip)
                    {
                        _host.RelayLine(line);
                    }

                    break;
                case ModemLine.KindCreg:
                case ModemLine.KindCgreg:
                    if (fields >= 1)
                    {
                        Events?.OnRegistration(kind == ModemLine.KindCgreg, _fields[0], nowMs);
                    }

                    if ((kind == ModemLine.KindCreg && _hostWantsCreg) || (kind == ModemLine.KindCgreg && _hostWantsCgreg))
                    {
                        _host.RelayLine(line);
                    }

                    break;
                default:
                    Online = false;
                    Events?.OnSimRemoved(nowMs);
                    break;
            }
        }

        private void Finish(ModemResult result, string line, long nowMs)
        {
            Owner owner = _owner;
            _owner = Owner.None;
            _sync = SyncPhase.None;
            if (result == ModemResult.Timeout)
            {
                _stale = true;
                _staleOwner = owner;
            }

            if (owner == Owner.Host)
            {
                if (result == ModemResult.Timeout)
                {
                    _host.RelayFailure();
                }
                else
                {
                    _host.RelayLine(line);
                }

                ReplayDeferred(nowMs);
                return;
            }

            if (owner == Owner.Init)
            {
                if (result == ModemResult.Timeout)
                {
                    // A modem that does not answer: the host is not kept waiting for the whole script.
                    _initStep = -1;
                    _setupNeeded = true;
                    _heard = false;
                    return;
                }

                _initStep++;
                if (_initStep < InitScript.Length)
                {
                    Issue(Owner.Init, InitScript[_initStep], ModemTimeouts.Command, nowMs);
                }

                return;
            }

            Result = result;
            ResultLine = line;
            if (result == ModemResult.Connect)
            {
                Online = true;
                _lastDataMs = nowMs;
            }
        }

        private void ReplayDeferred(long nowMs)
        {
            int count = _deferredCount;
            _deferredCount = 0;
            for (int i = 0; i < count; i++)
            {
                string line = _deferred[i];
                _deferred[i] = null;
                Dispatch(ModemLine.Unsolicited(line), line, nowMs);
            }
        }

        /// <summary>Whether <paramref name="line"/> is in the format of the command's answer ("+CPIN: …" for "AT+CPIN?").</summary>
        private bool AnswersCommand(string line)
        {
            int end = 2;
            while (end < _command.Length && _command[end] != '?' && _command[end] != '=')
            {
                end++;
            }

            int n = end - 2;
            if (n == 0 || line.Length <= n || line[n] != ':')
            {
                return false;
            }

            for (int i = 0; i < n; i++)
            {
                if (line[i] != _command[2 + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A line without a single visible ASCII character (only spaces, controls, 8-bit bytes).</summary>
        private static bool IsNoise(byte[] buffer, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (buffer[i] > 0x20 && buffer[i] < 0x7F)
                {
                    return false;
                }
            }

            return true;
        }

        private void NoteHostUrcWishes(string command)
        {
            string upper = command.ToUpper();
            if (ModemLine.HasPrefix(upper, "AT+CREG="))
            {
                _hostWantsCreg = upper != "AT+CREG=0";
            }
            else if (ModemLine.HasPrefix(upper, "AT+CGREG="))
            {
                _hostWantsCgreg = upper != "AT+CGREG=0";
            }
            else if (ModemLine.HasPrefix(upper, "AT+CLIP="))
            {
                _hostWantsClip = upper != "AT+CLIP=0";
            }
        }

        private bool CommandMentions(string text) => _owner != Owner.None && ModemLine.Contains(_command.ToUpper(), text);

        private static bool StartsWithUpper(string command, string prefix) => ModemLine.HasPrefix(command.ToUpper(), prefix);

        private static string Text(byte[] buffer, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)buffer[i];
            }

            return new string(chars);
        }
    }
}
