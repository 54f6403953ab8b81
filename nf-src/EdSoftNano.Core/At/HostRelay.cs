using EdSoftNano.Modem;

namespace EdSoftNano.At
{
    /// <summary>Frames the modem's lines for the host: each as "&lt;CR&gt;&lt;LF&gt;line&lt;CR&gt;&lt;LF&gt;", failures as ERROR.</summary>
    public sealed class HostRelay : IHostRelay
    {
        private readonly ResponseWriter _out;

        public HostRelay(ResponseWriter writer)
        {
            _out = writer;
        }

        public void RelayLine(string line) => _out.Framed(line);

        public void RelayLinePart(byte[] buffer, int offset, int count, bool first, bool last)
        {
            if (first)
            {
                _out.Raw(13);
                _out.Raw(10);
            }

            _out.Raw(buffer, offset, count);
            if (last)
            {
                _out.Raw(13);
                _out.Raw(10);
            }
        }

        public void RelayFailure() => _out.Result(ResultCode.Error);
    }
}
