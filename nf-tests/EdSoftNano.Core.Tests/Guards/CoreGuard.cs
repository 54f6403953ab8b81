using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>
    /// The checker's verdict on the real portable core (nf-src/EdSoftNano.Core), computed once per test run and
    /// shared by the guard tests. Each accessor throws with a clear message when a prerequisite is missing, so
    /// the test using it fails rather than skips.
    /// </summary>
    public static class CoreGuard
    {
        private static readonly Lazy<string> s_repoRoot = new Lazy<string>(GuardPaths.FindRepoRoot);

        private static readonly Lazy<SurfaceCheckResult> s_result = new Lazy<SurfaceCheckResult>(() =>
        {
            IReadOnlyList<CoreSourceFile> sources = GuardPaths.LoadCoreSources(RepoRoot);
            if (sources.Count == 0)
            {
                throw new InvalidOperationException("No *.cs files under " + GuardPaths.CoreDirectory(RepoRoot));
            }

            return new NanoApiChecker(ApiSurface.Default, LanguageVersionOfNfproj()).Check(sources);
        });

        public static string RepoRoot => s_repoRoot.Value;

        public static SurfaceCheckResult Result => s_result.Value;

        public static string Lines(IEnumerable<string> lines) => string.Join(Environment.NewLine, lines.Select(l => "  " + l));

        /// <summary>The nfproj's &lt;LangVersion&gt; (the device toolchain's language level), else C# 9.</summary>
        private static LanguageVersion LanguageVersionOfNfproj()
        {
            string nfproj = GuardPaths.NfprojPath(RepoRoot);
            if (File.Exists(nfproj))
            {
                string text = XDocument.Load(nfproj).Descendants()
                    .Where(e => e.Name.LocalName == "LangVersion")
                    .Select(e => e.Value.Trim())
                    .FirstOrDefault();
                if (text != null && LanguageVersionFacts.TryParse(text, out LanguageVersion version))
                {
                    return version;
                }
            }

            return NanoApiChecker.DefaultLanguageVersion;
        }
    }
}
