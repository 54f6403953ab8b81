namespace EdSoftNano.At
{
    /// <summary>Verbose (ATV1) texts of the result codes of spec section 9.1.</summary>
    public static class ResultText
    {
        public static string Of(ResultCode code)
        {
            switch (code)
            {
                case ResultCode.Ok: return "OK";
                case ResultCode.Connect: return "CONNECT";
                case ResultCode.Ring: return "RING";
                case ResultCode.NoCarrier: return "NO CARRIER";
                case ResultCode.Error: return "ERROR";
                case ResultCode.Busy: return "BUSY";
                case ResultCode.NoAnswer: return "NO ANSWER";
                case ResultCode.DataBegin: return "Ok_Info_DataBegin";
                case ResultCode.WaitingForData: return "Ok_Info_WaitingForData";
                case ResultCode.NoMail: return "Ok_Info_NoMail";
                case ResultCode.Mail: return "Ok_Info_Mail";
                case ResultCode.SocketClosed: return "Ok_Info_SocketClosed";
                case ResultCode.Ppp: return "Ok_Info_Ppp";
                case ResultCode.GprsActivation: return "Ok_Info_GprsActivation";
                default: return "ERROR";
            }
        }
    }
}
