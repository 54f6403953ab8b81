using System;
using System.IO;

namespace EdSoftNano.Tests
{
    /// <summary>The repository root (the folder holding EdSoftNano.sln), found from the test binaries.</summary>
    public static class RepoRoot
    {
        public static string Path { get; } = Find();

        /// <summary>shared/ beside the repository (the CI clone gets a copy there).</summary>
        public static string Shared => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared"));

        private static string Find()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "EdSoftNano.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("EdSoftNano.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
