using EdSoftNano.At;
using EdSoftNano.Parameters;
using EdSoftNano.Ports;

namespace EdSoftNano.Services.Mail
{
    /// <summary>
    /// AT#GETMAIL (spec 3.2): logs in to POP3SERV:POP3PORT with USER/PASS, and when the mailbox
    /// holds mail, writes Ok_Info_Mail, the first message (its From, Cc and Subject fields and an
    /// empty line when POP3HEADERMODE is 1, then the body, lines as the server sends them, dots
    /// doubled), the end line ".", then OK. The retrieved message is deleted (DELE 1, QUIT), so the
    /// next #GETMAIL gets the next one. An empty mailbox answers Ok_Info_NoMail.
    /// </summary>
    public sealed class Pop3Service : IService
    {
        /// <summary>Bytes for the server's lines (longer lines pass through in pieces).</summary>
        public const int ReceiveBufferSize = 512;

        /// <summary>Bytes of one command: "USER " or "PASS " and 64 characters.</summary>
        public const int SendBufferSize = 128;

        /// <summary>Our caps on a DNS lookup, the TCP connect and each server answer.</summary>
        public const int LookupTimeoutMs = ServerDial.LookupTimeoutMs;
        public const int ConnectTimeoutMs = ServerDial.ConnectTimeoutMs;
        public const int ReplyTimeoutMs = 60000;

        /// <summary>Message lines forwarded per main-loop turn, so a long mail does not stall the loop.</summary>
        private const int LinesPerPoll = 32;

        private static readonly byte[] EndLine = { (byte)'.', 13, 10 };
        private static readonly byte[] LineEnd = { 13, 10 };

        private enum Step
        {
            Idle,
            Dialing,
            Greeting,
            User,
            Password,
            Stat,
            Retrieve,
            Message,
            Delete,
            Quit,
        }

        private readonly ServiceContext _context;
        private readonly ServerDial _dial = new ServerDial();
        private readonly MailLineReader _reader = new MailLineReader(new byte[ReceiveBufferSize]);
        private readonly MailSocketWriter _writer = new MailSocketWriter(new byte[SendBufferSize]);
        private Step _step;
        private INetStack _net;
        private int _socket = -1;
        private long _deadlineMs;
        private bool _headerMode;
        private bool _inHeader;
        private bool _fieldKept;
        private bool _forwardLine;
        private bool _hostAtLineStart;
        private bool _statusOk;
        private int _statusCount;

        public Pop3Service(ServiceContext context)
        {
            _context = context;
        }

        public bool Active => _step != Step.Idle;

        /// <summary>Holds the host link until the result; typed bytes wait.</summary>
        public bool Busy => _step != Step.Idle;

        public bool Settled => _step == Step.Idle;

        public string StateName => "IDLE";

        public bool Owns(ActionCommand command) => command == ActionCommand.GetMail;

        public bool MayRunBeside(ActionCommand command, IService other) => false;

        public bool IsRunning(ServiceTag service, int socketId) => service == ServiceTag.Pop3 && _step != Step.Idle;

        public int Start(ActionCommand command, int socketId, long nowMs)
        {
            string server = _context.Parameters.Get(ParameterTable.Pop3Serv);
            if (server.Length == 0)
            {
                return ErrorCodes.BadParameterConfiguration;
            }

            _headerMode = _context.Parameters.GetInt(ParameterTable.Pop3HeaderMode) == 1;
            _net = _context.Net;
            if (!_dial.Start(_context, server, _context.Parameters.GetInt(ParameterTable.Pop3Port), nowMs))
            {
                return ErrorCodes.InternalResourceUnavailable;
            }

            _step = Step.Dialing;
            return ErrorCodes.None;
        }

        public int Feed(byte[] buffer, int offset, int count, long nowMs) => 0;

