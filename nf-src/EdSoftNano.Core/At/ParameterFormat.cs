using EdSoftNano.Parameters;

namespace EdSoftNano.At
{
    /// <summary>The get/display line of a parameter: "#NAME: value", "#NAME: id,value", "#FTPTYPE = I".</summary>
    public static class ParameterFormat
    {
        public static string Line(ParameterDef def, ParameterStore store, int socketId)
        {
            string value = store.Get(def, socketId);
            if (def.IsQuoted)
            {
                value = string.Concat("\"", value, "\"");
            }

            if (def.IsPerSocket)
            {
                value = string.Concat(socketId.ToString(), ",", value);
            }

            // 4.4 and 8.3 both show FTPTYPE as "#FTPTYPE = I"; kept as printed there.
            string separator = def.Kind == ParameterKind.Letter ? " = " : ": ";
            return string.Concat("#", def.Name, separator, value);
        }

        /// <summary>A #VMAILi line: "REC1=value" (spec 3.5.2).</summary>
        public static string MailLine(ParameterDef def, ParameterStore store)
            => string.Concat(def.Name, "=", store.Get(def));
    }
}
