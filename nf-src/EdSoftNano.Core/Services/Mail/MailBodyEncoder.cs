namespace EdSoftNano.Services.Mail
{
    /// <summary>
    /// Turns a mail body into SMTP DATA text (RFC 5321 4.5.2): a line that starts with '.' gets one
    /// more '.'. Host bytes (#PUTMAIL) pass unchanged otherwise and end at the host's CR LF . CR LF,
    /// which is also SMTP's end of data; a stored body (BODYi) gets its line ends made CR LF and
    /// the end line added. Resumable: one byte at a time, at most <see cref="MaxBytesPerInput"/> out.
    /// </summary>
    public sealed class MailBodyEncoder
    {
        /// <summary>The most one input byte (or <see cref="End"/>) puts into the writer.</summary>
        public const int MaxBytesPerInput = 5;

        private const byte Cr = 13;
        private const byte Lf = 10;
        private const byte Dot = (byte)'.';

        private enum Step
        {
            LineStart,
            InLine,
            AfterCr,
            DotAtLineStart,
            DotCr,
        }

        private Step _step;

        /// <summary>A new body: the first byte starts a line.</summary>
        public void Reset() => _step = Step.LineStart;

        /// <summary>
        /// One byte typed by the host; true when it completed CR LF . CR LF (everything, the end
        /// line included, is then in <paramref name="output"/>).
        /// </summary>
        public bool PutHostByte(byte b, MailSocketWriter output)
        {
            switch (_step)
            {
                case Step.DotAtLineStart:
                    if (b == Cr)
                    {
                        _step = Step.DotCr;
                        return false;
                    }

                    // A line that only starts with a dot: stuff it, then the byte as in a line.
                    output.Put(Dot);
                    output.Put(Dot);
                    PutInLine(b, output);
                    return false;
                case Step.DotCr:
                    if (b == Lf)
                    {
                        output.Put(Dot);
                        output.Put(Cr);
                        output.Put(Lf);
                        _step = Step.LineStart;
                        return true;
                    }

                    output.Put(Dot);
                    output.Put(Dot);
                    output.Put(Cr);
                    _step = Step.AfterCr;
                    return PutHostByte(b, output);
                case Step.LineStart:
                    if (b == Dot)
                    {
                        _step = Step.DotAtLineStart;
                        return false;
                    }

                    PutInLine(b, output);
                    return false;
                default:
                    PutInLine(b, output);
                    return false;
            }
        }

        /// <summary>One character of a stored body: CR, LF and CR LF each become one CR LF.</summary>
        public void PutTextChar(char c, MailSocketWriter output)
        {
            if (c == '\n' && _step == Step.AfterCr)
            {
                _step = Step.LineStart;
                return;
            }

            if (c == '\r' || c == '\n')
            {
                output.Put(Cr);
                output.Put(Lf);
                _step = c == '\r' ? Step.AfterCr : Step.LineStart;
                return;
            }

            if (c == '.' && _step != Step.InLine)
            {
                output.Put(Dot);
            }

            output.Put(c > (char)255 ? (byte)'?' : (byte)c);
            _step = Step.InLine;
        }

        /// <summary>Ends a stored body: CR LF unless at a line start, then ". CR LF".</summary>
        public void End(MailSocketWriter output)
        {
            if (_step == Step.InLine)
            {
                output.Put(Cr);
                output.Put(Lf);
            }

            output.Put(Dot);
            output.Put(Cr);
            output.Put(Lf);
            _step = Step.LineStart;
        }

        private void PutInLine(byte b, MailSocketWriter output)
        {
            output.Put(b);
            if (b == Cr)
            {
                _step = Step.AfterCr;
            }
            else if (b == Lf && _step == Step.AfterCr)
            {
                _step = Step.LineStart;
            }
            else
            {
                _step = Step.InLine;
            }
        }
    }
}
