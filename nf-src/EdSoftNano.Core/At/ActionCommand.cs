namespace EdSoftNano.At
{
    /// <summary>The AT# commands that do something rather than set, get or display a parameter.</summary>
    public enum ActionCommand
    {
        None,
        Accept,
        ConnectionStart,
        ConnectionStop,
        DisplayIp,
        GetMail,
        SendMail1,
        SendMail2,
        SendMail3,
        PutMail,
        FtpGet,
        FtpPut,
        LtcpStart,
        LtcpStop,
        Otcp,
        LudpStart,
        LudpStop,
        Oudp,
        Ping,
    }
}
