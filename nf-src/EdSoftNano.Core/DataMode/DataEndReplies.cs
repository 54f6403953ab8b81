namespace EdSoftNano.DataMode
{
    /// <summary>What a <see cref="DataModeSession"/> answers by itself when data mode ends.</summary>
    public enum DataEndReplies
    {
        /// <summary>
        /// #FTPGET / #FTPPUT: the session ends the data with ETX (remote end, error) and the service
        /// writes the final result when its transfer is complete (<see cref="DataModeSession.Finish"/>,
        /// <see cref="DataModeSession.Fail"/>).
        /// </summary>
        ByService,

        /// <summary>#PUTMAIL / #GETMAIL: as ByService, without ETX (their data ends with CRLF.CRLF).</summary>
        ByServiceUnmarked,

        /// <summary>
        /// #OTCP / #LTCPSTART (spec A.8): host ETX → socket closed, "OK"; remote close → ETX,
        /// "Ok_Info_SocketClosed", "OK"; failure → ETX, "#CME ERROR: code".
        /// </summary>
        TcpSocket,

        /// <summary>
        /// #OUDP / #LUDPSTART (spec 6.2, 6.4 tables): host ETX → ETX, "Ok_Info_SocketClosed", "OK";
        /// failure → ETX, "#CME ERROR: code".
        /// </summary>
        UdpSocket,
    }
}
