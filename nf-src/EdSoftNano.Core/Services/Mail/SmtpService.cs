using EdSoftNano.At;
using EdSoftNano.Parameters;
using EdSoftNano.Ports;

namespace EdSoftNano.Services.Mail
{
    /// <summary>
    /// The SMTP client (spec 3.3, 3.4): AT#SENDMAIL1..3 send the stored combination i (RECi,
    /// CCRECi, SUBJi, BODYi); AT#PUTMAIL sends REC1/CCREC1/SUBJ1 with a body the host types after
    /// Ok_Info_WaitingForData, up to CR LF . CR LF (not echoed). EHLO (HELO when refused) with
    /// DOMAIN, AUTH LOGIN when SMTPUN and SMTPPW are both set, MAIL FROM SENDERADDR, one RCPT per
    /// address, DATA with From/To/Cc/Subject, QUIT; OK once the server queued the mail.
    /// </summary>
    public sealed class SmtpService : IService
    {
        /// <summary>Bytes for the server's reply lines.</summary>
        public const int ReceiveBufferSize = 512;

        /// <summary>Bytes queued toward the server (commands, header pieces, body).</summary>
        public const int SendBufferSize = 1024;

        /// <summary>PUTMAIL: host silence that abandons the mail (3.4.2: "inactivity period of 50 seconds").</summary>
        public const int HostInactivityMs = 50000;

        /// <summary>Our caps on a DNS lookup, the TCP connect (the OS would wait ~2 min) and each server reply.</summary>
        public const int LookupTimeoutMs = ServerDial.LookupTimeoutMs;
        public const int ConnectTimeoutMs = ServerDial.ConnectTimeoutMs;
        public const int ReplyTimeoutMs = 60000;

        /// <summary>Room a header piece may need: "From: " + 120-character name + " &lt;" + 120-character address + "&gt;" CR LF.</summary>
        private const int HeaderPieceRoom = 300;

        /// <summary>Room the stored body needs: 120 characters, each at worst a stuffed dot or a CR LF, and the end line.</summary>
        private const int StoredBodyRoom = 3 * 120 + MailBodyEncoder.MaxBytesPerInput;

        private static readonly ParameterDef[] RecDefs = { ParameterTable.Rec1, ParameterTable.Rec2, ParameterTable.Rec3 };
        private static readonly ParameterDef[] CcDefs = { ParameterTable.CcRec1, ParameterTable.CcRec2, ParameterTable.CcRec3 };
        private static readonly ParameterDef[] SubjDefs = { ParameterTable.Subj1, ParameterTable.Subj2, ParameterTable.Subj3 };
        private static readonly ParameterDef[] BodyDefs = { ParameterTable.Body1, ParameterTable.Body2, ParameterTable.Body3 };
        private static readonly char[] Comma = { ',' };

        private enum Step
        {
            Idle,
            Dialing,
            Greeting,
            Ehlo,
            Helo,
            AuthLogin,
            AuthUser,
            AuthPassword,
            MailFrom,
            Recipient,
            Data,
            Header,
            StoredBody,
            HostBody,
            DataEnd,
        }

        private enum HeaderPart
        {
            From,
            To,
            Cc,
            Subject,
            Done,
        }

        private readonly ServiceContext _context;
        private readonly ServerDial _dial = new ServerDial();
        private readonly MailLineReader _reader = new MailLineReader(new byte[ReceiveBufferSize]);
        private readonly MailSocketWriter _writer = new MailSocketWriter(new byte[SendBufferSize]);
        private readonly MailBodyEncoder _body = new MailBodyEncoder();
        private Step _step;
        private INetStack _net;
        private int _socket = -1;
        private long _deadlineMs;
        private bool _hostBody;
        private int _mail;
        private string[] _to;
        private string[] _cc;
        private int _recipient;
        private HeaderPart _headerPart;
        private int _headerIndex;
        private int _replyCode;
        private bool _replyContinues;

        public SmtpService(ServiceContext context)
        {
            _context = context;
        }

