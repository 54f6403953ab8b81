namespace EdSoftNano.At
{
    /// <summary>The texts of #VVERSION and of the first line of #VALL (spec 8.1, 8.3).</summary>
    public static class FirmwareVersion
    {
        /// <summary>Name and command-set level, in the shape of "eDsoft-W302_V03.00".</summary>
        public const string Name = "eDsoft-NANO_V03.00";

        /// <summary>"&lt;name&gt; &lt;build&gt; &lt;date of generation&gt;", as 8.1 describes it.</summary>
        public const string Full = "eDsoft-NANO_V03.00 1.0.0 Dec 02 2026";
    }
}
