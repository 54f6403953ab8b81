namespace EdSoftNano.Services.Ftp
{
    /// <summary>Where an #FTPGET / #FTPPUT stands; each step but Idle and Data waits for one event.</summary>
    public enum FtpStep
    {
        /// <summary>No transfer: command mode.</summary>
        Idle,

        /// <summary>FTPSERV is being looked up.</summary>
        Resolving,

        /// <summary>The control connection is being opened.</summary>
        Connecting,

        /// <summary>Waiting for the server's 220.</summary>
        Greeting,

        /// <summary>USER sent: 331 (or 230) awaited.</summary>
        User,

        /// <summary>PASS sent: 230 awaited.</summary>
        Password,

        /// <summary>TYPE A / TYPE I sent: 200 awaited.</summary>
        Type,

        /// <summary>CWD to FTPGETPATH / FTPPUTPATH sent: 250 awaited.</summary>
        ChangeDirectory,

        /// <summary>PASV sent: 227 awaited.</summary>
        Passive,

        /// <summary>The data connection to the 227 port is being opened.</summary>
        DataConnecting,

        /// <summary>RETR / STOR sent: 150 (or 125) awaited.</summary>
        Transfer,

        /// <summary>Data mode: the pump moves the file between the host and the data connection.</summary>
        Data,

        /// <summary>The data connection is closed: the 226 that confirms the transfer is awaited.</summary>
        Completing,
    }
}
