namespace EdSoftNano.Services
{
    /// <summary>
    /// Every service the firmware runs, built once at start-up over the shared context. A command
    /// no service owns yet answers 36872 (internal resource unavailable) from the hub.
    /// </summary>
    public static class ServiceCatalog
    {
        public static IService[] Create(ServiceContext context)
        {
            return new IService[]
            {
                new Ftp.FtpService(context),
                new Ping.PingService(context),
                new Mail.SmtpService(context),
                new Mail.Pop3Service(context),
                new Tcp.TcpService(context), new Udp.UdpService(context),
            };
        }
    }
}
