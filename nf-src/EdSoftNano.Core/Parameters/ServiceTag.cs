namespace EdSoftNano.Parameters
{
    /// <summary>
    /// The service that reads a parameter while it runs; such a parameter cannot change while that
    /// service is active (#CME ERROR: 37123).
    /// </summary>
    public enum ServiceTag
    {
        None, Session, Ftp, Smtp, Pop3, Tcp, Udp, Ping,
    }
}
