using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>
    /// Compiles the portable core against nanoFramework's real mscorlib (nanoFramework.CoreLibrary
    /// 1.17.11, the pinned version) and nothing else, at the .nfproj's language level: every type,
    /// member and overload the core uses must exist there, as on the device toolchain.
    /// </summary>
    public class NanoFrameworkCompileTests
    {
        private const string CoreLibraryVersion = "1.17.11";

        [Fact]
        public void Core_CompiledAgainstNanoFrameworkMscorlib_HasNoErrors()
        {
            string mscorlib = FindMscorlib();
            string coreDir = Path.Combine(RepoRoot.Path, "nf-src", "EdSoftNano.Core");
            var options = new CSharpParseOptions(LanguageVersion.CSharp9);
            var trees = Directory.EnumerateFiles(coreDir, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                         && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f))
                .ToList();
            Assert.NotEmpty(trees);

            var compilation = CSharpCompilation.Create("EdSoftNano.Core", trees,
                new[] { MetadataReference.CreateFromFile(mscorlib) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

            string[] errors = compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => Path.GetRelativePath(RepoRoot.Path, d.Location.SourceTree?.FilePath ?? "?") + ":"
                    + (d.Location.GetLineSpan().StartLinePosition.Line + 1) + ": " + d.Id + " " + d.GetMessage())
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToArray();
            Assert.True(errors.Length == 0, "The core does not compile against nanoFramework's mscorlib:\n" + string.Join("\n", errors));

            using var pe = new MemoryStream();
            var emit = compilation.Emit(pe);
            Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        }

        [Fact]
        public void Mscorlib_IsTheNanoFrameworkOne()
        {
            // Guards the guard: a .NET mscorlib would make the compile test meaningless.
            var reference = MetadataReference.CreateFromFile(FindMscorlib());
            var compilation = CSharpCompilation.Create("probe", new[] { CSharpSyntaxTree.ParseText("class C { System.Collections.Generic.List<int> l; }") },
                new[] { reference });
            Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS0234" || d.Id == "CS0246");
        }

        private static string FindMscorlib()
        {
            string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            string path = Path.Combine(root, "nanoframework.corelibrary", CoreLibraryVersion, "lib", "mscorlib.dll");
            Assert.True(File.Exists(path), "nanoFramework mscorlib not restored at " + path + " (PackageDownload in the test project)");
            return path;
        }
    }
}
