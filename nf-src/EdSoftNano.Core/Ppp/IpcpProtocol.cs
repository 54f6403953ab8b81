namespace EdSoftNano.Ppp
{
    /// <summary>
    /// The IP Control Protocol (RFC 1332) with the DNS options of RFC 1877, on
    /// <see cref="ControlProtocolFsm"/>. As client it requests 0.0.0.0 for its address and both DNS
    /// servers and takes the values the peer Naks back (a rejected DNS option is no longer asked for);
    /// as server it requests its own address (PPPMYIP), Naks the peer's IP-Address to the one it
    /// assigns (PPPPEERIP) and answers the peer's DNS requests with its configured servers.
    /// IP-Compression (Van Jacobson), IP-Addresses, NBNS and unknown options are rejected.
    /// Addresses are uint in host byte order (10.0.0.1 = 0x0A000001), 0 meaning none.
    /// </summary>
    public sealed class IpcpProtocol : IControlProtocol
    {
        private readonly ControlProtocolFsm _fsm;
        private readonly ILayerEvents _events;
        private readonly byte[] _lastRequest = new byte[IpcpOption.MaxRequestLength];
        private int _lastRequestLength;

        // Configuration.
        private uint _cfgLocal;
        private uint _cfgPeer;
        private uint _cfgDns1;
        private uint _cfgDns2;
        private bool _server;

        // What we request now (Naks and Rejects adjust it).
        private bool _reqAddr;
        private uint _wantAddr;
        private bool _reqDns1;
        private uint _wantDns1;
        private bool _reqDns2;
        private uint _wantDns2;

        // Negotiated.
        private uint _local;
        private uint _peer;
        private uint _dns1;
        private uint _dns2;

        /// <summary>
        /// Creates IPCP sending through <paramref name="output"/>, with the automaton's buffers (see
        /// <see cref="ControlProtocolFsm"/>; a few hundred bytes serve IPCP). <paramref name="events"/> may be null.
        /// Starts as a client.
        /// </summary>
        public IpcpProtocol(IPppPacketOutput output, byte[] txBuffer, byte[] replyBuffer, ILayerEvents events)
        {
            _fsm = new ControlProtocolFsm(PppProtocol.Ipcp, this, output, txBuffer, replyBuffer);
            _events = events;
            ResetOptions();
        }

        /// <summary>The automaton: Up/Down/Open/Close/Poll/Receive go through it.</summary>
        public ControlProtocolFsm Fsm => _fsm;

        /// <summary>True in Opened.</summary>
        public bool IsOpened => _fsm.State == PppState.Opened;

        /// <summary>True when configured as server.</summary>
        public bool IsServer => _server;

        /// <summary>Our address as the peer acknowledged it (host byte order), 0 before.</summary>
        public uint LocalAddress => _local;

        /// <summary>The peer's address (host byte order): the one it requested and we acknowledged, else the configured one.</summary>
        public uint PeerAddress => _peer;

        /// <summary>Primary DNS server the peer gave us (client), or the one we gave (server); 0 when none.</summary>
        public uint Dns1 => _dns1;

        /// <summary>Secondary DNS server, 0 when none.</summary>
        public uint Dns2 => _dns2;

        /// <summary>
        /// Client: request an address and DNS servers from the peer. <paramref name="peerHint"/> is the
        /// address we Nak a peer's 0.0.0.0 request with (a peer that wants us to assign its address;
        /// 0: reject the option instead).
        /// </summary>
        public void ConfigureClient(uint peerHint)
        {
            _server = false;
            _cfgLocal = 0;
            _cfgPeer = peerHint;
            _cfgDns1 = 0;
            _cfgDns2 = 0;
        }

        /// <summary>
        /// Server: our address <paramref name="myAddress"/> (PPPMYIP), the address we assign to the peer
        /// <paramref name="peerAddress"/> (PPPPEERIP), the DNS servers we hand out (0: reject the option).
        /// </summary>
        public void ConfigureServer(uint myAddress, uint peerAddress, uint dns1, uint dns2)
        {
            _server = true;
            _cfgLocal = myAddress;
            _cfgPeer = peerAddress;
            _cfgDns1 = dns1;
            _cfgDns2 = dns2;
        }

        /// <inheritdoc />
        public void ResetOptions()
        {
            _reqAddr = true;
            _wantAddr = _cfgLocal;
            _reqDns1 = !_server;
            _wantDns1 = 0;
            _reqDns2 = !_server;
            _wantDns2 = 0;
        }

        /// <inheritdoc />
        public int BuildRequest(byte[] buf, int offset, int room)
        {
            int o = 0;
            byte[] r = _lastRequest;
            if (_reqAddr)
            {
                o = PutAddress(r, o, IpcpOption.IpAddress, _wantAddr);
            }

            if (_reqDns1)
            {
                o = PutAddress(r, o, IpcpOption.PrimaryDns, _wantDns1);
            }

            if (_reqDns2)
            {
                o = PutAddress(r, o, IpcpOption.SecondaryDns, _wantDns2);
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

            _local = _reqAddr ? _wantAddr : _cfgLocal;
            if (!_server)
            {
                // An acknowledged 0.0.0.0 DNS (slirp does that for the secondary) means none.
                _dns1 = _reqDns1 ? _wantDns1 : 0;
                _dns2 = _reqDns2 ? _wantDns2 : 0;
            }

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
                if (reject)
                {
                    switch (type)
                    {
                        case IpcpOption.IpAddress: _reqAddr = false; break;
                        case IpcpOption.PrimaryDns: _reqDns1 = false; break;
                        case IpcpOption.SecondaryDns: _reqDns2 = false; break;
                    }
                }
                else if (len == IpcpOption.AddressOptionLength)
                {
                    uint v = OptionBytes.GetUInt32(buf, i + 2);
                    switch (type)
                    {
                        case IpcpOption.IpAddress:
                            if (!_server || _cfgLocal == 0)
                            {
                                _wantAddr = v;
                            }

                            break;
                        case IpcpOption.PrimaryDns:
                            if (_reqDns1) { _wantDns1 = v; }
                            break;
                        case IpcpOption.SecondaryDns:
                            if (_reqDns2) { _wantDns2 = v; }
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

            // Pass 1: reject what we do not know, do not do, or cannot parse.
            int o = 0;
            int i = offset;
            while (i < end)
            {
                int len = end - i >= 2 ? req[i + 1] : 0;
                if (len < 2 || i + len > end)
                {
                    o = OptionBytes.Put(req, i, end - i, reply, replyOffset, o, room);
                    break;
                }

                if (!Acceptable(req[i], len))
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

            // Pass 2: Nak values we do not accept, with the value we want (or Reject when not converging).
            uint peer = 0;
            bool peerAsked = false;
            for (i = offset; i < end; i += req[i + 1])
            {
                uint v = OptionBytes.GetUInt32(req, i + 2);
                uint want = v;
                switch (req[i])
                {
                    case IpcpOption.IpAddress:
                        peerAsked = true;
                        peer = v;
                        if (_server && _cfgPeer != 0)
                        {
                            want = _cfgPeer;
                        }
                        else if (v == 0)
                        {
                            want = _cfgPeer;   // client: the hint; 0 leaves it to the reject below
                        }

                        break;
                    case IpcpOption.PrimaryDns:
                        want = _cfgDns1;
                        break;
                    case IpcpOption.SecondaryDns:
                        want = _cfgDns2;
                        break;
                }

                if (want != v || want == 0)
                {
                    if (want == 0 || rejectInsteadOfNak)
                    {
                        // Nothing to offer, or Naks do not converge: reject this option alone.
                        replyLength = OptionBytes.Put(req, i, req[i + 1], reply, replyOffset, 0, room);
                        return ControlCode.ConfigureReject;
                    }

                    if (o + IpcpOption.AddressOptionLength <= room)
                    {
                        PutAddress(reply, replyOffset + o, req[i], want);
                        o += IpcpOption.AddressOptionLength;
                    }
                }
            }

            if (o > 0)
            {
                replyLength = o;
                return ControlCode.ConfigureNak;
            }

            _peer = peerAsked ? peer : _cfgPeer;
            if (_server)
            {
                _dns1 = _cfgDns1;
                _dns2 = _cfgDns2;
            }

            replyLength = OptionBytes.Put(req, offset, count, reply, replyOffset, 0, room);
            return ControlCode.ConfigureAck;
        }

        /// <inheritdoc />
        public bool OtherCode(int code, int id, byte[] buf, int offset, int count)
        {
            return false;   // IPCP has only codes 1-7 (RFC 1332 2)
        }

        /// <inheritdoc />
        public void LayerUp()
        {
            if (_events != null) { _events.LayerUp(PppProtocol.Ipcp); }
        }

        /// <inheritdoc />
        public void LayerDown()
        {
            if (_events != null) { _events.LayerDown(PppProtocol.Ipcp); }
        }

        /// <inheritdoc />
        public void LayerStarted()
        {
            if (_events != null) { _events.LayerStarted(PppProtocol.Ipcp); }
        }

        /// <inheritdoc />
        public void LayerFinished()
        {
            if (_events != null) { _events.LayerFinished(PppProtocol.Ipcp); }
        }

        private bool Acceptable(int type, int len)
        {
            switch (type)
            {
                case IpcpOption.IpAddress:
                    return len == IpcpOption.AddressOptionLength;
                case IpcpOption.PrimaryDns:
                    return len == IpcpOption.AddressOptionLength && _server && _cfgDns1 != 0;
                case IpcpOption.SecondaryDns:
                    return len == IpcpOption.AddressOptionLength && _server && _cfgDns2 != 0;
                default:
                    return false;   // IP-Compression (VJ), IP-Addresses, NBNS, unknown
            }
        }

        private static int PutAddress(byte[] b, int o, int type, uint v)
        {
            b[o] = (byte)type;
            b[o + 1] = IpcpOption.AddressOptionLength;
            b[o + 2] = (byte)(v >> 24);
            b[o + 3] = (byte)(v >> 16);
            b[o + 4] = (byte)(v >> 8);
            b[o + 5] = (byte)v;
            return o + IpcpOption.AddressOptionLength;
        }
    }
}
