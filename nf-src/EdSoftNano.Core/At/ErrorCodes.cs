namespace EdSoftNano.At
{
    /// <summary>The error codes of spec section 9.2, reported as "#CME ERROR: &lt;code&gt;".</summary>
    public static class ErrorCodes
    {
        public const int None = 0;
        public const int UnknownCommand = 34817;
        public const int SyntaxError = 34819;
        public const int EepromWriteFailed = 34824;
        public const int CommandTooLong = 34881;
        public const int BadArgumentValue = 34882;
        public const int ModemAlreadyRunning = 35840;
        public const int GprsSessionLost = 35841;
        public const int NetworkInactivityTimeout = 35862;
        public const int NotAttached = 35865;
        public const int InvalidActivationEvent = 35866;
        public const int PhysicalLayerNotActive = 35867;
        public const int GprsConnectionAborted = 35868;
        public const int InvalidIncomingCallType = 35869;
        public const int CallerIdNotProvided = 35870;
        public const int SimRemoved = 35871;
        public const int InternalResourceUnavailable = 36872;
        public const int BadParameterConfiguration = 36929;
        public const int PppClientNegotiationFailed = 37120;
        public const int PppServerNegotiationFailed = 37121;
        public const int AnotherApplicationRunning = 37122;
        public const int ServiceRunning = 37123;
        public const int TcpContextCancelled = 37952;
        public const int NoResponseFromServer = 37964;
        public const int ClosedByPeer = 37966;
        public const int OpenSessionFailed = 38016;
        public const int DataSendFailed = 38017;
        public const int CloseSessionFailed = 38018;
        public const int ChangeDirectoryFailed = 38022;
        public const int FileDeletionFailed = 38023;
        public const int DataRetrieveFailed = 38024;
        public const int EmailRetrieveFailed = 38025;
        public const int EmailHeaderFailed = 38026;
        public const int DnsFailed = 38027;
        public const int SenderRejected = 38028;
        public const int RecipientRejected = 38029;
        public const int CcRecipientRejected = 38030;
        public const int BodyRejected = 38031;
        public const int UsernameRejected = 38080;
        public const int PasswordRejected = 38081;
        public const int PppClientTimeout = 38980;
        public const int PppServerTimeout = 38981;
    }
}
