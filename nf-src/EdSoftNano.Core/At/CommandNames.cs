namespace EdSoftNano.At
{
    /// <summary>
    /// Maps the spellings the spec uses for a command (its typos included, see
    /// docs/spec-decisions.md) to the canonical name. Names arrive upper case, spaces removed.
    /// </summary>
    public static class CommandNames
    {
        // alias, canonical
        private static readonly string[] Aliases = new string[]
        {
            "VSSMTP", "VSMTP",          // 3.1.1, 3.7
            "VSMBT", "VSMTP",           // 3.1.4
            "VSMTPL", "VSMTP",          // 3.1.14, 3.1.15
            "VSIMTP", "VSMTP",          // 3.1.16
            "PPPSENDUN", "PPPSERVUN",   // 2.2.1.3
            "PPPSENDPW", "PPPSERVPW",   // 2.2.1.3
            "IPSPW", "ISPPW",           // 2.2.1.3
            "FTTPPW", "FTPPW",          // 4.1.5
            "FTTPUTFILENAME", "FTPPUTFILENAME", // 4.1.8
            "FTTPUTPATH", "FTPPUTPATH", // 4.1.9
            "TCPSEERV", "TCPSERV",      // 5.4.3, 5.5
            "UDPSEVR", "UDPSERV",       // 6.4.1
            "LTCPPSTART", "LTCPSTART",  // 5.2.2
            "LTCSTART", "LTCPSTART",
            "LTCSTOP", "LTCPSTOP",      // 5.3
            "UDPSTOP", "LUDPSTOP",      // 6.2.1
        };

        /// <summary>The canonical command name for <paramref name="name"/>.</summary>
        public static string Canonical(string name)
        {
            for (int i = 0; i < Aliases.Length; i += 2)
            {
                if (Aliases[i] == name)
                {
                    return Aliases[i + 1];
                }
            }

            return name;
        }

        /// <summary>The action command called <paramref name="name"/> (canonical), or None.</summary>
        public static ActionCommand Action(string name)
        {
            switch (name)
            {
                case "ACCEPT": return ActionCommand.Accept;
                case "CONNECTIONSTART": return ActionCommand.ConnectionStart;
                case "CONNECTIONSTOP": return ActionCommand.ConnectionStop;
                case "DISPLAYIP": return ActionCommand.DisplayIp;
                case "GETMAIL": return ActionCommand.GetMail;
                case "SENDMAIL1": return ActionCommand.SendMail1;
                case "SENDMAIL2": return ActionCommand.SendMail2;
                case "SENDMAIL3": return ActionCommand.SendMail3;
                case "PUTMAIL": return ActionCommand.PutMail;
                case "FTPGET": return ActionCommand.FtpGet;
                case "FTPPUT": return ActionCommand.FtpPut;
                case "LTCPSTART": return ActionCommand.LtcpStart;
                case "LTCPSTOP": return ActionCommand.LtcpStop;
                case "OTCP": return ActionCommand.Otcp;
                case "LUDPSTART": return ActionCommand.LudpStart;
                case "LUDPSTOP": return ActionCommand.LudpStop;
                case "OUDP": return ActionCommand.Oudp;
                case "PING": return ActionCommand.Ping;
                default: return ActionCommand.None;
            }
        }

        /// <summary>True for the actions that take a TCP socket id (=1 or =2).</summary>
        public static bool TakesSocketId(ActionCommand command)
            => command == ActionCommand.Otcp || command == ActionCommand.LtcpStart || command == ActionCommand.LtcpStop;
    }
}
