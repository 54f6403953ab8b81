using EdSoftNano.Ip;

namespace EdSoftNano.Tcp
{
    /// <summary>Sending: data within the windows, retransmission, persist probes, ACKs and resets.</summary>
    public sealed partial class TcpLayer
    {
        // Sends what the peer's window, the congestion window and sender-side SWS avoidance
        // (RFC 9293 3.8.6.2.1 with Fs = 1/4, without Nagle) allow, then FIN once every byte went out.
        private void Output(TcpConnection c, long nowMs)
        {
            TcpState s = c.State;
            if (s != TcpState.Established && s != TcpState.CloseWait && s != TcpState.FinWait1 && s != TcpState.Closing && s != TcpState.LastAck)
            {
                return;
            }

            int unsent = 0;
            while (true)
            {
                int sent = (int)(c.SndNxt - c.SndUna);
                int queued = c.SendRing.Count;
                if (sent > queued)
                {
                    unsent = 0;
                    break; // FIN is out: nothing follows it
                }

                unsent = queued - sent;
                int window = c.SndWnd < c.Cwnd ? c.SndWnd : c.Cwnd;
                int len = window - sent;
                if (len > unsent)
                {
                    len = unsent;
                }

                if (len > c.Mss)
                {
                    len = c.Mss;
                }

                if (len < 0)
                {
                    len = 0;
                }

                bool fin = c.FinQueued && len == unsent;
                if (len == 0 && !fin)
                {
                    break;
                }

                // Sender-side SWS avoidance with Fs = 1/4 instead of RFC 9293's suggested 1/2: a
                // 2048-byte peer window holds one 1460-byte segment and a 588-byte rest, and waiting
                // for the ACK instead of sending that rest costs 5–10 % of a serial line.
                if (len < c.Mss && len < unsent && sent > 0 && len < c.MaxSndWnd / 4)
                {
                    break; // a small piece while bytes are in flight: wait for the ACK
                }

                int flags = TcpHeader.Ack | (len > 0 && len == unsent ? TcpHeader.Psh : 0) | (fin ? TcpHeader.Fin : 0);
                if (!c.Timing && c.SndNxt == c.SndMax)
                {
                    c.Timing = true;
                    c.TimedSeq = c.SndNxt;
                    c.TimedAtMs = nowMs;
                }

                SendSegment(c, c.SndNxt, flags, sent, len, 0);
                c.SndNxt += (uint)(len + (fin ? 1 : 0));
                if (TcpSequence.Gt(c.SndNxt, c.SndMax))
                {
                    c.SndMax = c.SndNxt;
                }

                if (c.RetransmitAt == long.MaxValue)
                {
                    c.RetransmitAt = nowMs + c.Timer.RtoMs;
                }

                unsent -= len;
                if (fin)
                {
                    break;
                }
            }

            // Zero window with bytes waiting and nothing in flight: only a probe can learn of the opening.
            if (c.SndWnd == 0 && unsent > 0 && c.SndMax == c.SndUna)
            {
                if (c.PersistAt == long.MaxValue)
                {
                    c.PersistIntervalMs = c.Timer.RtoMs;
                    c.PersistAt = nowMs + c.PersistIntervalMs;
                }
            }
            else
            {
                c.PersistAt = long.MaxValue;
            }
        }

        // Resends the oldest unacknowledged segment (its FIN too when it is the last); returns the sequence space it covers.
        private int RetransmitFirst(TcpConnection c)
        {
            int outstanding = (int)(c.SndMax - c.SndUna);
            int queued = c.SendRing.Count;
            int len = outstanding < queued ? outstanding : queued;
            if (len > c.Mss)
            {
                len = c.Mss;
            }

            bool fin = c.FinQueued && len == queued && outstanding > queued;
            int flags = TcpHeader.Ack | (len > 0 ? TcpHeader.Psh : 0) | (fin ? TcpHeader.Fin : 0);
            Retransmissions++;
            SendSegment(c, c.SndUna, flags, 0, len, 0);
            return len + (fin ? 1 : 0);
        }

