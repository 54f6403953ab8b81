namespace EdSoftNano.Ppp
{
    /// <summary>Codes of control protocol packets (RFC 1661 5) and the packet header layout.</summary>
    public static class ControlCode
    {
        /// <summary>Configure-Request.</summary>
        public const byte ConfigureRequest = 1;
        /// <summary>Configure-Ack.</summary>
        public const byte ConfigureAck = 2;
        /// <summary>Configure-Nak.</summary>
        public const byte ConfigureNak = 3;
        /// <summary>Configure-Reject.</summary>
        public const byte ConfigureReject = 4;
        /// <summary>Terminate-Request.</summary>
        public const byte TerminateRequest = 5;
        /// <summary>Terminate-Ack.</summary>
        public const byte TerminateAck = 6;
        /// <summary>Code-Reject.</summary>
        public const byte CodeReject = 7;
        /// <summary>Protocol-Reject (LCP only).</summary>
        public const byte ProtocolReject = 8;
        /// <summary>Echo-Request (LCP only).</summary>
        public const byte EchoRequest = 9;
        /// <summary>Echo-Reply (LCP only).</summary>
        public const byte EchoReply = 10;
        /// <summary>Discard-Request (LCP only).</summary>
        public const byte DiscardRequest = 11;

        /// <summary>Code, Identifier, Length.</summary>
        public const int HeaderLength = 4;
    }
}
