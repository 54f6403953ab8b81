using EdSoftNano.Ip;

namespace EdSoftNano.Tcp
{
    /// <summary>Segment arrival, RFC 9293 3.10.7, with the RST/SYN checks of RFC 5961.</summary>
    public sealed partial class TcpLayer
    {
        /// <summary>One TCP segment from the IP layer: checked, matched to a slot and processed.</summary>
        public void Receive(uint source, uint destination, byte[] buffer, int offset, int length, long nowMs)
        {
            TcpHeader h;
            if (length < TcpHeader.Length || TcpChecksum.Compute(source, destination, buffer, offset, length) != 0
                || !TcpHeader.TryParse(buffer, offset, length, out h))
            {
                BadSegments++;
                return;
            }

            int dataOffset = offset + h.HeaderLength;
            int dataLength = length - h.HeaderLength;
            int slot = FindConnection(source, h.SourcePort, h.DestinationPort);
            if (slot >= 0)
            {
                TcpConnection c = _slots[slot];
                if (c.State == TcpState.SynSent)
                {
                    OnSynSent(c, ref h, nowMs);
                }
                else
                {
                    OnSegment(c, ref h, buffer, dataOffset, dataLength, nowMs);
                }

                return;
            }

            int listener = FindListener(h.DestinationPort);
            if (listener >= 0)
            {
                OnListen(listener, source, ref h, nowMs);
                return;
            }

            ResetUnknown(source, ref h, dataLength);
        }

        /// <summary>An ICMP error about a segment we sent: a port or protocol unreachable refuses a connect in progress (RFC 1122 4.2.3.9); other errors are soft and left to the timers.</summary>
        public void Unreachable(int icmpType, int icmpCode, uint destination, byte[] original, int offset, int length, long nowMs)
        {
            if (length < 20)
            {
                return;
            }

            int ihl = (original[offset] & 0x0F) * 4;
            if (length < ihl + 4 || icmpType != 3 || (icmpCode != 2 && icmpCode != 3))
            {
                return;
            }

            int localPort = IpHeader.Get16(original, offset + ihl);
            int remotePort = IpHeader.Get16(original, offset + ihl + 2);
            int slot = FindConnection(destination, remotePort, localPort);
            if (slot >= 0 && (_slots[slot].State == TcpState.SynSent || (_slots[slot].State == TcpState.SynReceived && !_slots[slot].Passive)))
            {
                Fail(_slots[slot], ErrorRefused);
            }
        }

        // CLOSED (no connection): answer anything but an RST with an RST.
        private void ResetUnknown(uint source, ref TcpHeader h, int dataLength)
        {
            if (h.Has(TcpHeader.Rst))
            {
                return;
            }

            if (h.Has(TcpHeader.Ack))
            {
                SendReset(source, h.DestinationPort, h.SourcePort, h.Acknowledgment, 0, TcpHeader.Rst);
                return;
            }

            uint length = (uint)dataLength + (h.Has(TcpHeader.Syn) ? 1u : 0u) + (h.Has(TcpHeader.Fin) ? 1u : 0u);
            SendReset(source, h.DestinationPort, h.SourcePort, 0, h.Sequence + length, TcpHeader.Rst | TcpHeader.Ack);
        }

