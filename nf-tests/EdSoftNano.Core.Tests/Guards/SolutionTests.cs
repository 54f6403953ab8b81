using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>
    /// EdSoftNano.sln holds every project of the tree, so Visual Studio builds and deploys the nanoFramework
    /// ones; the host filter holds every SDK project and no .nfproj, so `dotnet test` works on Linux.
    /// </summary>
    public class SolutionTests
    {
        private static readonly string[] Roots = { "nf-src", "nf-tests", "bench" };

        private static string[] ProjectsOnDisk(string extension) =>
            Roots.Where(r => Directory.Exists(Path.Combine(RepoRoot.Path, r)))
                .SelectMany(r => Directory.GetFiles(Path.Combine(RepoRoot.Path, r), "*" + extension, SearchOption.AllDirectories))
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                    && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .Select(p => Path.GetRelativePath(RepoRoot.Path, p).Replace('/', '\\'))
                .OrderBy(p => p)
                .ToArray();

        private static string Solution => File.ReadAllText(Path.Combine(RepoRoot.Path, "EdSoftNano.sln"));

        [Fact]
        public void Sln_ListsEveryProject()
        {
            var listed = Regex.Matches(Solution, "\"([^\"]+\\.(?:csproj|nfproj))\"").Select(m => m.Groups[1].Value).ToArray();
            foreach (string project in ProjectsOnDisk(".csproj").Concat(ProjectsOnDisk(".nfproj")))
            {
                Assert.Contains(project, listed);
            }
        }

        [Fact]
        public void Sln_BuildsAndDeploysEveryNfproj()
        {
            string sln = Solution;
            foreach (string project in ProjectsOnDisk(".nfproj"))
            {
                var declaration = Regex.Match(sln, "\\{11A8DD76-328B-46DF-9F39-F559912D0360\\}\"\\) = \"[^\"]+\", \"" + Regex.Escape(project) + "\", \"(\\{[^}]+\\})\"");
                Assert.True(declaration.Success, project + " is not declared as a nanoFramework project");
                string guid = declaration.Groups[1].Value;
                foreach (string config in new[] { "Debug", "Release" })
                {
                    foreach (string step in new[] { "ActiveCfg", "Build.0", "Deploy.0" })
                    {
                        Assert.Contains(guid + "." + config + "|Any CPU." + step + " = " + config + "|Any CPU", sln);
                    }
                }
            }
        }

        [Fact]
        public void HostFilter_HoldsEverySdkProjectAndNoNfproj()
        {
            using var filter = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "EdSoftNano.Host.slnf")));
            var listed = filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray().Select(e => e.GetString()).ToArray();
            Assert.Equal(ProjectsOnDisk(".csproj"), listed.OrderBy(p => p).ToArray());
        }
    }
}
