using System;
using System.Collections.Generic;
using System.IO;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>
    /// nanoFramework's stable (1.x) public API as documentation IDs, read from api-surface-1.x.tsv
    /// (lines "&lt;doc id&gt;\t&lt;assembly&gt;", '#' starts a comment line).
    /// </summary>
    public sealed class ApiSurface
    {
        private readonly Dictionary<string, string> _assemblyById;

        private ApiSurface(string path, Dictionary<string, string> assemblyById)
        {
            Path = path;
            _assemblyById = assemblyById;
        }

        public string Path { get; }

        public int Count => _assemblyById.Count;

        public bool Contains(string documentationId) =>
            documentationId != null && _assemblyById.ContainsKey(documentationId);

        /// <summary>The nanoFramework assembly that defines the ID, or null when the ID is not in the list.</summary>
        public string AssemblyOf(string documentationId) =>
            documentationId != null && _assemblyById.TryGetValue(documentationId, out string assembly) ? assembly : null;

        public static ApiSurface Load(string path)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            int lineNumber = 0;
            foreach (string raw in File.ReadLines(path))
            {
                lineNumber++;
                string line = raw.TrimEnd('\r');
                if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                int tab = line.IndexOf('\t');
                if (tab <= 0 || tab == line.Length - 1)
                {
                    throw new FormatException(path + ":" + lineNumber + ": expected '<doc id>\\t<assembly>', got '" + line + "'");
                }

                map[line.Substring(0, tab).Trim()] = line.Substring(tab + 1).Trim();
            }

            if (map.Count == 0)
            {
                throw new FormatException(path + ": no documentation IDs in the file");
            }

            return new ApiSurface(path, map);
        }

        private static readonly Lazy<(ApiSurface Surface, string Error)> s_default = new Lazy<(ApiSurface, string)>(() =>
        {
            string path = GuardPaths.LocateApiSurface(out string searched);
            if (path == null)
            {
                return (null, GuardPaths.ApiSurfaceFileName + " not found; looked at " + searched
                    + ". The nanoFramework guard cannot run without it.");
            }

            try
            {
                return (Load(path), null);
            }
            catch (Exception e) when (e is IOException || e is FormatException || e is UnauthorizedAccessException)
            {
                return (null, "Cannot read " + path + ": " + e.Message);
            }
        });

        /// <summary>The surface found by <see cref="GuardPaths.LocateApiSurface"/>; throws with a clear message when it is missing.</summary>
        public static ApiSurface Default
        {
            get
            {
                var (surface, error) = s_default.Value;
                if (surface == null)
                {
                    throw new InvalidOperationException(error);
                }

                return surface;
            }
        }
    }
}
