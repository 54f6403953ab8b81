using EdSoftNano.Parameters;

namespace EdSoftNano.At
{
    /// <summary>The display commands of the spec: #VPHY … #VPING, #VMAILi, #VTCP, #VALL, #VVERSION, #VSTATE.</summary>
    public sealed class DisplayCommands
    {
        /// <summary>Returned by <see cref="Run"/> for a name that is not a display command.</summary>
        public const int NotADisplay = -1;

        private readonly ParameterStore _store;
        private readonly ResponseWriter _out;
        private readonly IActionHandler _actions;

        public DisplayCommands(ParameterStore store, ResponseWriter writer, IActionHandler actions)
        {
            _store = store;
            _out = writer;
            _actions = actions;
        }

        /// <summary>
        /// Runs the display command <paramref name="name"/>; returns 0 after writing the lines
        /// (the caller writes OK), an error code, or <see cref="NotADisplay"/>.
        /// </summary>
        public int Run(string name, CommandOp op, string argument)
        {
            int group = GroupOf(name);
            bool known = group >= 0 || name == "VALL" || name == "VVERSION" || name == "VSTATE" || name == "VTCP" || MailIndex(name) > 0;
            if (!known)
            {
                return NotADisplay;
            }

            if (name == "VTCP")
            {
                return RunVtcp(op, argument);
            }

            if (op != CommandOp.Execute)
            {
                return ErrorCodes.SyntaxError;
            }

            if (group >= 0)
            {
                WriteGroup((DisplayGroup)group, 1);
            }
            else if (name == "VALL")
            {
                WriteAll();
            }
            else if (name == "VVERSION")
            {
                _out.Line(string.Concat("#VERSION: \"", FirmwareVersion.Full, "\""));
            }
            else if (name == "VSTATE")
            {
                string state = _actions.StateName;
                _out.Line(state == null ? "#NO SERVICE" : string.Concat("#STATE: \"", state, "\""));
            }
            else
            {
                WriteMail(MailIndex(name));
            }

            return ErrorCodes.None;
        }

        private int RunVtcp(CommandOp op, string argument)
        {
            if (op == CommandOp.Execute)
            {
                // No id given: both sockets, as #VALL shows them.
                WriteGroup(DisplayGroup.Tcp, 1);
                WriteGroup(DisplayGroup.Tcp, 2);
                return ErrorCodes.None;
            }

            if (op != CommandOp.Set)
            {
                return ErrorCodes.SyntaxError;
            }

            int id = ArgumentReader.SocketId(argument);
            if (id == 0)
            {
                return ErrorCodes.BadArgumentValue;
            }

            WriteGroup(DisplayGroup.Tcp, id);
            return ErrorCodes.None;
        }

        private void WriteAll()
        {
            _out.Line(FirmwareVersion.Name);
            for (int g = (int)DisplayGroup.Phy; g <= (int)DisplayGroup.Ping; g++)
            {
                // 8.3: "blocks of categories separated by a <CR><LF> sequence".
                _out.BlankLine();
                WriteGroup((DisplayGroup)g, 1);
                if ((DisplayGroup)g == DisplayGroup.Tcp)
                {
                    WriteGroup(DisplayGroup.Tcp, 2);
                }
            }
        }

        private void WriteGroup(DisplayGroup group, int socketId)
        {
            ParameterDef[] all = ParameterTable.All;
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Group == group)
                {
                    _out.Line(ParameterFormat.Line(all[i], _store, socketId));
                }
            }
        }

        private void WriteMail(int index)
        {
            // 3.5.2 shows REC, CCREC, SUBJ (BODY is read with AT#BODYi?).
            ParameterDef rec = index == 1 ? ParameterTable.Rec1 : index == 2 ? ParameterTable.Rec2 : ParameterTable.Rec3;
            ParameterDef cc = index == 1 ? ParameterTable.CcRec1 : index == 2 ? ParameterTable.CcRec2 : ParameterTable.CcRec3;
            ParameterDef subj = index == 1 ? ParameterTable.Subj1 : index == 2 ? ParameterTable.Subj2 : ParameterTable.Subj3;
            _out.Line(ParameterFormat.MailLine(rec, _store));
            _out.Line(ParameterFormat.MailLine(cc, _store));
            _out.Line(ParameterFormat.MailLine(subj, _store));
        }

        private static int MailIndex(string name)
        {
            switch (name)
            {
                case "VMAIL1": return 1;
                case "VMAIL2": return 2;
                case "VMAIL3": return 3;
                default: return 0;
            }
        }

        private static int GroupOf(string name)
        {
            switch (name)
            {
                case "VPHY": return (int)DisplayGroup.Phy;
                case "VPPP": return (int)DisplayGroup.Ppp;
                case "VGPRS": return (int)DisplayGroup.Gprs;
                case "VDNS": return (int)DisplayGroup.Dns;
                case "VFTP": return (int)DisplayGroup.Ftp;
                case "VPOP3": return (int)DisplayGroup.Pop3;
                case "VSMTP": return (int)DisplayGroup.Smtp;
                case "VUDP": return (int)DisplayGroup.Udp;
                case "VPING": return (int)DisplayGroup.Ping;
                default: return -1;
            }
        }
    }
}
