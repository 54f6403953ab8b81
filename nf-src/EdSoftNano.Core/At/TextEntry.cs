using EdSoftNano.Parameters;

namespace EdSoftNano.At
{
    /// <summary>
    /// The multi-line entries of spec 3.1.5 and 3.1.7: after "AT#BODYi&lt;CR&gt;" the text up to Ctrl-Z
    /// (120 characters at most) becomes BODYi; after "AT#RECiADD&lt;CR&gt;" (or CCRECiADD) each line up
    /// to Ctrl-Z is one address, the first 10 are kept and the rest ignored. ESC cancels the entry.
    /// </summary>
    public sealed class TextEntry
    {
        public const byte CtrlZ = 0x1A;
        public const byte Esc = 0x1B;
        public const int MaxAddresses = 10;

        private const byte Cr = 13;
        private const byte Lf = 10;
        private const byte Backspace = 8;

        private readonly byte[] _text;
        private ParameterDef _target;
        private int _length;
        private bool _overflowed;
        private bool _skipLf;
        private int _addresses;
        private bool _lineHasText;

        /// <param name="buffer">Working space: at least 10 addresses of 120 characters with separators.</param>
        public TextEntry(byte[] buffer)
        {
            _text = buffer;
        }

        /// <summary>True while an entry is open.</summary>
        public bool Active => _target != null;

        /// <summary>Opens an entry for BODYi or for the address list RECi/CCRECi.</summary>
        public void Begin(ParameterDef target)
        {
            _target = target;
            _length = 0;
            _overflowed = false;
            _skipLf = true;
            _addresses = 0;
            _lineHasText = false;
        }

        /// <summary>
        /// Feeds one byte. Returns 0 while the entry goes on, 1 when Ctrl-Z ended it (read the result
        /// with <see cref="Finish"/>), 2 when ESC cancelled it.
        /// </summary>
        public int Push(byte b)
        {
            if (b == CtrlZ)
            {
                return 1;
            }

            if (b == Esc)
            {
                _target = null;
                return 2;
            }

            // The LF of the command line's CR LF is not part of the text.
            bool skip = _skipLf && b == Lf;
            _skipLf = false;
            if (skip)
            {
                return 0;
            }

            if (_target.Kind == ParameterKind.Body)
            {
                PushBody(b);
            }
            else
            {
                PushAddress(b);
            }

            return 0;
        }

        /// <summary>
        /// Ends the entry: on success stores the canonical value in <paramref name="value"/> and
        /// returns 0, else returns the error code.
        /// </summary>
        public int Finish(out ParameterDef target, out string value)
        {
            target = _target;
            _target = null;
            value = null;
            if (_overflowed)
            {
                return ErrorCodes.CommandTooLong;
            }

            int length = _length;
            if (target.Kind == ParameterKind.AddressList && length > 0 && _text[length - 1] == ',')
            {
                length--;
            }

            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)_text[i];
            }

            value = new string(chars);
            if (target.Kind == ParameterKind.Body)
            {
                return ErrorCodes.None;
            }

            string[] list = value.Split(new char[] { ',' });
            for (int i = 0; i < list.Length; i++)
            {
                if (!ValueRules.IsAddress(list[i], target.MaxLength))
                {
                    return ErrorCodes.BadArgumentValue;
                }
            }

            return ErrorCodes.None;
        }

        private void PushBody(byte b)
        {
            if (b == Backspace)
            {
                if (_length > 0 && !_overflowed)
                {
                    _length--;
                }

                return;
            }

            if (_length < _target.MaxLength)
            {
                _text[_length++] = b;
            }
            else
            {
                _overflowed = true;
            }
        }

        private void PushAddress(byte b)
        {
            if (b == Cr || b == Lf)
            {
                if (_lineHasText)
                {
                    _addresses++;
                    _lineHasText = false;
                    if (_addresses < MaxAddresses)
                    {
                        _text[_length++] = (byte)',';
                    }
                }

                return;
            }

            if (_addresses >= MaxAddresses)
            {
                // 3.1.5 NOTE2: the 11th address and the ones after it are ignored.
                return;
            }

            if (b == Backspace)
            {
                if (_lineHasText && _length > 0 && _text[_length - 1] != ',')
                {
                    _length--;
                    _lineHasText = _length > 0 && _text[_length - 1] != ',';
                }

                return;
            }

            int lineStart = _length;
            while (lineStart > 0 && _text[lineStart - 1] != ',')
            {
                lineStart--;
            }

            if (_length - lineStart >= _target.MaxLength || _length >= _text.Length - 1)
            {
                _overflowed = true;
                return;
            }

            _text[_length++] = b;
            _lineHasText = true;
        }
    }
}
