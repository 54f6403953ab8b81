namespace EdSoftNano.Ppp
{
    /// <summary>
    /// The actions of the RFC 1661 automaton (section 4.4) as bits, so the actions one event caused
    /// can be reported in one int (<see cref="ControlProtocolFsm.LastActions"/>).
    /// </summary>
    public static class PppActions
    {
        /// <summary>This-Layer-Up.</summary>
        public const int Tlu = 1 << 0;
        /// <summary>This-Layer-Down.</summary>
        public const int Tld = 1 << 1;
        /// <summary>This-Layer-Started.</summary>
        public const int Tls = 1 << 2;
        /// <summary>This-Layer-Finished.</summary>
        public const int Tlf = 1 << 3;
        /// <summary>Initialize-Restart-Count.</summary>
        public const int Irc = 1 << 4;
        /// <summary>Zero-Restart-Count.</summary>
        public const int Zrc = 1 << 5;
        /// <summary>Send-Configure-Request.</summary>
        public const int Scr = 1 << 6;
        /// <summary>Send-Configure-Ack.</summary>
        public const int Sca = 1 << 7;
        /// <summary>Send-Configure-Nak or Reject.</summary>
        public const int Scn = 1 << 8;
        /// <summary>Send-Terminate-Request.</summary>
        public const int Str = 1 << 9;
        /// <summary>Send-Terminate-Ack.</summary>
        public const int Sta = 1 << 10;
        /// <summary>Send-Code-Reject.</summary>
        public const int Scj = 1 << 11;
        /// <summary>Send-Echo-Reply.</summary>
        public const int Ser = 1 << 12;
    }
}
