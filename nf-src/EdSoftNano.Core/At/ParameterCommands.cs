using EdSoftNano.Parameters;

namespace EdSoftNano.At
{
    /// <summary>
    /// Set and get of every parameter of the table: "AT#NAME=value", "AT#NAME?", and for the
    /// per-socket ones "AT#NAME=id,value" (set), "AT#NAME=id" (get, spec 5.1) and "AT#NAME?" (both ids).
    /// </summary>
    public sealed class ParameterCommands
    {
        private readonly ParameterStore _store;
        private readonly ResponseWriter _out;
        private readonly IActionHandler _actions;

        public ParameterCommands(ParameterStore store, ResponseWriter writer, IActionHandler actions)
        {
            _store = store;
            _out = writer;
            _actions = actions;
        }

        /// <summary>Runs a set or get; returns 0 (the caller writes OK) or the error code.</summary>
        public int Run(ParameterDef def, CommandOp op, string argument)
        {
            if (op == CommandOp.Get)
            {
                _out.Line(ParameterFormat.Line(def, _store, 1));
                if (def.IsPerSocket)
                {
                    _out.Line(ParameterFormat.Line(def, _store, 2));
                }

                return ErrorCodes.None;
            }

            if (op != CommandOp.Set)
            {
                return ErrorCodes.SyntaxError;
            }

            int socketId = 1;
            string valueText = argument;
            if (def.IsPerSocket)
            {
                int comma = ArgumentReader.IdSeparator(argument);
                string idText = comma < 0 ? argument : argument.Substring(0, comma);
                socketId = ArgumentReader.SocketId(idText);
                if (socketId == 0)
                {
                    return ArgumentReader.Unquote(idText) == null ? ErrorCodes.SyntaxError : ErrorCodes.BadArgumentValue;
                }

                if (comma < 0)
                {
                    _out.Line(ParameterFormat.Line(def, _store, socketId));
                    return ErrorCodes.None;
                }

                valueText = argument.Substring(comma + 1);
            }

            string value = ArgumentReader.Unquote(valueText);
            if (value == null)
            {
                return ErrorCodes.SyntaxError;
            }

            bool numeric = def.Kind == ParameterKind.Integer || def.Kind == ParameterKind.IntegerChoice;
            if (numeric && valueText.Trim(new char[] { ' ' }).Length == 0)
            {
                return ErrorCodes.SyntaxError;
            }

            return Store(def, socketId, value);
        }

        /// <summary>Checks a value against the table and stores it.</summary>
        public int Store(ParameterDef def, int socketId, string value)
        {
            string canonical = ValueRules.Canonical(def, value);
            return canonical == null ? ErrorCodes.BadArgumentValue : Commit(def, socketId, canonical);
        }

        /// <summary>Stores a value already in canonical form (the multi-line entries check their own).</summary>
        public int Commit(ParameterDef def, int socketId, string canonical)
        {
            if (_actions.IsRunning(def.Service, socketId))
            {
                return ErrorCodes.ServiceRunning;
            }

            return _store.Set(def, socketId, canonical);
        }
    }
}
