namespace EdSoftNano.Parameters
{
    /// <summary>The display command (and #VALL block) a parameter belongs to.</summary>
    public enum DisplayGroup
    {
        Phy, Ppp, Gprs, Dns, Ftp, Pop3, Smtp, Mail1, Mail2, Mail3, Tcp, Udp, Ping,
    }
}
