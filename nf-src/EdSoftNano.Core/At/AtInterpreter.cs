using EdSoftNano.Modem;
using EdSoftNano.Parameters;

namespace EdSoftNano.At
{
    /// <summary>
    /// The AT# command interpreter on the host UART. Bytes come in through <see cref="Feed"/>;
    /// while a command is still running (a modem command, an action) it stops consuming, so the
    /// caller keeps the rest of the input (back-pressure rather than loss).
    /// </summary>
    public sealed class AtInterpreter
    {
        private const byte Etx = 0x03;

        private readonly ResponseWriter _out;
        private readonly LineAssembler _lines;
        private readonly TextEntry _entry;
        private readonly ParameterStore _store;
        private readonly ModemChannel _modem;
        private readonly IActionHandler _actions;
        private readonly DisplayCommands _displays;
        private readonly ParameterCommands _parameters;
        private readonly ParsedCommand _command = new ParsedCommand();
        private readonly byte[] _prefix = new byte[] { (byte)'A', (byte)'T' };
        private long _now;

        public AtInterpreter(ResponseWriter writer, LineAssembler lines, TextEntry entry, ParameterStore store,
            ModemChannel modem, IActionHandler actions)
        {
            _out = writer;
            _lines = lines;
            _entry = entry;
            _store = store;
            _modem = modem;
            _actions = actions;
            _displays = new DisplayCommands(store, writer, actions);
            _parameters = new ParameterCommands(store, writer, actions);
        }

        /// <summary>ATE1 (default) echoes every byte received in command state.</summary>
        public bool Echo = true;

        /// <summary>True while a command runs and no new input is taken.</summary>
        public bool Busy => _modem.HostBusy || _actions.Busy;

        /// <summary>True when nothing is running and no line or entry is half typed.</summary>
        public bool Idle => !Busy && !_lines.InProgress && !_entry.Active;

        /// <summary>
        /// Takes host bytes; returns how many were consumed (fewer than <paramref name="count"/>
        /// when a command started that must finish first).
        /// </summary>
        public int Feed(byte[] buffer, int offset, int count, long nowMs)
        {
            _now = nowMs;
            if (_actions.Busy)
            {
                // Data mode: the running action owns the host link; nothing is echoed.
                return _actions.Feed(buffer, offset, count, nowMs);
            }

            int i = 0;
            while (i < count && !Busy)
            {
                byte b = buffer[offset + i];
                i++;
                if (b == Etx && !_entry.Active && !_lines.InProgress && _actions is IHostEtxListener listener && listener.OnHostEtx(nowMs))
                {
                    // Not a command byte: it aborted a background wait (a TCP listener) and is not echoed.
                    continue;
                }

                if (Echo)
                {
                    _out.Raw(b);
                }

                if (_entry.Active)
                {
                    PushEntry(b);
                }
                else if (_lines.Push(b))
                {
                    Dispatch();
                }
            }

            _out.Flush();
            return i;
        }

        /// <summary>Advances the running command and relays the modem; call often.</summary>
        public void Poll(long nowMs)
        {
            _now = nowMs;
            _modem.Poll(nowMs);
            _actions.Poll(nowMs);
            _out.Flush();
        }

        private void PushEntry(byte b)
        {
            int state = _entry.Push(b);
            if (state == 2)
            {
                _out.Result(ResultCode.Ok);
                return;
            }

            if (state == 1)
            {
                ParameterDef target;
                string value;
                int error = _entry.Finish(out target, out value);
                if (error == ErrorCodes.None)
                {
                    error = _parameters.Commit(target, 1, value);
                }

                Final(error);
            }
        }

        private void Dispatch()
        {
            if (_lines.Overflowed)
            {
                _out.Error(ErrorCodes.CommandTooLong);
                return;
            }

            byte[] line = _lines.Buffer;
            int length = _lines.Length;
            if (length > 0 && line[0] == '#')
            {
                DispatchExtended(ToText(line, length));
                return;
            }

            if (BasicCommands.TryRun(line, length, this, _out))
            {
                return;
            }

            _modem.SendHost(_prefix, line, length, _now);
        }

        private void DispatchExtended(string text)
        {
            _command.Parse(text, 1);
            if (_command.Op == CommandOp.Invalid)
            {
                _out.Error(_command.Name.Length == 0 ? ErrorCodes.UnknownCommand : ErrorCodes.SyntaxError);
                return;
            }

            string name = _command.Name;
            ParameterDef def = ParameterTable.Find(name);
            if (def != null)
            {
                if (_command.Op == CommandOp.Execute && def.Kind == ParameterKind.Body)
                {
                    _entry.Begin(def);
                    return;
                }

                Final(_parameters.Run(def, _command.Op, _command.Argument));
                return;
            }

            ParameterDef list = ListEntryTarget(name);
            if (list != null)
            {
                if (_command.Op != CommandOp.Execute)
                {
                    _out.Error(ErrorCodes.SyntaxError);
                    return;
                }

                _entry.Begin(list);
                return;
            }

            int display = _displays.Run(name, _command.Op, _command.Argument);
            if (display != DisplayCommands.NotADisplay)
            {
                Final(display);
                return;
            }

            if (name == "DELFLASH")
            {
                Final(_command.Op == CommandOp.Execute ? _store.EraseFlash() : ErrorCodes.SyntaxError);
                return;
            }

            ActionCommand action = CommandNames.Action(name);
            if (action == ActionCommand.None)
            {
                _out.Error(ErrorCodes.UnknownCommand);
                return;
            }

            StartAction(action);
        }

        private void StartAction(ActionCommand action)
        {
            int socketId = 0;
            if (CommandNames.TakesSocketId(action))
            {
                if (_command.Op != CommandOp.Set)
                {
                    _out.Error(ErrorCodes.SyntaxError);
                    return;
                }

                socketId = ArgumentReader.SocketId(_command.Argument);
                if (socketId == 0)
                {
                    _out.Error(ErrorCodes.BadArgumentValue);
                    return;
                }
            }
            else if (_command.Op != CommandOp.Execute)
            {
                _out.Error(ErrorCodes.SyntaxError);
                return;
            }

            int error = _actions.Start(action, socketId, _now);
            if (error != ErrorCodes.None)
            {
                _out.Error(error);
            }
        }

        private void Final(int error)
        {
            if (error == ErrorCodes.None)
            {
                _out.Result(ResultCode.Ok);
            }
            else
            {
                _out.Error(error);
            }
        }

        private static ParameterDef ListEntryTarget(string name)
        {
            switch (name)
            {
                case "REC1ADD": return ParameterTable.Rec1;
                case "REC2ADD": return ParameterTable.Rec2;
                case "REC3ADD": return ParameterTable.Rec3;
                case "CCREC1ADD": return ParameterTable.CcRec1;
                case "CCREC2ADD": return ParameterTable.CcRec2;
                case "CCREC3ADD": return ParameterTable.CcRec3;
                default: return null;
            }
        }

        private static string ToText(byte[] line, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)line[i];
            }

            return new string(chars);
        }
    }
}