        // LISTEN: a SYN makes a child in SYN-RECEIVED, if the backlog and the table have room
        // (otherwise it is dropped and the peer's retransmission tries again).
        private void OnListen(int listener, uint source, ref TcpHeader h, long nowMs)
        {
            if (h.Has(TcpHeader.Rst))
            {
                return;
            }

            if (h.Has(TcpHeader.Ack))
            {
                SendReset(source, h.DestinationPort, h.SourcePort, h.Acknowledgment, 0, TcpHeader.Rst);
                return;
            }

            if (!h.Has(TcpHeader.Syn))
            {
                return;
            }

            int waiting = 0;
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].Parent == listener && _slots[i].State != TcpState.Free)
                {
                    waiting++;
                }
            }

            int slot = FreeSlot();
            if (waiting >= TcpConstants.Backlog || slot < 0)
            {
                return;
            }

            TcpConnection c = _slots[slot];
            c.Reset();
            c.Parent = listener;
            c.Passive = true;
            c.LocalPort = h.DestinationPort;
            c.RemoteAddress = source;
            c.RemotePort = h.SourcePort;
            c.RcvNxt = h.Sequence + 1;
            c.Iss = Isn(c, nowMs);
            c.SndUna = c.Iss;
            c.SndNxt = c.Iss + 1;
            c.SndMax = c.SndNxt;
            c.SndWnd = h.Window;
            c.MaxSndWnd = h.Window;
            c.SndWl1 = h.Sequence;
            c.Mss = EffectiveMss(h.Mss);
            c.State = TcpState.SynReceived;
            SendSyn(c, nowMs);
            c.RetransmitAt = nowMs + c.Timer.RtoMs;
        }

        // SYN-SENT (RFC 9293 3.10.7.3).
        private void OnSynSent(TcpConnection c, ref TcpHeader h, long nowMs)
        {
            bool ackOk = false;
            if (h.Has(TcpHeader.Ack))
            {
                if (TcpSequence.Le(h.Acknowledgment, c.Iss) || TcpSequence.Gt(h.Acknowledgment, c.SndNxt))
                {
                    if (!h.Has(TcpHeader.Rst))
                    {
                        SendReset(c.RemoteAddress, c.LocalPort, c.RemotePort, h.Acknowledgment, 0, TcpHeader.Rst);
                    }

                    return;
                }

                ackOk = true;
            }

            if (h.Has(TcpHeader.Rst))
            {
                if (ackOk)
                {
                    Fail(c, ErrorRefused);
                }

                return;
            }

            if (!h.Has(TcpHeader.Syn))
            {
                return;
            }

            c.RcvNxt = h.Sequence + 1;
            c.Mss = EffectiveMss(h.Mss);
            if (ackOk)
            {
                Established(c, ref h, nowMs);
                SendAck(c);
                return;
            }

            // Simultaneous open: answer SYN,ACK with our ISS and wait for their ACK.
            c.State = TcpState.SynReceived;
            c.SndWnd = h.Window;
            c.MaxSndWnd = h.Window;
            c.SndWl1 = h.Sequence;
            SendSegment(c, c.Iss, TcpHeader.Syn | TcpHeader.Ack, 0, 0, OwnMss());
        }

        // Our SYN is acknowledged: ESTABLISHED, windows from this segment, congestion control starts (RFC 5681 3.1 IW).
        private void Established(TcpConnection c, ref TcpHeader h, long nowMs)
        {
            if (c.Timing && c.Retries == 0)
            {
                c.Timer.Sample((int)(nowMs - c.TimedAtMs));
            }

            c.Timing = false;
            c.SndUna = h.Acknowledgment;
            c.SndNxt = c.SndUna;
            c.SndMax = c.SndUna;
            c.SndWnd = h.Window;
            c.MaxSndWnd = h.Window;
            c.SndWl1 = h.Sequence;
            c.SndWl2 = h.Acknowledgment;
            c.State = TcpState.Established;
            c.RetransmitAt = long.MaxValue;
            c.Retries = 0;
            c.Cwnd = 4 * c.Mss < 4380 ? 4 * c.Mss : (2 * c.Mss > 4380 ? 2 * c.Mss : 4380);
            c.Ssthresh = 65535;
        }

        // Every synchronized state (RFC 9293 3.10.7.4).
        private void OnSegment(TcpConnection c, ref TcpHeader h, byte[] buffer, int dataOffset, int dataLength, long nowMs)
        {
            bool syn = h.Has(TcpHeader.Syn);
            bool fin = h.Has(TcpHeader.Fin);
            int segLength = dataLength + (syn ? 1 : 0) + (fin ? 1 : 0);
            int window = (int)(c.RcvEdge - c.RcvNxt);
            if (window < 0)
            {
                window = 0;
            }

            // First: is the segment in the window?
            bool acceptable;
            if (segLength == 0)
            {
                acceptable = window == 0 ? h.Sequence == c.RcvNxt : TcpSequence.InWindow(h.Sequence, c.RcvNxt, window);
            }
            else
            {
                acceptable = window != 0 && (TcpSequence.InWindow(h.Sequence, c.RcvNxt, window)
                    || TcpSequence.InWindow(h.Sequence + (uint)segLength - 1, c.RcvNxt, window));
            }

            if (!acceptable)
            {
                // A closed window still takes the ACK and RST of an in-sequence segment (its data is dropped).
                if (window == 0 && h.Sequence == c.RcvNxt)
                {
                    dataLength = 0;
                    fin = false;
                }
                else
                {
                    if (!h.Has(TcpHeader.Rst))
                    {
                        SendAck(c);
                        if (c.State == TcpState.TimeWait && fin)
                        {
                            c.CloseAt = nowMs + TcpConstants.TimeWaitMs;
                        }
                    }

                    return;
                }
            }

            // Second: RST, accepted only at exactly RCV.NXT (RFC 5961 3.2); in the window it earns a challenge ACK.
            if (h.Has(TcpHeader.Rst))
            {
                if (h.Sequence != c.RcvNxt)
                {
                    SendAck(c);
                    return;
                }

                switch (c.State)
                {
                    case TcpState.SynReceived:
                        if (c.Passive)
                        {
                            c.Reset();
                        }
                        else
                        {
                            Fail(c, ErrorRefused);
                        }

                        return;
                    case TcpState.Closing:
                    case TcpState.LastAck:
                    case TcpState.TimeWait:
                        c.Reset();
                        return;
                    default:
                        Fail(c, ErrorReset);
                        return;
                }
            }

            // Fourth: a SYN in a synchronized state gets a challenge ACK (RFC 5961 4.2).
            if (syn)
            {
                SendAck(c);
                return;
            }

            // Fifth: the ACK field.
            if (!h.Has(TcpHeader.Ack))
            {
                return;
            }

            if (c.State == TcpState.SynReceived)
            {
                if (TcpSequence.Gt(h.Acknowledgment, c.SndUna) && TcpSequence.Le(h.Acknowledgment, c.SndNxt))
                {
                    Established(c, ref h, nowMs);
                }
                else
                {
                    SendReset(c.RemoteAddress, c.LocalPort, c.RemotePort, h.Acknowledgment, 0, TcpHeader.Rst);
                    return;
                }
            }

            if (c.State == TcpState.TimeWait)
            {
                if (fin)
                {
                    SendAck(c);
                    c.CloseAt = nowMs + TcpConstants.TimeWaitMs;
                }

                return;
            }

            if (!OnAck(c, ref h, dataLength, fin, nowMs))
            {
                return;
            }

            // Seventh: the text (only while the peer has not closed).
            bool ackNow = false;
            if (c.State == TcpState.Established || c.State == TcpState.FinWait1 || c.State == TcpState.FinWait2)
            {
                if (dataLength > 0)
                {
                    ackNow = TakeData(c, h.Sequence, buffer, dataOffset, dataLength, nowMs);
                }

                // Eighth: FIN, when it is the next thing in sequence.
                if (fin && h.Sequence + (uint)dataLength == c.RcvNxt)
                {
                    c.RcvNxt++;
                    c.FinReceived = true;
                    ackNow = true;
                    if (c.State == TcpState.Established)
                    {
                        c.State = TcpState.CloseWait;
                    }
                    else if (c.State == TcpState.FinWait1)
                    {
                        c.State = TcpState.Closing;
                    }
                    else
                    {
                        EnterTimeWait(c, nowMs);
                    }
                }
            }
            else if (dataLength > 0 || fin)
            {
                ackNow = true; // a retransmission of what we already have: tell the peer again
            }

            if (ackNow)
            {
                c.AckPending = true;
                c.AckAt = nowMs;
            }

            Output(c, nowMs); // data going out carries the ACK
            if (ackNow && c.AckPending)
            {
                SendAck(c);
            }
        }

        // ACK processing (RFC 9293 3.10.7.4 fifth, RFC 5681, RFC 6582); false when the segment is done with.
        private bool OnAck(TcpConnection c, ref TcpHeader h, int dataLength, bool fin, long nowMs)
        {
            uint ack = h.Acknowledgment;
            if (TcpSequence.Gt(ack, c.SndMax))
            {
                SendAck(c);
                return false;
            }

            if (TcpSequence.Lt(ack, c.SndUna))
            {
                return true; // an old ACK: the text may still be new
            }

            int flight = (int)(c.SndMax - c.SndUna);
            if (TcpSequence.Gt(ack, c.SndUna))
            {
                int acked = (int)(ack - c.SndUna);
                bool finAcked = c.FinQueued && acked > c.SendRing.Count;
                c.SendRing.Consume(finAcked ? acked - 1 : acked);
                c.SndUna = ack;
                if (TcpSequence.Lt(c.SndNxt, ack))
                {
                    c.SndNxt = ack;
                }

                if (c.Timing && TcpSequence.Gt(ack, c.TimedSeq))
                {
                    c.Timer.Sample((int)(nowMs - c.TimedAtMs));
                    c.Timing = false;
                }

                c.Retries = 0;
                if (c.Recovery)
                {
                    if (TcpSequence.Ge(ack, c.Recover))
                    {
                        c.Recovery = false;
                        c.Cwnd = c.Ssthresh;
                    }
                    else
                    {
                        // Partial ACK: the next hole is lost too; resend it, deflate the window.
                        RetransmitFirst(c);
                        c.Cwnd = c.Cwnd - acked + c.Mss;
                        if (c.Cwnd < c.Mss)
                        {
                            c.Cwnd = c.Mss;
                        }
                    }
                }
                else if (c.Cwnd < c.Ssthresh)
                {
                    c.Cwnd += acked < c.Mss ? acked : c.Mss;
                }
                else
                {
                    int step = c.Mss * c.Mss / c.Cwnd;
                    c.Cwnd += step > 0 ? step : 1;
                }

                if (c.Cwnd > 65535)
                {
                    c.Cwnd = 65535;
                }

                c.DupAcks = 0;
                c.RetransmitAt = c.SndUna == c.SndMax ? long.MaxValue : nowMs + c.Timer.RtoMs;
                if (finAcked)
                {
                    if (c.State == TcpState.FinWait1)
                    {
                        c.State = TcpState.FinWait2;
                        c.CloseAt = nowMs + TcpConstants.FinWait2TimeoutMs;
                    }
                    else if (c.State == TcpState.Closing)
                    {
                        EnterTimeWait(c, nowMs);
                    }
                    else if (c.State == TcpState.LastAck)
                    {
                        c.Reset();
                        return false;
                    }
                }
            }
            else if (dataLength == 0 && !fin && h.Window == c.SndWnd && flight > 0)
            {
                // A duplicate ACK (RFC 5681 2): the third starts fast retransmit and recovery.
                c.DupAcks++;
                if (c.DupAcks == TcpConstants.DupAckThreshold && !c.Recovery)
                {
                    c.Ssthresh = flight / 2 > 2 * c.Mss ? flight / 2 : 2 * c.Mss;
                    c.Recover = c.SndMax;
                    c.Recovery = true;
                    c.Timing = false;
                    RetransmitFirst(c);
                    c.Cwnd = c.Ssthresh + 3 * c.Mss;
                }
                else if (c.DupAcks > TcpConstants.DupAckThreshold && c.Recovery)
                {
                    c.Cwnd += c.Mss;
                }
            }

            // The send window, from the newest segment only (SND.WL1/WL2).
            if (TcpSequence.Lt(c.SndWl1, h.Sequence) || (c.SndWl1 == h.Sequence && TcpSequence.Le(c.SndWl2, ack)))
            {
                c.SndWnd = h.Window;
                c.SndWl1 = h.Sequence;
                c.SndWl2 = ack;
                if (h.Window > c.MaxSndWnd)
                {
                    c.MaxSndWnd = h.Window;
                }
            }

            return true;
        }

        // Stores segment data: in order into the ring (joining the out-of-order block when it
        // closes the hole), out of order into the one block. True when an ACK must go at once.
        private bool TakeData(TcpConnection c, uint seq, byte[] buffer, int offset, int length, long nowMs)
        {
            int rel = (int)(seq - c.RcvNxt);
            if (rel < 0)
            {
                int cut = -rel < length ? -rel : length;
                offset += cut;
                length -= cut;
                rel += cut;
                if (length == 0)
                {
                    return true;
                }
            }

            TcpRing ring = c.ReceiveRing;
            if (rel > 0)
            {
                if (!c.UserClosed && rel < ring.Free)
                {
                    int fit = ring.Free - rel < length ? ring.Free - rel : length;
                    int end = rel + fit;
                    if (c.OooLength == 0)
                    {
                        ring.WriteAt(ring.Count + rel, buffer, offset, fit);
                        c.OooStart = rel;
                        c.OooLength = fit;
                    }
                    else if (rel <= c.OooStart + c.OooLength && end >= c.OooStart)
                    {
                        ring.WriteAt(ring.Count + rel, buffer, offset, fit);
                        int blockEnd = c.OooStart + c.OooLength;
                        int start = rel < c.OooStart ? rel : c.OooStart;
                        c.OooStart = start;
                        c.OooLength = (end > blockEnd ? end : blockEnd) - start;
                    }
                }

                return true; // a duplicate ACK tells the sender of the hole
            }

            int take = c.UserClosed ? length : (length < ring.Free ? length : ring.Free);
            if (!c.UserClosed)
            {
                ring.WriteAt(ring.Count, buffer, offset, take);
                ring.Commit(take);
            }

            c.RcvNxt += (uint)take;
            bool ackNow = take < length;
            if (c.OooLength > 0)
            {
                int start = c.OooStart - take;
                if (start <= 0)
                {
                    int extra = start + c.OooLength;
                    if (extra > 0)
                    {
                        ring.Commit(extra);
                        c.RcvNxt += (uint)extra;
                    }

                    c.OooLength = 0;
                    ackNow = true; // the hole closed: let the sender know at once
                }
                else
                {
                    c.OooStart = start;
                }
            }

            if (!c.AckPending)
            {
                c.AckPending = true;
                c.AckAt = nowMs;
            }

            if (length >= c.Mss)
            {
                c.UnackedSegments++;
            }

            return ackNow || c.UnackedSegments >= 2;
        }

        private void EnterTimeWait(TcpConnection c, long nowMs)
        {
            c.State = TcpState.TimeWait;
            c.RetransmitAt = long.MaxValue;
            c.PersistAt = long.MaxValue;
            c.CloseAt = nowMs + TcpConstants.TimeWaitMs;
        }
    }
}
