namespace EdSoftNano.Tests.DataMode
{
    /// <summary>
    /// Checks a stream on the fly against the payload it must carry, optionally DLE-decoding it
    /// first (one byte at a time, the reference way). Counts mismatches, bytes beyond the payload
    /// and bare ETXs; allocates nothing.
    /// </summary>
    public sealed class PayloadChecker
    {
        private readonly byte[] _expected;
        private readonly bool _escaped;
        private bool _afterDle;

        public PayloadChecker(byte[] expected, bool escaped)
        {
            _expected = expected;
            _escaped = escaped;
        }

        public long Position { get; private set; }

        public long Mismatches { get; private set; }

        public long Extra { get; private set; }

        public long BareEtx { get; private set; }

        public bool Complete => Position == _expected.Length;

        public bool Clean => Mismatches == 0 && Extra == 0 && BareEtx == 0;

        public void Reset()
        {
            Position = 0;
            Mismatches = 0;
            Extra = 0;
            BareEtx = 0;
            _afterDle = false;
        }

        public void Take(byte[] buffer, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                byte b = buffer[i];
                if (_escaped && !_afterDle)
                {
                    if (b == DleReference.Dle)
                    {
                        _afterDle = true;
                        continue;
                    }

                    if (b == DleReference.Etx)
                    {
                        BareEtx++;
                        continue;
                    }
                }

                _afterDle = false;
                if (Position >= _expected.Length)
                {
                    Extra++;
                    continue;
                }

                if (_expected[Position] != b)
                {
                    Mismatches++;
                }

                Position++;
            }
        }

        public override string ToString()
            => "at " + Position + "/" + _expected.Length + ", mismatches " + Mismatches + ", extra " + Extra + ", bare ETX " + BareEtx;
    }
}
