namespace EdSoftNano.Parameters
{
    /// <summary>
    /// One row of the parameter table: everything set, get, the displays, the flash image and the
    /// docs need to know about a parameter. Rows are created once, at start-up.
    /// </summary>
    public sealed class ParameterDef
    {
        /// <summary>Canonical name, upper case, without '#'.</summary>
        public readonly string Name;
        public readonly ParameterKind Kind;
        public readonly DisplayGroup Group;
        public readonly ServiceTag Service;
        /// <summary>Lowest legal integer (Integer), or 0.</summary>
        public readonly int Min;
        /// <summary>Highest legal integer (Integer), or the maximum text length.</summary>
        public readonly int Max;
        /// <summary>Integers must be a multiple of this (TCPTXDELAY, UDPTXDELAY: 20).</summary>
        public readonly int Step;
        /// <summary>Legal values of an IntegerChoice; the letters of a Letter parameter.</summary>
        public readonly string Choices;
        /// <summary>Default value, in canonical text form.</summary>
        public readonly string Default;
        /// <summary>Number of value slots: 2 for the per-socket TCP parameters (ids 1 and 2), else 1.</summary>
        public readonly int Slots;
        /// <summary>Key of the value in the flash image; never reused for another parameter.</summary>
        public readonly byte StableId;
        /// <summary>Spec section that defines the parameter.</summary>
        public readonly string Section;

        /// <summary>Index of the first slot in the value array; set by the table.</summary>
        public int FirstSlot;

        public ParameterDef(string name, ParameterKind kind, DisplayGroup group, ServiceTag service,
            int min, int max, int step, string choices, string defaultValue, int slots, byte stableId, string section)
        {
            Name = name;
            Kind = kind;
            Group = group;
            Service = service;
            Min = min;
            Max = max;
            Step = step;
            Choices = choices;
            Default = defaultValue;
            Slots = slots;
            StableId = stableId;
            Section = section;
        }

        /// <summary>True for DLEMODE, TCPSERV, TCPPORT and TCPTXDELAY, which take "id,value".</summary>
        public bool IsPerSocket => Slots > 1;

        /// <summary>Maximum length of one text value (Text, Phone, HostOrIPv4, AddressList entries, Body).</summary>
        public int MaxLength => Max;

        /// <summary>True when the value is shown between double quotes.</summary>
        public bool IsQuoted => Kind != ParameterKind.Integer && Kind != ParameterKind.IntegerChoice && Kind != ParameterKind.Letter;
    }
}
