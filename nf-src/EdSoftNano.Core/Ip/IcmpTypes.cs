namespace EdSoftNano.Ip
{
    /// <summary>The ICMP message types and codes (RFC 792) the stack sends or understands.</summary>
    public static class IcmpTypes
    {
        public const int EchoReply = 0;
        public const int DestinationUnreachable = 3;
        public const int SourceQuench = 4;
        public const int Redirect = 5;
        public const int EchoRequest = 8;
        public const int TimeExceeded = 11;
        public const int ParameterProblem = 12;

        /// <summary>Destination-unreachable codes.</summary>
        public const int CodeNetUnreachable = 0;
        public const int CodeHostUnreachable = 1;
        public const int CodeProtocolUnreachable = 2;
        public const int CodePortUnreachable = 3;
        public const int CodeFragmentationNeeded = 4;

        /// <summary>Time-exceeded codes.</summary>
        public const int CodeTtlExceeded = 0;
        public const int CodeReassemblyTimeExceeded = 1;

        /// <summary>True for the error messages (about which no ICMP error is ever sent, RFC 1122 3.2.2).</summary>
        public static bool IsError(int type)
        {
            return type == DestinationUnreachable || type == SourceQuench || type == Redirect || type == TimeExceeded || type == ParameterProblem;
        }
    }
}
