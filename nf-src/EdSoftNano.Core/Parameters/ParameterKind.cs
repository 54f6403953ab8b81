namespace EdSoftNano.Parameters
{
    /// <summary>How a parameter's value is written, checked and shown.</summary>
    public enum ParameterKind
    {
        /// <summary>Decimal integer between Min and Max, a multiple of Step; shown bare.</summary>
        Integer,
        /// <summary>Integer from an explicit list of legal values (e.g. PPPMODE 1-4, 9).</summary>
        IntegerChoice,
        /// <summary>Printable ASCII text up to MaxLength characters; shown quoted.</summary>
        Text,
        /// <summary>Phone number: optional '+', then digits; shown quoted.</summary>
        Phone,
        /// <summary>Dotted-decimal IPv4 address; shown quoted.</summary>
        IPv4,
        /// <summary>Host name or dotted-decimal IPv4 address; shown quoted.</summary>
        HostOrIPv4,
        /// <summary>Up to 10 e-mail addresses (RECi, CCRECi); shown quoted, comma separated.</summary>
        AddressList,
        /// <summary>One letter from a list (FTPTYPE: A or I); shown bare after " = ".</summary>
        Letter,
        /// <summary>Free text entered on its own line(s) and ended by Ctrl-Z (BODYi).</summary>
        Body,
    }
}