        private void OnRetransmitTimeout(TcpConnection c, long nowMs)
        {
            c.Retries++;
            c.Timing = false; // Karn: no sample from a retransmitted segment
            if (c.State == TcpState.SynSent || c.State == TcpState.SynReceived)
            {
                if (c.Retries > TcpConstants.SynRetries)
                {
                    if (c.Passive)
                    {
                        c.Reset();
                    }
                    else
                    {
                        Fail(c, ErrorNoAnswer);
                    }

                    return;
                }

                c.Timer.Backoff();
                Retransmissions++;
                SendSyn(c, nowMs);
                c.RetransmitAt = nowMs + c.Timer.RtoMs;
                return;
            }

            if (c.Retries > TcpConstants.DataRetries)
            {
                SendReset(c.RemoteAddress, c.LocalPort, c.RemotePort, c.SndMax, 0, TcpHeader.Rst);
                Fail(c, ErrorSendFailed);
                return;
            }

            // RFC 5681 3.1 (5681 eq. 4) and RFC 6298 5.5–5.7: halve, restart from one segment, back off.
            int flight = (int)(c.SndMax - c.SndUna);
            c.Ssthresh = flight / 2 > 2 * c.Mss ? flight / 2 : 2 * c.Mss;
            c.Cwnd = c.Mss;
            c.Recovery = false;
            c.DupAcks = 0;
            c.Timer.Backoff();
            c.SndNxt = c.SndUna + (uint)RetransmitFirst(c);
            c.RetransmitAt = nowMs + c.Timer.RtoMs;
        }

        // A zero-window probe (RFC 9293 3.8.6.1): an old sequence number, so the peer answers
        // with an ACK that carries its current window whether it opened or not.
        private void OnPersistTimeout(TcpConnection c, long nowMs)
        {
            SendSegment(c, c.SndUna - 1, TcpHeader.Ack, 0, 0, 0);
            int next = c.PersistIntervalMs * 2;
            c.PersistIntervalMs = next > TcpConstants.MaxRtoMs ? TcpConstants.MaxRtoMs : next;
            c.PersistAt = nowMs + c.PersistIntervalMs;
        }

        private void SendSyn(TcpConnection c, long nowMs)
        {
            if (c.Retries == 0)
            {
                c.Timing = true;
                c.TimedSeq = c.Iss;
                c.TimedAtMs = nowMs;
            }

            int flags = c.State == TcpState.SynReceived ? TcpHeader.Syn | TcpHeader.Ack : TcpHeader.Syn;
            SendSegment(c, c.Iss, flags, 0, 0, OwnMss());
        }

        // A pure ACK carries SND.MAX, not SND.NXT: after a timeout rewound SND.NXT the peer has
        // already taken those numbers, would find an older one unacceptable and only answer with
        // an ACK of its own, ignoring the acknowledgment in ours (an endless ACK exchange).
        private void SendAck(TcpConnection c)
        {
            SendSegment(c, c.SndMax, TcpHeader.Ack, 0, 0, 0);
        }

        // The window we offer: the free receive space, but an opening smaller than
        // min(half the buffer, one MSS) is held back, and the right edge never moves left.
        private int Window(TcpConnection c)
        {
            int free = c.ReceiveRing.Free;
            int known = (int)(c.RcvEdge - c.RcvNxt);
            if (known < 0)
            {
                known = 0;
            }

            int window = free - known >= WindowStep(c) || known > free ? free : known;
            return window > 65535 ? 65535 : window;
        }

        // Builds one segment in the shared buffer after the IP header room and hands it to IP;
        // data comes from the send ring, distance bytes after SND.UNA.
        private void SendSegment(TcpConnection c, uint seq, int flags, int distance, int length, int mss)
        {
            TcpHeader h = new TcpHeader();
            h.SourcePort = c.LocalPort;
            h.DestinationPort = c.RemotePort;
            h.Sequence = seq;
            h.Flags = flags;
            h.Mss = mss;
            if ((flags & TcpHeader.Ack) != 0)
            {
                h.Acknowledgment = c.RcvNxt;
                h.Window = Window(c);
                c.RcvEdge = c.RcvNxt + (uint)h.Window;
                c.AckPending = false;
                c.UnackedSegments = 0;
            }
            else
            {
                h.Window = c.ReceiveRing.Free > 65535 ? 65535 : c.ReceiveRing.Free;
            }

            int at = IpConstants.HeaderLength;
            int headerLength = h.Emit(_segment, at);
            if (length > 0)
            {
                c.SendRing.CopyOut(distance, _segment, at + headerLength, length);
            }

            TcpChecksum.Fill(_ip.LocalAddress, c.RemoteAddress, _segment, at, headerLength + length);
            _ip.Send(IpConstants.ProtocolTcp, c.RemoteAddress, _segment, 0, headerLength + length);
        }

        // A reset that belongs to no connection we keep (RFC 9293 3.10.7.1).
        private void SendReset(uint remote, int localPort, int remotePort, uint seq, uint ack, int flags)
        {
            TcpHeader h = new TcpHeader();
            h.SourcePort = localPort;
            h.DestinationPort = remotePort;
            h.Sequence = seq;
            h.Acknowledgment = ack;
            h.Flags = flags;
            int at = IpConstants.HeaderLength;
            int headerLength = h.Emit(_segment, at);
            TcpChecksum.Fill(_ip.LocalAddress, remote, _segment, at, headerLength);
            _ip.Send(IpConstants.ProtocolTcp, remote, _segment, 0, headerLength);
        }
    }
}
