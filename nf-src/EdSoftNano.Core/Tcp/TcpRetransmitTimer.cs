namespace EdSoftNano.Tcp
{
    /// <summary>
    /// The RFC 6298 retransmission timeout of one connection: SRTT and RTTVAR from samples
    /// (alpha 1/8, beta 1/4, K 4, clock granularity 1 ms), bounds 1 s .. 60 s, doubling on each
    /// timeout. The caller applies Karn's rule (no sample from a retransmitted segment).
    /// </summary>
    public sealed class TcpRetransmitTimer
    {
        private int _srtt;
        private int _rttvar;
        private int _rto;
        private bool _sampled;

        /// <summary>Starts with the initial RTO.</summary>
        public TcpRetransmitTimer()
        {
            Reset();
        }

        /// <summary>The current timeout in ms.</summary>
        public int RtoMs => _rto;

        /// <summary>Smoothed round-trip time in ms (0 before the first sample).</summary>
        public int SrttMs => _srtt;

        /// <summary>Forgets all samples (a new connection).</summary>
        public void Reset()
        {
            _srtt = 0;
            _rttvar = 0;
            _sampled = false;
            _rto = TcpConstants.InitialRtoMs;
        }

        /// <summary>Takes one round-trip measurement (RFC 6298 2.2 and 2.3) and recomputes the RTO from it (which also ends any back-off).</summary>
        public void Sample(int rttMs)
        {
            if (rttMs < 0)
            {
                rttMs = 0;
            }

            if (!_sampled)
            {
                _srtt = rttMs;
                _rttvar = rttMs / 2;
                _sampled = true;
            }
            else
            {
                int delta = _srtt - rttMs;
                if (delta < 0)
                {
                    delta = -delta;
                }

                _rttvar = (3 * _rttvar + delta) / 4;
                _srtt = (7 * _srtt + rttMs) / 8;
            }

            int variance = 4 * _rttvar;
            _rto = Clamp(_srtt + (variance > 1 ? variance : 1));
        }

        /// <summary>Doubles the RTO after a timeout (RFC 6298 5.5), up to the maximum.</summary>
        public void Backoff()
        {
            _rto = Clamp(_rto * 2);
        }

        private static int Clamp(int rto)
        {
            if (rto < TcpConstants.MinRtoMs)
            {
                return TcpConstants.MinRtoMs;
            }

            return rto > TcpConstants.MaxRtoMs ? TcpConstants.MaxRtoMs : rto;
        }
    }
}
