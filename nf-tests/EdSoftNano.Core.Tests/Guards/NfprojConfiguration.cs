using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>
    /// One build configuration of a nanoFramework project, evaluated from its .nfproj the way MSBuild
    /// does for the parts that matter to the guards: properties in document order (global
    /// properties win), conditions of the form <c>'$(X)' == 'v'</c> / <c>!=</c> joined by And / Or,
    /// and the Compile, Reference and ProjectReference items whose conditions hold. Imports are not
    /// followed (the nanoFramework project system is not on this machine); a condition of another
    /// form fails the evaluation rather than being guessed.
    /// </summary>
    public sealed class NfprojConfiguration
    {
        private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";

        private static readonly Regex Term = new Regex(@"^\s*'(?<left>[^']*)'\s*(?<op>==|!=)\s*'(?<right>[^']*)'\s*$", RegexOptions.CultureInvariant);

        private static readonly Regex PropertyUse = new Regex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)", RegexOptions.CultureInvariant);

        private NfprojConfiguration(string project, string name, Dictionary<string, string> properties, List<string> sources,
            List<string> assemblies, List<string> projectReferences)
        {
            Project = project;
            Name = name;
            Properties = properties;
            Sources = sources;
            Assemblies = assemblies;
            ProjectReferences = projectReferences;
        }

        /// <summary>Full path of the .nfproj.</summary>
        public string Project { get; }

        /// <summary>"EdSoftBoard=LILYGO_TCALL_SIM800L" and the like: the global properties it was evaluated with.</summary>
        public string Name { get; }

        public IReadOnlyDictionary<string, string> Properties { get; }

        /// <summary>Full paths of the Compile items, in project order.</summary>
        public IReadOnlyList<string> Sources { get; }

        /// <summary>Names of the referenced assemblies ("mscorlib", "System.IO.Ports", …), the Include up to its first comma.</summary>
        public IReadOnlyList<string> Assemblies { get; }

        /// <summary>Full paths of the referenced projects.</summary>
        public IReadOnlyList<string> ProjectReferences { get; }

        /// <summary>The compilation symbols: DefineConstants split at ';'.</summary>
        public IReadOnlyList<string> Symbols =>
            Property("DefineConstants").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public string Property(string name) => Properties.TryGetValue(name, out string value) ? value : string.Empty;

        public static NfprojConfiguration Evaluate(string projectPath, IDictionary<string, string> globals)
        {
            string project = Path.GetFullPath(projectPath);
            string directory = Path.GetDirectoryName(project);
            var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, string> global in globals)
            {
                properties[global.Key] = global.Value;
            }

            var sources = new List<string>();
            var assemblies = new List<string>();
            var projects = new List<string>();
            XElement root = XDocument.Load(project).Root;
            foreach (XElement group in root.Elements())
            {
                if (!Holds(group, properties, project))
                {
                    continue;
                }

                if (group.Name == Msbuild + "PropertyGroup")
                {
                    foreach (XElement property in group.Elements())
                    {
                        string name = property.Name.LocalName;
                        if (!globals.ContainsKey(name) && Holds(property, properties, project))
                        {
                            properties[name] = Expand(property.Value.Trim(), properties);
                        }
                    }
                }
                else if (group.Name == Msbuild + "ItemGroup")
                {
                    foreach (XElement item in group.Elements())
                    {
                        if (!Holds(item, properties, project))
                        {
                            continue;
                        }

                        string include = Expand((string)item.Attribute("Include") ?? string.Empty, properties);
                        if (item.Name == Msbuild + "Compile")
                        {
                            sources.Add(FullPath(directory, include));
                        }
                        else if (item.Name == Msbuild + "Reference")
                        {
                            assemblies.Add(include.Split(',')[0].Trim());
                        }
                        else if (item.Name == Msbuild + "ProjectReference")
                        {
                            projects.Add(FullPath(directory, include));
                        }
                    }
                }
            }

            string configurationName = string.Join(" ", globals.Select(g => g.Key + "=" + g.Value));
            return new NfprojConfiguration(project, configurationName.Length == 0 ? "(defaults)" : configurationName,
                properties, sources, assemblies, projects);
        }

        private static string FullPath(string directory, string include) =>
            Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar)));

        private static string Expand(string text, Dictionary<string, string> properties) =>
            PropertyUse.Replace(text, m => properties.TryGetValue(m.Groups["name"].Value, out string value) ? value : string.Empty);

        private static bool Holds(XElement element, Dictionary<string, string> properties, string project)
        {
            string condition = (string)element.Attribute("Condition");
            if (string.IsNullOrWhiteSpace(condition))
            {
                return true;
            }

            if (condition.TrimStart().StartsWith("Exists(", StringComparison.Ordinal))
            {
                // Only the imports of the nanoFramework project system use Exists, and they are not followed.
                return false;
            }

            foreach (string alternative in Regex.Split(condition, @"\s+Or\s+", RegexOptions.IgnoreCase))
            {
                bool all = true;
                foreach (string part in Regex.Split(alternative, @"\s+And\s+", RegexOptions.IgnoreCase))
                {
                    Match m = Term.Match(part);
                    if (!m.Success)
                    {
                        throw new InvalidOperationException(project + ": cannot evaluate the condition \"" + condition + "\"");
                    }

                    bool equal = string.Equals(Expand(m.Groups["left"].Value, properties), Expand(m.Groups["right"].Value, properties),
                        StringComparison.OrdinalIgnoreCase);
                    all &= m.Groups["op"].Value == "==" ? equal : !equal;
                }

                if (all)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
