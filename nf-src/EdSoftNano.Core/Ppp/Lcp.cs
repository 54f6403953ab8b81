namespace EdSoftNano.Ppp
{
    /// <summary>
    /// The Link Control Protocol (RFC 1661 5-6, RFC 1662 7.1) on <see cref="ControlProtocolFsm"/>:
    /// negotiates MRU, ACCM, Authentication-Protocol, Magic-Number, PFC and ACFC both ways
    /// (Configure-Nak and Configure-Reject handled in both directions), detects a looped-back link by
    /// the Magic-Number, answers Echo-Request, and sends Protocol-Reject for protocols the session
    /// does not run. "Local" options are the ones the peer agreed to for the frames it sends us;
    /// "peer" options the ones we agreed to for the frames we send it.
    /// </summary>
    public sealed class Lcp : IControlProtocol
    {
        private readonly ControlProtocolFsm _fsm;
        private readonly ILayerEvents _events;
        private readonly byte[] _lastRequest = new byte[LcpOption.MaxRequestLength];
        private int _lastRequestLength;
        private uint _random;

        // Configuration: what we ask for and what we accept.
        private int _cfgMru = LcpOption.DefaultMru;
        private uint _cfgAccm;
        private int _cfgAuth;          // 0, or PAP/CHAP when we are the authenticator
        private bool _acceptPap = true;
        private bool _acceptChap = true;

        // What we request now (Naks and Rejects adjust it).
        private bool _reqMru;
        private int _wantMru;
        private bool _reqAccm;
        private uint _wantAccm;
        private bool _reqAuth;
        private int _wantAuth;
        private bool _reqMagic;
        private uint _wantMagic;
        private bool _reqPfc;
        private bool _reqAcfc;

        // What the peer acknowledged of ours (in force from LayerUp).
        private int _localMru = LcpOption.DefaultMru;
        private uint _localAccm = HdlcCodes.DefaultAccm;
        private int _localAuth;
        private uint _localMagic;
        private bool _localPfc;
        private bool _localAcfc;

        // What we acknowledged of the peer's.
        private int _peerMru = LcpOption.DefaultMru;
        private uint _peerAccm = HdlcCodes.DefaultAccm;
        private int _peerAuth;
        private uint _peerMagic;
        private bool _peerPfc;
        private bool _peerAcfc;

        private int _loopbackSuspicions;
        private int _echoRequests;
        private int _echoReplies;
        private long _lastEchoReplyMs;
        private int _rejectedProtocol;

        /// <summary>
        /// Creates LCP sending through <paramref name="output"/>. <paramref name="txBuffer"/> and
        /// <paramref name="replyBuffer"/> are the automaton's (see <see cref="ControlProtocolFsm"/>);
        /// <paramref name="seed"/> seeds the Magic-Number generator (use something that differs per
        /// boot and per device, e.g. a tick count mixed with a serial number); <paramref name="events"/>
        /// may be null.
        /// </summary>
        public Lcp(IPppPacketOutput output, byte[] txBuffer, byte[] replyBuffer, uint seed, ILayerEvents events)
        {
            _fsm = new ControlProtocolFsm(PppProtocol.Lcp, this, output, txBuffer, replyBuffer);
            _events = events;
            _random = seed == 0 ? 0x9E3779B9 : seed;
            ResetOptions();
        }

        /// <summary>The automaton: Up/Down/Open/Close/Poll/Receive go through it.</summary>
        public ControlProtocolFsm Fsm => _fsm;

        /// <summary>True in Opened.</summary>
        public bool IsOpened => _fsm.State == PppState.Opened;

        /// <summary>MRU the peer agreed to send us.</summary>
        public int LocalMru => _localMru;
        /// <summary>ACCM the peer agreed to use towards us (our receive ACCM).</summary>
        public uint LocalAccm => _localAccm;
        /// <summary>Authentication the peer must perform for us (we authenticate it): 0, PAP or CHAP.</summary>
        public int LocalAuth => _localAuth;
        /// <summary>Our Magic-Number as acknowledged (0 when not negotiated).</summary>
        public uint LocalMagic => _localMagic;
        /// <summary>The peer may send us protocol-compressed frames.</summary>
        public bool LocalPfc => _localPfc;
        /// <summary>The peer may send us frames without address/control.</summary>
        public bool LocalAcfc => _localAcfc;

        /// <summary>Largest information field we may send.</summary>
        public int PeerMru => _peerMru;
        /// <summary>Our transmit ACCM.</summary>
        public uint PeerAccm => _peerAccm;
        /// <summary>Authentication we must perform for the peer: 0, PAP (0xC023) or CHAP (0xC223, MD5).</summary>
        public int PeerAuth => _peerAuth;
        /// <summary>The peer's Magic-Number (0 when not negotiated).</summary>
        public uint PeerMagic => _peerMagic;
        /// <summary>We may compress the protocol field.</summary>
        public bool PeerPfc => _peerPfc;
        /// <summary>We may omit address/control.</summary>
        public bool PeerAcfc => _peerAcfc;

        /// <summary>Configure-Requests or Echo packets that carried our own Magic-Number: the link may be looped back.</summary>
        public int LoopbackSuspicions => _loopbackSuspicions;
        /// <summary>Echo-Requests received.</summary>
        public int EchoRequests => _echoRequests;
        /// <summary>Echo-Replies received.</summary>
        public int EchoReplies => _echoReplies;
        /// <summary>Time of the last Echo-Reply (for the link watchdog).</summary>
        public long LastEchoReplyMs => _lastEchoReplyMs;
        /// <summary>The protocol of the last Protocol-Reject received (the session stops that protocol), 0 if none.</summary>
        public int RejectedProtocol => _rejectedProtocol;

        /// <summary>
        /// Sets what we request and accept: our MRU, the ACCM we ask for (0: no control character
        /// escaped towards us), the authentication we require of the peer (0, PAP or CHAP; server
        /// mode) and which ones we are ready to perform when the peer requires them.
        /// </summary>
        public void Configure(int mru, uint accm, int requireAuth, bool acceptPap, bool acceptChap)
        {
            _cfgMru = mru;
            _cfgAccm = accm;
            _cfgAuth = requireAuth;
            _acceptPap = acceptPap;
            _acceptChap = acceptChap;
        }

        /// <summary>Sends an Echo-Request carrying our magic (link watchdog); only in Opened.</summary>
        public void SendEchoRequest()
        {
            if (!IsOpened)
            {
                return;
            }

            byte[] tx = _fsm.TxBuffer;
            OptionBytes.PutUInt32(tx, ControlCode.HeaderLength, _localMagic);
            _fsm.SendBuilt(ControlCode.EchoRequest, _fsm.NextId(), 4);
        }

        /// <summary>
        /// Rejects a frame of an unsupported <paramref name="protocol"/> (RFC 1661 5.7): sends
        /// Protocol-Reject with the rejected information field, truncated to the peer's MRU. Only in Opened.
        /// </summary>
        public void SendProtocolReject(int protocol, byte[] info, int offset, int count)
        {
            if (!IsOpened)
            {
                return;
            }

            byte[] tx = _fsm.TxBuffer;
            int room = tx.Length - ControlCode.HeaderLength - 2;
            int mruRoom = _peerMru - ControlCode.HeaderLength - 2;
            if (mruRoom < room)
            {
                room = mruRoom;
            }

            int n = count < room ? count : room;
            tx[ControlCode.HeaderLength] = (byte)(protocol >> 8);
            tx[ControlCode.HeaderLength + 1] = (byte)protocol;
            if (n > 0)
            {
                System.Array.Copy(info, offset, tx, ControlCode.HeaderLength + 2, n);
            }

            _fsm.SendBuilt(ControlCode.ProtocolReject, _fsm.NextId(), 2 + n);
        }

        /// <inheritdoc />
        public void ResetOptions()
        {
            _wantMru = _cfgMru;
            _reqMru = _cfgMru != LcpOption.DefaultMru;
            _wantAccm = _cfgAccm;
            _reqAccm = _cfgAccm != HdlcCodes.DefaultAccm;
            _wantAuth = _cfgAuth;
            _reqAuth = _cfgAuth != 0;
            _reqMagic = true;
            _wantMagic = NextMagic();
            _reqPfc = true;
            _reqAcfc = true;
        }

        /// <inheritdoc />
        public int BuildRequest(byte[] buf, int offset, int room)
        {
            int o = 0;
            byte[] r = _lastRequest;
            if (_reqMru)
            {
                r[o++] = LcpOption.Mru; r[o++] = 4; r[o++] = (byte)(_wantMru >> 8); r[o++] = (byte)_wantMru;
            }

            if (_reqAccm)
            {
                r[o++] = LcpOption.Accm; r[o++] = 6; OptionBytes.PutUInt32(r, o, _wantAccm); o += 4;
            }

            if (_reqAuth)
            {
                bool chap = _wantAuth == PppProtocol.Chap;
                r[o++] = LcpOption.AuthProtocol; r[o++] = (byte)(chap ? 5 : 4);
                r[o++] = (byte)(_wantAuth >> 8); r[o++] = (byte)_wantAuth;
                if (chap)
                {
                    r[o++] = LcpOption.ChapMd5;
                }
            }

            if (_reqMagic)
            {
                r[o++] = LcpOption.MagicNumber; r[o++] = 6; OptionBytes.PutUInt32(r, o, _wantMagic); o += 4;
            }

            if (_reqPfc)
            {
                r[o++] = LcpOption.Pfc; r[o++] = 2;
            }

            if (_reqAcfc)
            {
                r[o++] = LcpOption.Acfc; r[o++] = 2;
            }

            _lastRequestLength = o;
            int n = o < room ? o : room;
            System.Array.Copy(r, 0, buf, offset, n);
            return n;
        }

        /// <inheritdoc />
        public bool AckReceived(byte[] buf, int offset, int count)
        {
            if (count != _lastRequestLength)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (buf[offset + i] != _lastRequest[i])
                {
                    return false;
                }
            }

            _localMru = _reqMru ? _wantMru : LcpOption.DefaultMru;
            _localAccm = _reqAccm ? _wantAccm : HdlcCodes.DefaultAccm;
            _localAuth = _reqAuth ? _wantAuth : 0;
            _localMagic = _reqMagic ? _wantMagic : 0;
            _localPfc = _reqPfc;
            _localAcfc = _reqAcfc;
            return true;
        }

        /// <inheritdoc />
        public bool NakReceived(byte[] buf, int offset, int count, bool reject)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                if (end - i < 2 || buf[i + 1] < 2 || i + buf[i + 1] > end)
                {
                    return false;
                }

                int type = buf[i];
                int len = buf[i + 1];
                int v = i + 2;
                if (reject)
                {
                    switch (type)
                    {
                        case LcpOption.Mru: _reqMru = false; break;
                        case LcpOption.Accm: _reqAccm = false; break;
                        case LcpOption.AuthProtocol: _reqAuth = false; break;
                        case LcpOption.MagicNumber: _reqMagic = false; break;
                        case LcpOption.Pfc: _reqPfc = false; break;
                        case LcpOption.Acfc: _reqAcfc = false; break;
                    }
                }
                else
                {
                    switch (type)
                    {
                        case LcpOption.Mru:
                            if (len == 4)
                            {
                                int mru = (buf[v] << 8) | buf[v + 1];
                                _wantMru = mru < _cfgMru ? mru : _cfgMru;
                                _reqMru = _wantMru != LcpOption.DefaultMru;
                            }

                            break;
                        case LcpOption.Accm:
                            if (len == 6)
                            {
                                _wantAccm |= OptionBytes.GetUInt32(buf, v);
                                _reqAccm = _wantAccm != HdlcCodes.DefaultAccm;
                            }

                            break;
                        case LcpOption.AuthProtocol:
                            // The peer prefers another method; we only ask for the one we were configured with.
                            break;
                        case LcpOption.MagicNumber:
                            _wantMagic = NextMagic();
                            _loopbackSuspicions += len == 6 && OptionBytes.GetUInt32(buf, v) == _wantMagic ? 1 : 0;
                            break;
                    }
                }

                i += len;
            }

            return true;
        }

        /// <inheritdoc />
        public int JudgeRequest(byte[] req, int offset, int count, byte[] reply, int replyOffset, int room, bool rejectInsteadOfNak, out int replyLength)
        {
            int end = offset + count;

            // Pass 1: reject what we do not know or cannot parse.
            int o = 0;
            int i = offset;
            while (i < end)
            {
                int len = end - i >= 2 ? req[i + 1] : 0;
                if (len < 2 || i + len > end)
                {
                    o = OptionBytes.Put(req, i, end - i, reply, replyOffset, o, room);   // malformed tail: reject it as it is
                    break;
                }

                if (!Known(req[i], len))
                {
                    o = OptionBytes.Put(req, i, len, reply, replyOffset, o, room);
                }

                i += len;
            }

            if (o > 0)
            {
                replyLength = o;
                return ControlCode.ConfigureReject;
            }

            // Pass 2: Nak values we do not accept, with a value we do.
            int mru = LcpOption.DefaultMru;
            uint accm = HdlcCodes.DefaultAccm;
            int auth = 0;
            uint magic = 0;
            bool pfc = false;
            bool acfc = false;
            for (i = offset; i < end; i += req[i + 1])
            {
                int v = i + 2;
                switch (req[i])
                {
                    case LcpOption.Mru:
                        mru = (req[v] << 8) | req[v + 1];
                        break;
                    case LcpOption.Accm:
                        accm = OptionBytes.GetUInt32(req, v);
                        break;
                    case LcpOption.AuthProtocol:
                        int proto = (req[v] << 8) | req[v + 1];
                        bool ok = (proto == PppProtocol.Pap && _acceptPap && req[i + 1] == 4)
                            || (proto == PppProtocol.Chap && _acceptChap && req[i + 1] == 5 && req[v + 2] == LcpOption.ChapMd5);
                        if (ok)
                        {
                            auth = proto;
                        }
                        else if (_acceptChap || _acceptPap)
                        {
                            o = PutAuthNak(reply, replyOffset, o, room);
                        }
                        else
                        {
                            o = OptionBytes.Put(req, i, req[i + 1], reply, replyOffset, o, room);
                        }

                        break;
                    case LcpOption.MagicNumber:
                        magic = OptionBytes.GetUInt32(req, v);
                        if (magic == 0 || (_reqMagic && magic == _wantMagic))
                        {
                            if (magic != 0)
                            {
                                _loopbackSuspicions++;
                            }

                            o = PutMagicNak(reply, replyOffset, o, room);
                        }

                        break;
                    case LcpOption.Pfc:
                        pfc = true;
                        break;
                    case LcpOption.Acfc:
                        acfc = true;
                        break;
                }
            }

            if (o > 0)
            {
                replyLength = o;
                if (rejectInsteadOfNak)
                {
                    // Not converging: reject the options we would have Naked instead.
                    o = 0;
                    for (i = offset; i < end; i += req[i + 1])
                    {
                        if (req[i] == LcpOption.AuthProtocol || req[i] == LcpOption.MagicNumber)
                        {
                            o = OptionBytes.Put(req, i, req[i + 1], reply, replyOffset, o, room);
                        }
                    }

                    replyLength = o;
                    return ControlCode.ConfigureReject;
                }

                return ControlCode.ConfigureNak;
            }

            _peerMru = mru;
            _peerAccm = accm;
            _peerAuth = auth;
            _peerMagic = magic;
            _peerPfc = pfc;
            _peerAcfc = acfc;
            replyLength = OptionBytes.Put(req, offset, count, reply, replyOffset, 0, room);
            return ControlCode.ConfigureAck;
        }

        /// <inheritdoc />
        public bool OtherCode(int code, int id, byte[] buf, int offset, int count)
        {
            int data = offset + ControlCode.HeaderLength;
            int dataLength = count - ControlCode.HeaderLength;
            switch (code)
            {
                case ControlCode.ProtocolReject:
                    if (_fsm.State != PppState.Opened || dataLength < 2)
                    {
                        return true;   // RFC 1661 5.7: only meaningful in Opened
                    }

                    _rejectedProtocol = (buf[data] << 8) | buf[data + 1];
                    _fsm.Apply(_rejectedProtocol == PppProtocol.Lcp ? PppEvent.RejectCatastrophic : PppEvent.RejectPermitted);
                    return true;
                case ControlCode.EchoRequest:
                    _echoRequests++;
                    if (_fsm.State == PppState.Opened && dataLength >= 4)
                    {
                        if (_localMagic != 0 && OptionBytes.GetUInt32(buf, data) == _localMagic)
                        {
                            _loopbackSuspicions++;
                        }

                        byte[] tx = _fsm.TxBuffer;
                        int room = tx.Length - ControlCode.HeaderLength;
                        int n = dataLength < room ? dataLength : room;
                        System.Array.Copy(buf, data, tx, ControlCode.HeaderLength, n);
                        OptionBytes.PutUInt32(tx, ControlCode.HeaderLength, _localMagic);
                        _fsm.SendBuilt(ControlCode.EchoReply, id, n);
                        _fsm.Apply(PppEvent.EchoOrDiscard);
                    }

                    return true;
                case ControlCode.EchoReply:
                    if (_fsm.State == PppState.Opened)
                    {
                        _echoReplies++;
                        _lastEchoReplyMs = _fsm.NowMs;
                    }

                    return true;
                case ControlCode.DiscardRequest:
                    return true;
                default:
                    return false;
            }
        }

        /// <inheritdoc />
        public void LayerUp()
        {
            _lastEchoReplyMs = _fsm.NowMs;
            if (_events != null) { _events.LayerUp(PppProtocol.Lcp); }
        }

        /// <inheritdoc />
        public void LayerDown()
        {
            if (_events != null) { _events.LayerDown(PppProtocol.Lcp); }
        }

        /// <inheritdoc />
        public void LayerStarted()
        {
            if (_events != null) { _events.LayerStarted(PppProtocol.Lcp); }
        }

        /// <inheritdoc />
        public void LayerFinished()
        {
            if (_events != null) { _events.LayerFinished(PppProtocol.Lcp); }
        }

        private static bool Known(int type, int len)
        {
            switch (type)
            {
                case LcpOption.Mru: return len == 4;
                case LcpOption.Accm: return len == 6;
                case LcpOption.AuthProtocol: return len >= 4;
                case LcpOption.MagicNumber: return len == 6;
                case LcpOption.Pfc: return len == 2;
                case LcpOption.Acfc: return len == 2;
                default: return false;
            }
        }

        private int PutAuthNak(byte[] reply, int replyOffset, int o, int room)
        {
            if (o + 5 > room)
            {
                return o;
            }

            int p = replyOffset + o;
            reply[p] = LcpOption.AuthProtocol;
            if (_acceptChap)
            {
                reply[p + 1] = 5; reply[p + 2] = 0xC2; reply[p + 3] = 0x23; reply[p + 4] = LcpOption.ChapMd5;
                return o + 5;
            }

            reply[p + 1] = 4; reply[p + 2] = 0xC0; reply[p + 3] = 0x23;
            return o + 4;
        }

        private int PutMagicNak(byte[] reply, int replyOffset, int o, int room)
        {
            if (o + 6 > room)
            {
                return o;
            }

            int p = replyOffset + o;
            reply[p] = LcpOption.MagicNumber;
            reply[p + 1] = 6;
            OptionBytes.PutUInt32(reply, p + 2, NextMagic());
            return o + 6;
        }

        // xorshift32: never 0, which RFC 1661 6.4 forbids as a Magic-Number.
        private uint NextMagic()
        {
            uint x = _random;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _random = x;
            return x;
        }
    }
}