        public bool Active => _step != Step.Idle;

        /// <summary>Holds the host link from the command to its result; host bytes are body only after the banner.</summary>
        public bool Busy => _step != Step.Idle;

        public bool Settled => _step == Step.Idle;

        public string StateName => "IDLE";

        public bool Owns(ActionCommand command)
            => command == ActionCommand.SendMail1 || command == ActionCommand.SendMail2 || command == ActionCommand.SendMail3 || command == ActionCommand.PutMail;

        public bool MayRunBeside(ActionCommand command, IService other) => false;

        public bool IsRunning(ServiceTag service, int socketId) => service == ServiceTag.Smtp && _step != Step.Idle;

        public int Start(ActionCommand command, int socketId, long nowMs)
        {
            _hostBody = command == ActionCommand.PutMail;
            _mail = command == ActionCommand.SendMail2 ? 1 : command == ActionCommand.SendMail3 ? 2 : 0;
            ParameterStore parameters = _context.Parameters;
            string server = parameters.Get(ParameterTable.SmtpServ);
            _to = Addresses(parameters.Get(RecDefs[_mail]));
            _cc = Addresses(parameters.Get(CcDefs[_mail]));
            if (server.Length == 0 || _to.Length == 0)
            {
                // No server or no recipient: nothing the server could be asked.
                return ErrorCodes.BadParameterConfiguration;
            }

            _net = _context.Net;
            if (!_dial.Start(_context, server, _context.Parameters.GetInt(ParameterTable.SmtpPort), nowMs))
            {
                return ErrorCodes.InternalResourceUnavailable;
            }

            _step = Step.Dialing;
            return ErrorCodes.None;
        }

        public int Feed(byte[] buffer, int offset, int count, long nowMs)
        {
            if (_step != Step.HostBody)
            {
                // Before the banner the host has nothing to send; its bytes wait.
                return 0;
            }

            int used = 0;
            while (used < count && _writer.Room >= MailBodyEncoder.MaxBytesPerInput)
            {
                bool ended = _body.PutHostByte(buffer[offset + used], _writer);
                used++;
                if (ended)
                {
                    // The rest is read as commands once the mail is through.
                    AwaitReply(Step.DataEnd, nowMs);
                    break;
                }
            }

            if (used > 0 && _step == Step.HostBody)
            {
                _deadlineMs = nowMs + HostInactivityMs;
            }

            return used;
        }

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
                End(SocketError(ErrorCodes.DataSendFailed));
                return;
            }

            if (_step == Step.Header)
            {
                PutHeader(nowMs);
                return;
            }

            if (_step == Step.HostBody)
            {
                if (nowMs - _deadlineMs >= 0)
                {
                    // No end sequence: closing without the final dot makes the server drop the mail.
                    End(ErrorCodes.DataSendFailed);
                }

                return;
            }

