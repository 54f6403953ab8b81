namespace EdSoftNano.Device.Tests.Support
{
    /// <summary>The response shapes of the spec (chapter 1.3) as exact text.</summary>
    public static class Expect
    {
        public const string Ok = "\r\nOK\r\n";

        /// <summary>A one-line information block followed by OK.</summary>
        public static string Block(string line) => string.Concat("\r\n", line, "\r\n", Ok);

        public static string Error(int code) => string.Concat("\r\n#CME ERROR: ", code.ToString(), "\r\n");
    }
}
