namespace EdSoftNano.Modem
{
    /// <summary>How a command sent to the modem ended. Timeout means no final result came in time.</summary>
    public enum ModemResult
    {
        None,
        Ok,
        Error,
        CmeError,
        Connect,
        Busy,
        NoAnswer,
        NoCarrier,
        NoDialtone,
        Timeout,
    }
}