            PollReply(nowMs);
        }

        public void OnNetworkLost(int code, long nowMs)
        {
            if (_step != Step.Idle)
            {
                End(code);
            }
        }

        private static string[] Addresses(string list) => list.Length == 0 ? new string[0] : list.Split(Comma);

        private void PollDial(long nowMs)
        {
            if (!_dial.Poll(nowMs))
            {
                return;
            }

            if (_dial.Failed)
            {
                End(_dial.Error);
                return;
            }

            _socket = _dial.TakeSocket();
            _reader.Reset();
            _writer.Reset();
            // Nothing is sent before the 220 greeting (RFC 5321 3.1; servers refuse early talkers).
            AwaitReply(Step.Greeting, nowMs);
        }

        private void PollReply(long nowMs)
        {
            while (_step != Step.Idle)
            {
                int read = _reader.Next(_net, _socket);
                if (read == MailLineReader.Closed)
                {
                    End(SocketError(ErrorCodes.ClosedByPeer));
                    return;
                }

                if (read == MailLineReader.NoLine)
                {
                    if (nowMs - _deadlineMs >= 0)
                    {
                        End(ErrorCodes.NoResponseFromServer);
                    }

                    return;
                }

                if (_reader.LineStart)
                {
                    // "250-…" continues a reply, "250 …" (or a bare "250") ends it (RFC 5321 4.2.1).
                    _replyCode = ReplyCode(_reader.Buffer, _reader.LineOffset, _reader.LineLength);
                    _replyContinues = _reader.LineLength > 3 && _reader.Buffer[_reader.LineOffset + 3] == (byte)'-';
                }

                // A reply counts once its line is whole (a long one comes in pieces; a cut one never does).
                if (_reader.LineComplete && !_replyContinues)
                {
                    OnReply(nowMs);
                }
            }
        }

        private static int ReplyCode(byte[] line, int offset, int length)
        {
            if (length < 3)
            {
                return 0;
            }

            int code = 0;
            for (int i = 0; i < 3; i++)
            {
                int digit = line[offset + i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return 0;
                }

                code = code * 10 + digit;
            }

            return code;
        }

        private void OnReply(long nowMs)
        {
            int kind = _replyCode / 100;
            ParameterStore parameters = _context.Parameters;
            switch (_step)
            {
                case Step.Greeting:
                    if (_replyCode != 220)
                    {
                        End(ErrorCodes.OpenSessionFailed);
                        return;
                    }

                    Send("EHLO " + HelloName(), Step.Ehlo, nowMs);
                    return;
                case Step.Ehlo:
                    if (kind != 2)
                    {
                        // An old server: plain HELO (RFC 5321 3.2).
                        Send("HELO " + HelloName(), Step.Helo, nowMs);
                        return;
                    }

                    AfterHello(nowMs);
                    return;
                case Step.Helo:
                    if (kind != 2)
                    {
                        End(ErrorCodes.OpenSessionFailed);
                        return;
                    }

                    AfterHello(nowMs);
                    return;
                case Step.AuthLogin:
                case Step.AuthUser:
                    if (_replyCode != 334)
                    {
                        End(ErrorCodes.UsernameRejected);
                        return;
                    }

                    if (_step == Step.AuthLogin)
                    {
                        _writer.PutBase64Line(parameters.Get(ParameterTable.SmtpUn));
                        AwaitReply(Step.AuthUser, nowMs);
                    }
                    else
                    {
                        _writer.PutBase64Line(parameters.Get(ParameterTable.SmtpPw));
                        AwaitReply(Step.AuthPassword, nowMs);
                    }

                    return;
                case Step.AuthPassword:
                    if (kind != 2)
                    {
                        End(ErrorCodes.PasswordRejected);
                        return;
                    }

                    SendMailFrom(nowMs);
                    return;
                case Step.MailFrom:
                    if (kind != 2)
                    {
                        End(ErrorCodes.SenderRejected);
                        return;
                    }

                    _recipient = 0;
                    SendRecipient(nowMs);
                    return;
                case Step.Recipient:
                    if (kind != 2)
                    {
                        End(_recipient <= _to.Length ? ErrorCodes.RecipientRejected : ErrorCodes.CcRecipientRejected);
                        return;
                    }

                    SendRecipient(nowMs);
                    return;
                case Step.Data:
                    if (_replyCode != 354)
                    {
                        End(ErrorCodes.BodyRejected);
                        return;
                    }

                    _headerPart = HeaderPart.From;
                    _headerIndex = 0;
                    _step = Step.Header;
                    PutHeader(nowMs);
                    return;
                case Step.DataEnd:
                    if (kind != 2)
                    {
                        End(ErrorCodes.BodyRejected);
                        return;
                    }

                    _writer.PutLine("QUIT");
                    _writer.Flush(_net, _socket);
                    CloseSocket();
                    _step = Step.Idle;
                    _context.Writer.Result(ResultCode.Ok);
                    return;
            }
        }

        private string HelloName()
        {
            string domain = _context.Parameters.Get(ParameterTable.Domain);
            return domain.Length > 0 ? domain : "localhost";
        }

        private void AfterHello(long nowMs)
        {
            ParameterStore parameters = _context.Parameters;
            if (parameters.Get(ParameterTable.SmtpUn).Length > 0 && parameters.Get(ParameterTable.SmtpPw).Length > 0)
            {
                // 3.1.14: both set turns authentication on; LOGIN is the only mechanism.
                Send("AUTH LOGIN", Step.AuthLogin, nowMs);
                return;
            }

            SendMailFrom(nowMs);
        }

        private void SendMailFrom(long nowMs)
            => Send("MAIL FROM:<" + _context.Parameters.Get(ParameterTable.SenderAddr) + ">", Step.MailFrom, nowMs);

        private void SendRecipient(long nowMs)
        {
            if (_recipient == _to.Length + _cc.Length)
            {
                Send("DATA", Step.Data, nowMs);
                return;
            }

            string address = _recipient < _to.Length ? _to[_recipient] : _cc[_recipient - _to.Length];
            _recipient++;
            Send("RCPT TO:<" + address + ">", Step.Recipient, nowMs);
        }

        /// <summary>
        /// Puts the header one piece at a time as room frees up: From, To and Cc with one address per
        /// (folded) line, Subject, the empty line; then the stored body, or the banner for the host's.
        /// </summary>
        private void PutHeader(long nowMs)
        {
            ParameterStore parameters = _context.Parameters;
            while (_headerPart != HeaderPart.Done && _writer.Room >= HeaderPieceRoom)
            {
                switch (_headerPart)
                {
                    case HeaderPart.From:
                        string name = parameters.Get(ParameterTable.SenderName);
                        _writer.Put("From: ");
                        if (name.Length > 0)
                        {
                            _writer.Put(name);
                            _writer.Put(" ");
                        }

                        _writer.PutLine("<" + parameters.Get(ParameterTable.SenderAddr) + ">");
                        _headerPart = HeaderPart.To;
                        break;
                    case HeaderPart.To:
                    case HeaderPart.Cc:
                        string[] list = _headerPart == HeaderPart.To ? _to : _cc;
                        if (_headerIndex < list.Length)
                        {
                            _writer.Put(_headerIndex == 0 ? (_headerPart == HeaderPart.To ? "To: " : "Cc: ") : " ");
                            _writer.Put(list[_headerIndex]);
                            _writer.PutLine(_headerIndex + 1 < list.Length ? "," : "");
                            _headerIndex++;
                        }
                        else
                        {
                            _headerIndex = 0;
                            _headerPart = _headerPart == HeaderPart.To ? HeaderPart.Cc : HeaderPart.Subject;
                        }

                        break;
                    default:
                        _writer.PutLine("Subject: " + parameters.Get(SubjDefs[_mail]));
                        _writer.PutLine("");
                        _headerPart = HeaderPart.Done;
                        break;
                }
            }

            if (_headerPart != HeaderPart.Done || (!_hostBody && _writer.Room < StoredBodyRoom))
            {
                return;
            }

            _body.Reset();
            if (_hostBody)
            {
                _step = Step.HostBody;
                _deadlineMs = nowMs + HostInactivityMs;
                _context.Writer.Result(ResultCode.WaitingForData);
                return;
            }

            string text = parameters.Get(BodyDefs[_mail]);
            for (int i = 0; i < text.Length; i++)
            {
                _body.PutTextChar(text[i], _writer);
            }

            _body.End(_writer);
            AwaitReply(Step.DataEnd, nowMs);
        }

        private void Send(string command, Step next, long nowMs)
        {
            _writer.PutLine(command);
            AwaitReply(next, nowMs);
        }

        private void AwaitReply(Step next, long nowMs)
        {
            _step = next;
            _deadlineMs = nowMs + ReplyTimeoutMs;
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

        private void End(int code)
        {
            _dial.Close();
            CloseSocket();
            _step = Step.Idle;
            _context.Writer.Error(code);
        }
    }
}
