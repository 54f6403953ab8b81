namespace EdSoftNano.Session
{
    /// <summary>
    /// What the session asks of the bearer once the data call is up: which side of PPP to play
    /// (PPPMODE and the call direction decide, spec 2.1.13), the credentials, and the addresses a
    /// PPP server hands out. One instance is reused for every call.
    /// </summary>
    public sealed class BearerRequest
    {
        /// <summary>GPRS session (ATD*99) rather than a GSM data call.</summary>
        public bool Gprs;

        /// <summary>Play the PPP server (check the peer's credentials, assign addresses).</summary>
        public bool Server;

        /// <summary>Client credentials: ISPUN/ISPPW (GSM) or APNUN/APNPW (GPRS); server: PPPSERVUN/PPPSERVPW to check.</summary>
        public string User = string.Empty;
        public string Password = string.Empty;

        /// <summary>Server mode: PPPMYIP and PPPPEERIP, in host byte order.</summary>
        public uint ServerLocalAddress;
        public uint ServerPeerAddress;

        /// <summary>Server mode: the DNS servers handed to the peer (DNSSERV1/2, RFC 1877), 0 for none.</summary>
        public uint ServerDns1;
        public uint ServerDns2;
    }
}
