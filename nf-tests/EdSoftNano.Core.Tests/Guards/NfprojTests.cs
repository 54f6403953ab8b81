using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>
    /// nf-src/EdSoftNano.Core/EdSoftNano.Core.nfproj builds the same sources as the host project and references
    /// every nanoFramework assembly the core's symbols come from.
    /// </summary>
    public class NfprojTests
    {
        [Fact]
        public void Nfproj_References_CoverEveryAssemblyTheCoreUses()
        {
            var nfproj = LoadNfproj();
            var referenced = new HashSet<string>(
                Items(nfproj, "Reference").Select(SimpleName).Where(n => n.Length > 0),
                StringComparer.OrdinalIgnoreCase);

            var result = CoreGuard.Result;
            Assert.True(result.CompileErrors.Count == 0,
                "The core does not compile, so the assemblies it uses are not known:" + Environment.NewLine
                + CoreGuard.Lines(result.CompileErrors));
            Assert.True(result.UsedAssemblies.Count > 0, "The checker found no nanoFramework assembly in use; the walk is broken");

            var missing = result.UsedAssemblies
                .Where(a => !referenced.Contains(a.Key))
                .Select(a => a.Key + " (first use: " + a.Value + ")")
                .OrderBy(l => l, StringComparer.Ordinal)
                .ToList();
            Assert.True(missing.Count == 0,
                GuardPaths.NfprojName + " lacks a <Reference Include=\"…\"> for " + missing.Count + " assembly(ies) the core uses"
                + " (referenced: " + string.Join(", ", referenced.OrderBy(r => r, StringComparer.Ordinal)) + "):"
                + Environment.NewLine + CoreGuard.Lines(missing));
        }

        [Fact]
        public void Nfproj_CompileItems_MatchCoreSourcesOnDisk()
        {
            var nfproj = LoadNfproj();
            string coreDirectory = GuardPaths.CoreDirectory(CoreGuard.RepoRoot);

            var listed = Items(nfproj, "Compile")
                .Select(i => i.Replace('\\', '/').Trim())
                .ToList();
            var duplicates = listed.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            var listedSet = new HashSet<string>(listed, StringComparer.Ordinal);

            var onDisk = new HashSet<string>(
                GuardPaths.CoreSourceFiles(CoreGuard.RepoRoot).Select(f => Path.GetRelativePath(coreDirectory, f).Replace('\\', '/')),
                StringComparer.Ordinal);

            var missing = onDisk.Where(f => !listedSet.Contains(f)).OrderBy(f => f, StringComparer.Ordinal).ToList();
            var extra = listedSet.Where(f => !onDisk.Contains(f)).OrderBy(f => f, StringComparer.Ordinal).ToList();

            var problems = new List<string>();
            problems.AddRange(missing.Select(f => "missing from nfproj: <Compile Include=\"" + f.Replace('/', '\\') + "\" />"));
            problems.AddRange(extra.Select(f => "listed in nfproj but not on disk: " + f.Replace('/', '\\')));
            problems.AddRange(duplicates.Select(f => "listed more than once: " + f.Replace('/', '\\')));
            Assert.True(problems.Count == 0,
                GuardPaths.NfprojName + " <Compile> items differ from the *.cs files under " + GuardPaths.CoreFolder
                + " (" + missing.Count + " missing, " + extra.Count + " extra, " + duplicates.Count + " duplicate):"
                + Environment.NewLine + CoreGuard.Lines(problems));
        }

        private static XDocument LoadNfproj()
        {
            string path = GuardPaths.NfprojPath(CoreGuard.RepoRoot);
            Assert.True(File.Exists(path),
                GuardPaths.NfprojName + " not found at " + path + ": the nanoFramework project of the portable core must exist"
                + " (referencing at least mscorlib) and list its sources as <Compile Include=\"…\"> items");
            return XDocument.Load(path);
        }

        /// <summary>The Include attribute of every item element with the given name, whatever the XML namespace.</summary>
        private static IEnumerable<string> Items(XDocument project, string itemName) =>
            project.Descendants()
                .Where(e => e.Name.LocalName == itemName && e.Parent != null && e.Parent.Name.LocalName == "ItemGroup")
                .Select(e => (string)e.Attribute("Include"))
                .Where(i => !string.IsNullOrWhiteSpace(i));

        /// <summary>"mscorlib, Version=1.17.11.0, Culture=neutral, …" → "mscorlib".</summary>
        private static string SimpleName(string include)
        {
            int comma = include.IndexOf(',');
            return (comma < 0 ? include : include.Substring(0, comma)).Trim();
        }
    }
}