        public void Poll(long nowMs)
        {
            if (_step == Step.Idle || _context.Net == null)
            {
                return;
            }

            if (_step == Step.Dialing)
            {
                PollDial(nowMs);
                return;
            }

            if (!_writer.Flush(_net, _socket))
            {
                Fail(SocketError(ErrorCodes.DataSendFailed));
                return;
            }

            for (int lines = 0; lines < LinesPerPoll && _step != Step.Idle; lines++)
            {
                int read = _reader.Next(_net, _socket);
                if (read == MailLineReader.Closed)
                {
                    OnClosed();
                    return;
                }

                if (read == MailLineReader.NoLine)
                {
                    if (nowMs - _deadlineMs >= 0 && Delivered)
                    {
                        FinishDelivered();
                    }
                    else if (nowMs - _deadlineMs >= 0)
                    {
                        Fail(_step == Step.Message ? ErrorCodes.EmailRetrieveFailed : ErrorCodes.NoResponseFromServer);
                    }

                    return;
                }

                _deadlineMs = nowMs + ReplyTimeoutMs;
                if (_step == Step.Message)
                {
                    ForwardMessageLine(nowMs);
                }
                else
                {
                    if (_reader.LineStart)
                    {
                        _statusOk = IsOk();
                        _statusCount = MessageCount();
                    }

                    // A status counts once its line is whole (a cut one never does).
                    if (_reader.LineComplete)
                    {
                        OnStatus(_statusOk, nowMs);
                    }
                }
            }
        }

        public void OnNetworkLost(int code, long nowMs)
        {
            if (_step != Step.Idle)
            {
                Fail(code);
            }
        }

        private void PollDial(long nowMs)
        {
            if (!_dial.Poll(nowMs))
            {
                return;
            }

            if (_dial.Failed)
            {
                Fail(_dial.Error);
                return;
            }

            _socket = _dial.TakeSocket();
            _reader.Reset();
            _writer.Reset();
            AwaitReply(Step.Greeting, nowMs);
        }

        /// <summary>"+OK" starts a positive status line (RFC 1939 3).</summary>
        private bool IsOk()
        {
            byte[] line = _reader.Buffer;
            int at = _reader.LineOffset;
            return _reader.LineLength >= 3 && line[at] == (byte)'+' && line[at + 1] == (byte)'O' && line[at + 2] == (byte)'K';
        }

        private void OnStatus(bool ok, long nowMs)
        {
            switch (_step)
            {
                case Step.Greeting:
                    if (!ok)
                    {
                        Fail(ErrorCodes.OpenSessionFailed);
                        return;
                    }

                    Send("USER " + _context.Parameters.Get(ParameterTable.Pop3Un), Step.User, nowMs);
                    return;
                case Step.User:
                    if (!ok)
                    {
                        Fail(ErrorCodes.UsernameRejected);
                        return;
                    }

                    Send("PASS " + _context.Parameters.Get(ParameterTable.Pop3Pw), Step.Password, nowMs);
                    return;
                case Step.Password:
                    if (!ok)
                    {
                        Fail(ErrorCodes.PasswordRejected);
                        return;
                    }

                    Send("STAT", Step.Stat, nowMs);
                    return;
                case Step.Stat:
                    if (!ok)
                    {
                        Fail(ErrorCodes.EmailRetrieveFailed);
                        return;
                    }

                    if (_statusCount == 0)
                    {
                        _context.Writer.Result(ResultCode.NoMail);
                        Quit();
                        return;
                    }

                    Send("RETR 1", Step.Retrieve, nowMs);
                    return;
                case Step.Retrieve:
                    if (!ok)
                    {
                        Fail(ErrorCodes.EmailRetrieveFailed);
                        return;
                    }

                    _context.Writer.Result(ResultCode.Mail);
                    _context.Writer.Flush();
                    _inHeader = true;
                    _fieldKept = false;
                    _hostAtLineStart = true;
                    _step = Step.Message;
                    return;
                case Step.Delete:
                    // Delivered either way; a refused DELE only means the mail comes again.
                    Send("QUIT", Step.Quit, nowMs);
                    return;
                case Step.Quit:
                    FinishDelivered();
                    return;
            }
        }

        /// <summary>The n of "+OK n size" (STAT), 0 when it cannot be read.</summary>
        private int MessageCount()
        {
            byte[] line = _reader.Buffer;
            int i = _reader.LineOffset + 3;
            int end = _reader.LineOffset + _reader.LineLength;
            while (i < end && line[i] == (byte)' ')
            {
                i++;
            }

            int count = 0;
            while (i < end && line[i] >= (byte)'0' && line[i] <= (byte)'9' && count < 100000)
            {
                count = count * 10 + (line[i] - '0');
                i++;
            }

            return count;
        }

