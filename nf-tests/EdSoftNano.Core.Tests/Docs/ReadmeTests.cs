using System;
using System.IO;
using Xunit;

namespace EdSoftNano.Tests.Docs
{
    /// <summary>The README's command reference is the parameter table, not a copy that drifts.</summary>
    public class ReadmeTests
    {
        [Fact]
        public void Readme_ParameterReference_MatchesTheTable()
        {
            string path = Path.Combine(RepoRoot.Path, "README.md");
            string readme = File.ReadAllText(path).Replace("\r\n", "\n");
            int begin = readme.IndexOf(CommandReference.Begin, StringComparison.Ordinal);
            int end = readme.IndexOf(CommandReference.End, StringComparison.Ordinal);
            Assert.True(begin >= 0 && end > begin, "README.md lacks the parameter-reference markers");
            string current = readme.Substring(begin + CommandReference.Begin.Length, end - begin - CommandReference.Begin.Length).Trim('\n');
            string expected = CommandReference.Render().Trim('\n');
            if (current != expected && Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            {
                File.WriteAllText(path, readme.Substring(0, begin + CommandReference.Begin.Length) + "\n" + expected + "\n" + readme.Substring(end));
                return;
            }

            Assert.Equal(expected, current);
        }
    }
}
