namespace EdSoftNano.At
{
    /// <summary>
    /// The response messages of spec section 9.1 with their numeric (ATV0) codes. Each value is
    /// the numeric code itself, so the verbose text is looked up and the number is the value.
    /// </summary>
    public enum ResultCode
    {
        Ok = 0,
        Connect = 1,
        Ring = 2,
        NoCarrier = 3,
        Error = 4,
        Busy = 7,
        NoAnswer = 8,
        DataBegin = 1025,
        WaitingForData = 1028,
        NoMail = 3072,
        Mail = 3073,
        SocketClosed = 3074,
        Ppp = 3077,
        GprsActivation = 3086,
    }
}
