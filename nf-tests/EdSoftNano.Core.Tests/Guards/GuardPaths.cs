using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>
    /// Where the guard tests find the repository, the portable core's sources, its nfproj and the
    /// nanoFramework API surface list. Every lookup that fails says what it searched, so the test
    /// fails with a clear message instead of skipping.
    /// </summary>
    public static class GuardPaths
    {
        public const string ApiSurfaceEnvironmentVariable = "EDSOFT_API_SURFACE";
        public const string ApiSurfaceFileName = "api-surface-1.x.tsv";
        public const string CoreFolder = "nf-src/EdSoftNano.Core";
        public const string NfprojName = "EdSoftNano.Core.nfproj";

        /// <summary>The repository root: the first folder above the test binaries holding EdSoftNano.sln or nf-src/.</summary>
        public static string FindRepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EdSoftNano.sln"))
                    || Directory.Exists(Path.Combine(dir.FullName, "nf-src")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException(
                "Repository root (a folder holding EdSoftNano.sln or nf-src/) not found above " + AppContext.BaseDirectory);
        }

        /// <summary>
        /// The API surface TSV: $EDSOFT_API_SURFACE if set, else &lt;repo&gt;/../shared/nanoframework/api-surface-1.x.tsv.
        /// Returns null and a description of what was tried when the file is not there.
        /// </summary>
        public static string LocateApiSurface(out string searched)
        {
            string fromEnvironment = Environment.GetEnvironmentVariable(ApiSurfaceEnvironmentVariable);
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                string full = Path.GetFullPath(fromEnvironment);
                searched = ApiSurfaceEnvironmentVariable + "=" + fromEnvironment + " (" + full + ")";
                return File.Exists(full) ? full : null;
            }

            string root;
            try
            {
                root = FindRepoRoot();
            }
            catch (InvalidOperationException e)
            {
                searched = e.Message;
                return null;
            }

            string candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "nanoframework", ApiSurfaceFileName));
            searched = candidate + " (set " + ApiSurfaceEnvironmentVariable + " to point elsewhere)";
            return File.Exists(candidate) ? candidate : null;
        }

        public static string CoreDirectory(string repoRoot) => Path.Combine(repoRoot, "nf-src", "EdSoftNano.Core");

        public static string NfprojPath(string repoRoot) => Path.Combine(CoreDirectory(repoRoot), NfprojName);

        /// <summary>Every *.cs file under nf-src/EdSoftNano.Core except bin/ and obj/, as full paths, sorted.</summary>
        public static IReadOnlyList<string> CoreSourceFiles(string repoRoot)
        {
            string core = CoreDirectory(repoRoot);
            if (!Directory.Exists(core))
            {
                throw new InvalidOperationException("Core source folder not found: " + core);
            }

            return Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsUnderBinOrObj(Path.GetRelativePath(core, f)))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>The core's sources as (path relative to the repo root with '/', text).</summary>
        public static IReadOnlyList<CoreSourceFile> LoadCoreSources(string repoRoot)
        {
            return CoreSourceFiles(repoRoot)
                .Select(f => new CoreSourceFile(Path.GetRelativePath(repoRoot, f).Replace('\\', '/'), File.ReadAllText(f)))
                .ToList();
        }

        private static bool IsUnderBinOrObj(string relative)
        {
            string first = relative.Replace('\\', '/').Split('/')[0];
            return string.Equals(first, "bin", StringComparison.OrdinalIgnoreCase)
                || string.Equals(first, "obj", StringComparison.OrdinalIgnoreCase);
        }
    }
}