        /// <summary>
        /// One line (or piece) of the RETR answer: the "." line ends it; header lines are kept only
        /// for From, Cc and Subject (with their folded continuations) and only in header mode.
        /// </summary>
        private void ForwardMessageLine(long nowMs)
        {
            byte[] line = _reader.Buffer;
            int at = _reader.LineOffset;
            int length = _reader.LineLength;
            if (_reader.LineStart && _reader.LineComplete && length == 1 && line[at] == (byte)'.')
            {
                WriteHost(EndLine, 0, EndLine.Length);
                _context.Writer.Flush();
                Send("DELE 1", Step.Delete, nowMs);
                return;
            }

            if (_reader.LineStart)
            {
                if (!_inHeader)
                {
                    _forwardLine = true;
                }
                else if (length == 0 && _reader.LineComplete)
                {
                    _inHeader = false;
                    _forwardLine = _headerMode;
                }
                else if (line[at] == (byte)' ' || line[at] == (byte)'\t')
                {
                    _forwardLine = _headerMode && _fieldKept;
                }
                else
                {
                    _fieldKept = IsField(line, at, length, "from") || IsField(line, at, length, "cc") || IsField(line, at, length, "subject");
                    _forwardLine = _headerMode && _fieldKept;
                }
            }

            if (_forwardLine)
            {
                WriteHost(line, at, length);
                if (_reader.LineComplete)
                {
                    WriteHost(LineEnd, 0, LineEnd.Length);
                }
            }
        }

        /// <summary>True when the header line starts with <paramref name="name"/> and a colon (any case).</summary>
        private static bool IsField(byte[] line, int at, int length, string name)
        {
            if (length <= name.Length || line[at + name.Length] != (byte)':')
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                int c = line[at + i];
                if (c >= 'A' && c <= 'Z')
                {
                    c += 'a' - 'A';
                }

                if (c != name[i])
                {
                    return false;
                }
            }

            return true;
        }

        private void WriteHost(byte[] data, int offset, int count)
        {
            if (count == 0)
            {
                return;
            }

            _context.Writer.Raw(data, offset, count);
            _hostAtLineStart = data[offset + count - 1] == 10;
        }

        private void OnClosed()
        {
            if (Delivered)
            {
                // The server went away after the mail reached the host: it is through all the same.
                FinishDelivered();
                return;
            }

            Fail(SocketError(_step == Step.Message ? (_inHeader ? ErrorCodes.EmailHeaderFailed : ErrorCodes.EmailRetrieveFailed) : ErrorCodes.ClosedByPeer));
        }

        /// <summary>True once the whole mail went to the host: only DELE and QUIT are left.</summary>
        private bool Delivered => _step == Step.Delete || _step == Step.Quit;

        private void FinishDelivered()
        {
            CloseSocket();
            _step = Step.Idle;
            _context.Writer.Result(ResultCode.Ok);
        }

        private void Send(string command, Step next, long nowMs)
        {
            _writer.PutLine(command);
            _writer.Flush(_net, _socket);
            AwaitReply(next, nowMs);
        }

        private void AwaitReply(Step next, long nowMs)
        {
            _step = next;
            _deadlineMs = nowMs + ReplyTimeoutMs;
        }

        private void Quit()
        {
            _writer.PutLine("QUIT");
            _writer.Flush(_net, _socket);
            CloseSocket();
            _step = Step.Idle;
        }

        private int SocketError(int fallback)
        {
            int code = _socket > 0 ? _net.Error(_socket) : 0;
            return code != 0 ? code : fallback;
        }

        private void CloseSocket()
        {
            if (_socket > 0 && _net != null)
            {
                _net.Close(_socket);
            }

            _socket = -1;
        }

        /// <summary>
        /// Ends with <paramref name="code"/>; once mail lines went out, the end line comes first
        /// (3.2.2: "preceded by a (CR)(LF).(CR)(LF) sequence").
        /// </summary>
        private void Fail(int code)
        {
            if (_step == Step.Message)
            {
                if (!_hostAtLineStart)
                {
                    WriteHost(LineEnd, 0, LineEnd.Length);
                }

                WriteHost(EndLine, 0, EndLine.Length);
            }

            _dial.Close();
            CloseSocket();
            _step = Step.Idle;
            _context.Writer.Error(code);
        }
    }
}
