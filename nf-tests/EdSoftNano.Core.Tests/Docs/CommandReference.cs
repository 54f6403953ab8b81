using System.Text;
using EdSoftNano.Parameters;

namespace EdSoftNano.Tests.Docs
{
    /// <summary>Renders the README's parameter reference from the parameter table.</summary>
    public static class CommandReference
    {
        public const string Begin = "<!-- parameter-reference:begin (generated from ParameterTable; UPDATE_DOCS=1 dotnet test rewrites it) -->";
        public const string End = "<!-- parameter-reference:end -->";

        public static string Render()
        {
            var text = new StringBuilder();
            text.Append("| Parameter | Set | Legal values | Default | Shown by | Spec |\n");
            text.Append("| --- | --- | --- | --- | --- | --- |\n");
            foreach (ParameterDef def in ParameterTable.All)
            {
                string set = def.IsPerSocket ? $"`AT#{def.Name}=id,<v>`" : def.Kind == ParameterKind.Body
                    ? $"`AT#{def.Name}<CR>text<Ctrl-Z>` or `=<v>`"
                    : def.Kind == ParameterKind.AddressList ? $"`AT#{def.Name}=<v>`, `AT#{def.Name}ADD<CR>…<Ctrl-Z>`" : $"`AT#{def.Name}=<v>`";
                string shownDefault = def.Default.Length == 0 ? "\"\"" : def.Default;
                text.Append($"| {def.Name} | {set} | {Legal(def)} | {shownDefault} | {Display(def.Group)} | {def.Section} |\n");
            }

            return text.ToString();
        }

        private static string Legal(ParameterDef def) => def.Kind switch
        {
            ParameterKind.Integer when def.Step > 1 => $"{def.Min}..{def.Max}, multiple of {def.Step}",
            ParameterKind.Integer => $"{def.Min}..{def.Max}",
            ParameterKind.IntegerChoice => def.Choices.Replace(",", ", "),
            ParameterKind.Text => $"text, ≤ {def.MaxLength} chars",
            ParameterKind.Body => $"text, ≤ {def.MaxLength} chars, may hold line breaks",
            ParameterKind.Phone => $"digits, optional leading +, ≤ {def.MaxLength}",
            ParameterKind.IPv4 => "dotted IPv4",
            ParameterKind.HostOrIPv4 => $"host name or dotted IPv4, ≤ {def.MaxLength} chars",
            ParameterKind.AddressList => $"≤ 10 addresses of ≤ {def.MaxLength} chars",
            ParameterKind.Letter => string.Join(" or ", def.Choices.ToCharArray()),
            _ => "?",
        };

        private static string Display(DisplayGroup group) => group switch
        {
            DisplayGroup.Mail1 => "#VMAIL1, #VALL",
            DisplayGroup.Mail2 => "#VMAIL2, #VALL",
            DisplayGroup.Mail3 => "#VMAIL3, #VALL",
            DisplayGroup.Tcp => "#VTCP=id, #VALL",
            _ => "#V" + group.ToString().ToUpperInvariant() + ", #VALL",
        };
    }
}
