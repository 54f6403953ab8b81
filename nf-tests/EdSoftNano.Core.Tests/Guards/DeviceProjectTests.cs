using System;
using EdSoftNano.NetStack;
using System.Collections.Generic;
using System.IO;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using EdSoftNano.App;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>
    /// The two nanoFramework projects that cannot be built here (the device app and its on-target
    /// tests) are checked as text: every package is pinned as nanoframework/NOTES.md says, every
    /// reference points into packages\&lt;id&gt;.&lt;version&gt;\lib, every source file is listed and
    /// exists, and the sources use none of the constructs the stable firmware cannot run.
    /// </summary>
    public class DeviceProjectTests
    {
        public const string DeviceProject = "nf-src/EdSoftNano.Device/EdSoftNano.Device.nfproj";

        public const string DeviceTestsProject = "nf-tests/EdSoftNano.Device.Tests/EdSoftNano.Device.Tests.nfproj";

        private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";

        // ..\..\packages\<id>.<version>\lib\<assembly>.dll|.exe (solution at the repository root).
        private static readonly Regex HintPathShape = new Regex(
            @"^\.\.\\\.\.\\packages\\(?<id>[A-Za-z][A-Za-z0-9.]*?)\.(?<version>\d+\.\d+\.\d+)\\lib\\(?<file>[A-Za-z0-9.]+\.(dll|exe))$",
            RegexOptions.CultureInvariant);

        // A row of the pin table in NOTES.md: | nanoFramework.X | 1.2.3 | what it gives |
        private static readonly Regex PinRow = new Regex(
            @"^\|\s*(?<id>nanoFramework\.[A-Za-z0-9.]+)\s*\|\s*(?<version>\d+\.\d+\.\d+)\s*\|",
            RegexOptions.CultureInvariant | RegexOptions.Multiline);

        private static readonly string[] ForbiddenInSources =
        {
            "$\"", "List<", "Dictionary<", "IEnumerable<", "Func<", "Action<", "async ", "await ", "Task<", "Span<",
            "Memory<", ".Replace(", "string.Join", "String.Join", "var (", "Regex", "stackalloc",
        };

        private static readonly string[] Placeholders = { "TODO", "PLACEHOLDER", "XXX", "FIXME", "TBD" };

        private readonly ITestOutputHelper _output;

        public DeviceProjectTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static TheoryData<string> Projects => new TheoryData<string> { DeviceProject, DeviceTestsProject };

        /// <summary>The values of EdSoftBoard the device app supports (Boards/BoardSelection.cs, boards/README.md).</summary>
        public static TheoryData<string> Boards => new TheoryData<string> { "ESP32_DEVKITC_SIM800L", "LILYGO_TCALL_SIM800L", "STM32F769I_DISCO_M95" };

        public static TheoryData<bool> TestBuilds => new TheoryData<bool> { false, true };

        [Theory]
        [InlineData("Modem", false)]
        [InlineData("Board", true)]
        public void DeviceApp_EachNetworkChoice_CompilesAndUsesOnlyTheApiSurface(string network, bool boardSymbol)
        {
            NfprojConfiguration configuration = NfprojConfiguration.Evaluate(Full(DeviceProject),
                new Dictionary<string, string> { ["EdSoftNetwork"] = network });
            Assert.Equal(boardSymbol, configuration.Symbols.Contains("NETWORK_BOARD"));
            AssertSurface(new DeviceApiCheck(ApiSurface.Default, RepoRoot.Path).Check(configuration));
        }

        [Fact]
        public void DeviceApp_DefaultNetwork_IsPppOverTheModem()
        {
            NfprojConfiguration configuration = NfprojConfiguration.Evaluate(Full(DeviceProject), new Dictionary<string, string>());
            Assert.DoesNotContain("NETWORK_BOARD", configuration.Symbols);
        }

        [Theory]
        [MemberData(nameof(Boards))]
        public void DeviceApp_ForEachBoard_CompilesAndUsesOnlyTheApiSurface(string board)
        {
            NfprojConfiguration configuration = NfprojConfiguration.Evaluate(Full(DeviceProject),
                new Dictionary<string, string> { ["EdSoftBoard"] = board });
            Assert.Contains("BOARD_" + board, configuration.Symbols);
            bool esp32 = board.StartsWith("ESP32", StringComparison.Ordinal) || board.StartsWith("LILYGO", StringComparison.Ordinal);
            Assert.Equal(esp32, configuration.Symbols.Contains("ESP32"));

            // An STM32 firmware has no native part for nanoFramework.Hardware.Esp32: its build must not reference it.
            Assert.Equal(esp32, configuration.Assemblies.Contains(NanoStubs.Esp32));
            AssertSurface(new DeviceApiCheck(ApiSurface.Default, RepoRoot.Path).Check(configuration));
        }

        [Theory]
        [MemberData(nameof(TestBuilds))]
        public void DeviceTests_DefaultAndBoardBuilds_CompileAndUseOnlyTheApiSurface(bool boardTests)
        {
            NfprojConfiguration configuration = NfprojConfiguration.Evaluate(Full(DeviceTestsProject),
                new Dictionary<string, string> { ["EdSoftBoardTests"] = boardTests ? "true" : "false" });
            bool hasBindings = configuration.Sources.Any(s => s.Contains(Path.DirectorySeparatorChar + "Bindings" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            Assert.Equal(boardTests, hasBindings);
            if (!boardTests)
            {
                // The default build runs on the test adapter's nanoCLR: nothing that needs a native part of a board.
                Assert.Equal(new[] { "mscorlib", NanoStubs.TestFramework, "nanoFramework.UnitTestLauncher" }.OrderBy(a => a),
                    configuration.Assemblies.OrderBy(a => a));
            }

            AssertSurface(new DeviceApiCheck(ApiSurface.Default, RepoRoot.Path).Check(configuration));
        }

        [Fact]
        public void NanoStubs_DeclareOnlyMembersOfTheApiSurface()
        {
            var invented = new List<string>();
            foreach (string assembly in NanoStubs.Names)
            {
                IReadOnlyList<string> ids = NanoStubs.DeclaredIds(assembly, ApiSurface.Default, DeviceApiCheck.FrameworkReferences);
                Assert.NotEmpty(ids);
                invented.AddRange(ids.Where(id => ApiSurface.Default.AssemblyOf(id) != assembly).Select(id => assembly + ": " + id
                    + (ApiSurface.Default.Contains(id) ? " is in " + ApiSurface.Default.AssemblyOf(id) : " is not in api-surface-1.x.tsv")));
            }

            Assert.True(invented.Count == 0, "The stubs declare what nanoFramework does not have:\n  " + string.Join("\n  ", invented));
        }

        [Fact]
        public void DeviceApiCheck_OnAProbeProject_FlagsWhatNanoFrameworkLacks_AndAcceptsWhatItHas()
        {
            string folder = Path.Combine(Path.GetTempPath(), "edsoft-probe-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                File.WriteAllText(Path.Combine(folder, "Probe.nfproj"),
                    "<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n"
                    + "  <PropertyGroup><LangVersion>9.0</LangVersion></PropertyGroup>\n"
                    + "  <ItemGroup><Reference Include=\"mscorlib\" /><Reference Include=\"System.IO.Ports\" /></ItemGroup>\n"
                    + "  <ItemGroup><Compile Include=\"Probe.cs\" /></ItemGroup>\n"
                    + "</Project>\n");
                File.WriteAllText(Path.Combine(folder, "Probe.cs"), string.Join("\n",
                    "using System;",
                    "using System.Collections.Generic;",
                    "using System.Threading;",
                    "namespace Probe",
                    "{",
                    "    public sealed class Probe",
                    "    {",
                    "        private readonly AutoResetEvent _event = new AutoResetEvent(false);",
                    "        public string Good(int a)",
                    "        {",
                    "            _event.Set();",
                    "            _event.WaitOne(10, false);",
                    "            return string.Concat(\"a\", \"b\", \"c\", \"d\", a.ToString());",
                    "        }",
                    "        public string Bad(int a, string s)",
                    "        {",
                    "            var list = new List<int>();",
                    "            string t = $\"{a}\";",
                    "            string u = s.Replace(\"x\", \"y\");",
                    "            string v = string.Join(\",\", new[] { s });",
                    "            var w = new System.Diagnostics.Stopwatch();",
                    "            var x = new System.IO.MemoryStream();",
                    "            int? y = null;",
                    "            return t + u + v;",
                    "        }",
                    "    }",
                    "}",
                    string.Empty));

                NfprojConfiguration configuration = NfprojConfiguration.Evaluate(Path.Combine(folder, "Probe.nfproj"), new Dictionary<string, string>());
                DeviceApiResult result = new DeviceApiCheck(ApiSurface.Default, RepoRoot.Path).Check(configuration);
                Assert.Empty(result.CompileErrors);
                string all = string.Join("\n", result.Violations.Concat(result.UnreferencedAssemblies));
                _output.WriteLine(all);
                foreach (string expected in new[]
                {
                    "Probe.cs:17: generic type System.Collections.Generic.List<int>",
                    "Probe.cs:18: interpolated string",
                    "Probe.cs:19: M:System.String.Replace(System.String,System.String)",
                    "Probe.cs:20: M:System.String.Join(System.String,System.String[])",
                    "Probe.cs:21: M:System.Diagnostics.Stopwatch.#ctor",
                    "Probe.cs:22: M:System.IO.MemoryStream.#ctor is in System.IO.Streams, which the project does not reference",
                    "Probe.cs:23: nullable value type",
                })
                {
                    Assert.Contains(expected, all);
                }

                Assert.DoesNotContain("Probe.cs:1" + "1:", all);
                Assert.DoesNotContain("Probe.cs:12:", all);
                Assert.DoesNotContain("Probe.cs:13:", all);
                Assert.Contains("M:System.Threading.AutoResetEvent.Set", result.Used.Keys);
                Assert.Contains("M:System.String.Concat(System.String[])", result.Used.Keys);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        private void AssertSurface(DeviceApiResult result)
        {
            foreach (KeyValuePair<string, string> use in result.Used)
            {
                _output.WriteLine(use.Key + "\t" + ApiSurface.Default.AssemblyOf(use.Key) + "\t" + use.Value);
            }

            var problems = result.CompileErrors.Select(e => "compile: " + e)
                .Concat(result.Violations)
                .Concat(result.UnreferencedAssemblies)
                .ToList();
            Assert.True(problems.Count == 0, result.Configuration + ":\n  " + string.Join("\n  ", problems));
            Assert.NotEmpty(result.Used);
        }

        [Fact]
        public void Notes_PinTable_IsReadable()
        {
            Dictionary<string, string> pins = Pins();
            Assert.Contains("nanoFramework.CoreLibrary", pins.Keys);
            Assert.Contains("nanoFramework.TestFramework", pins.Keys);
            Assert.True(pins.Count >= 10, "NOTES.md pin table has only " + pins.Count + " rows");
        }

        [Theory]
        [MemberData(nameof(Projects))]
        public void PackagesConfig_EveryPackage_IsPinnedExactly(string project)
        {
            Dictionary<string, string> pins = Pins();
            List<XElement> packages = PackagesConfig(project);
            Assert.NotEmpty(packages);
            var wrong = new List<string>();
            foreach (XElement package in packages)
            {
                string id = (string)package.Attribute("id");
                string version = (string)package.Attribute("version");
                string framework = (string)package.Attribute("targetFramework");
                if (!pins.TryGetValue(id ?? string.Empty, out string pinned))
                {
                    wrong.Add(id + " " + version + ": not in the NOTES.md pin table");
                }
                else if (pinned != version)
                {
                    wrong.Add(id + " " + version + ": NOTES.md pins " + pinned);
                }

                if (framework != "netnano1.0")
                {
                    wrong.Add(id + ": targetFramework \"" + framework + "\", expected netnano1.0");
                }
            }

            var duplicates = packages.GroupBy(p => (string)p.Attribute("id")).Where(g => g.Count() > 1).Select(g => g.Key + ": listed twice");
            wrong.AddRange(duplicates);
            Assert.True(wrong.Count == 0, PackagesConfigPath(project) + ":\n  " + string.Join("\n  ", wrong));
        }

        [Theory]
        [MemberData(nameof(Projects))]
        public void Nfproj_EveryHintPath_PointsIntoAPinnedPackage(string project)
        {
            Dictionary<string, string> pins = Pins();
            var listed = new HashSet<string>(PackagesConfig(project).Select(p => (string)p.Attribute("id") + "/" + (string)p.Attribute("version")));
            var hintPaths = Elements(project, "HintPath").Select(h => h.Value.Trim()).ToList();
            Assert.NotEmpty(hintPaths);
            var wrong = new List<string>();
            var used = new HashSet<string>();
            foreach (string hint in hintPaths)
            {
                Match m = HintPathShape.Match(hint);
                if (!m.Success)
                {
                    wrong.Add(hint + ": not ..\\..\\packages\\<id>.<version>\\lib\\<assembly>.dll");
                    continue;
                }

                string id = m.Groups["id"].Value;
                string version = m.Groups["version"].Value;
                used.Add(id + "/" + version);
                if (!pins.TryGetValue(id, out string pinned) || pinned != version)
                {
                    wrong.Add(hint + ": " + id + " " + version + " is not the NOTES.md pin (" + (pinned ?? "none") + ")");
                }

                if (!listed.Contains(id + "/" + version))
                {
                    wrong.Add(hint + ": " + id + " " + version + " is not in packages.config");
                }
            }

            wrong.AddRange(listed.Where(p => !used.Contains(p)).Select(p => p + ": in packages.config but no reference uses it"));
            Assert.True(wrong.Count == 0, project + ":\n  " + string.Join("\n  ", wrong));
        }

        [Theory]
        [MemberData(nameof(Projects))]
        public void Nfproj_CompileItems_ExistAndListEveryCsFile(string project)
        {
            string directory = Path.GetDirectoryName(Full(project));
            var listed = Elements(project, "Compile")
                .Select(e => (string)e.Attribute("Include"))
                .ToList();
            Assert.NotEmpty(listed);
            var missing = listed.Where(i => i.Contains('*')).Select(i => i + ": wildcards hide what is built").ToList();
            var listedFull = new HashSet<string>(StringComparer.Ordinal);
            foreach (string include in listed.Where(i => !i.Contains('*')))
            {
                string full = Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar)));
                if (!File.Exists(full))
                {
                    missing.Add(include + ": no such file");
                }

                if (!listedFull.Add(full))
                {
                    missing.Add(include + ": listed twice");
                }
            }

            var unlisted = SourceFiles(directory).Where(f => !listedFull.Contains(f))
                .Select(f => Path.GetRelativePath(directory, f) + ": on disk but not a Compile item");
            missing.AddRange(unlisted);
            Assert.True(missing.Count == 0, project + ":\n  " + string.Join("\n  ", missing));
        }

        [Theory]
        [MemberData(nameof(Projects))]
        public void Nfproj_FollowsTheCoreProjectsConventions(string project)
        {
            XDocument doc = Load(project);
            string text = File.ReadAllText(Full(project));
            Assert.Equal("{11A8DD76-328B-46DF-9F39-F559912D0360};{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}", Property(doc, "ProjectTypeGuids"));
            Assert.Equal("v1.0", Property(doc, "TargetFrameworkVersion"));
            Assert.Equal("9.0", Property(doc, "LangVersion"));
            Assert.Matches(@"^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$", Property(doc, "ProjectGuid"));
            foreach (string import in new[] { "NFProjectSystem.Default.props", "NFProjectSystem.props", "NFProjectSystem.CSharp.targets" })
            {
                Assert.Contains("$(NanoFrameworkProjectSystemPath)" + import, text);
            }

            foreach (XElement reference in doc.Descendants(Msbuild + "ProjectReference"))
            {
                string include = ((string)reference.Attribute("Include")).Replace('\\', Path.DirectorySeparatorChar);
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(Full(project)), include)), project + ": ProjectReference " + include + " does not exist");
            }

            Assert.Contains(doc.Descendants(Msbuild + "None"), n => (string)n.Attribute("Include") == "packages.config");
        }

        [Fact]
        public void Nfproj_GuidsAreDistinct()
        {
            var guids = new[] { "nf-src/EdSoftNano.Core/EdSoftNano.Core.nfproj", DeviceProject, DeviceTestsProject }
                .Select(p => Property(Load(p), "ProjectGuid").ToUpperInvariant())
                .ToList();
            Assert.Equal(guids.Count, guids.Distinct().Count());
        }

        [Fact]
        public void DeviceNfproj_IsAnApplication_ThatReferencesTheCore()
        {
            XDocument doc = Load(DeviceProject);
            Assert.Equal("Exe", Property(doc, "OutputType"));
            Assert.Contains(doc.Descendants(Msbuild + "ProjectReference"), r => ((string)r.Attribute("Include")).EndsWith("EdSoftNano.Core.nfproj", StringComparison.Ordinal));
        }

        [Fact]
        public void DeviceTestsNfproj_IsATestProject()
        {
            XDocument doc = Load(DeviceTestsProject);
            Assert.Equal("true", Property(doc, "IsTestProject"));
            Assert.Equal("UnitTest", Property(doc, "TestProjectType"));
            Assert.Equal("NFUnitTest", Property(doc, "AssemblyName"));
            Assert.Contains(doc.Descendants(Msbuild + "ProjectCapability"), c => (string)c.Attribute("Include") == "TestContainer");
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(Full(DeviceTestsProject)), "nano.runsettings")), "nano.runsettings is missing");
        }

        [Fact]
        public void DeviceSources_UseNoConstructTheStableFirmwareLacks()
        {
            var hits = new List<string>();
            foreach (string file in DeviceSourceFiles())
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    foreach (string forbidden in ForbiddenInSources)
                    {
                        if (lines[i].Contains(forbidden, StringComparison.Ordinal))
                        {
                            hits.Add(Path.GetRelativePath(RepoRoot.Path, file) + ":" + (i + 1) + ": " + forbidden);
                        }
                    }
                }
            }

            Assert.True(hits.Count == 0, "Constructs nanoFramework's stable firmware cannot run:\n  " + string.Join("\n  ", hits));
        }

        [Fact]
        public void DeviceFiles_HaveNoPlaceholders()
        {
            var files = DeviceSourceFiles()
                .Concat(Directory.EnumerateFiles(Full("nf-src/EdSoftNano.Device"), "*.*", SearchOption.AllDirectories))
                .Concat(Directory.EnumerateFiles(Full("nf-tests/EdSoftNano.Device.Tests"), "*.*", SearchOption.AllDirectories))
                .Concat(Directory.EnumerateFiles(Full("boards"), "*.*", SearchOption.AllDirectories))
                .Append(Full("docs/run-on-a-board.md"))
                .Where(f => !IsBuildOutput(f))
                .Distinct()
                .ToList();
            Assert.Contains(files, f => f.EndsWith("run-on-a-board.md", StringComparison.Ordinal));
            var hits = new List<string>();
            foreach (string file in files)
            {
                Assert.True(File.Exists(file), file + " is missing");
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    foreach (string marker in Placeholders)
                    {
                        if (Regex.IsMatch(lines[i], @"\b" + marker + @"\b"))
                        {
                            hits.Add(Path.GetRelativePath(RepoRoot.Path, file) + ":" + (i + 1) + ": " + marker);
                        }
                    }
                }
            }

            Assert.True(hits.Count == 0, "Placeholders left in:\n  " + string.Join("\n  ", hits));
        }

        [Fact]
        public void Boards_EachFolderHasAReadmeAndIsInTheIndex()
        {
            string boards = Full("boards");
            string index = File.ReadAllText(Path.Combine(boards, "README.md"));
            string[] folders = Directory.GetDirectories(boards);
            Assert.True(folders.Length >= 3, "boards/ holds " + folders.Length + " board folders, expected at least 3");
            foreach (string folder in folders)
            {
                string name = Path.GetFileName(folder);
                Assert.True(File.Exists(Path.Combine(folder, "README.md")), "boards/" + name + "/README.md is missing");
                Assert.Contains("(" + name + "/README.md)", index);
                string selection = File.ReadAllText(Full("nf-src/EdSoftNano.Device/Boards/BoardSelection.cs"));
                Assert.Contains("\"" + name + "\"", selection);
            }
        }

        [Fact]
        public void RunOnABoard_MemoryTable_MatchesTheBudgets()
        {
            string doc = File.ReadAllText(Full("docs/run-on-a-board.md"));
            var wrong = new List<string>();

            // Core: every `Budget.X` row shows the constant, and the rows add up to Budget.Total.
            var constants = typeof(Budget).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(int))
                .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue());
            int sum = 0;
            bool totalRow = false;
            foreach (Match row in Regex.Matches(doc, @"`Budget\.(?<name>\w+)`\)\**\s*\|\s*\**(?<value>[\d,]+)\**\s*\|"))
            {
                string name = row.Groups["name"].Value;
                int value = int.Parse(row.Groups["value"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                if (!constants.TryGetValue(name, out int actual))
                {
                    wrong.Add("Budget." + name + ": no such constant");
                    continue;
                }

                if (value != actual)
                {
                    wrong.Add("Budget." + name + ": the table says " + value + ", Budget.cs " + actual);
                }

                if (name == "Total")
                {
                    totalRow = true;
                }
                else
                {
                    sum += actual;
                }
            }

            if (!totalRow)
            {
                wrong.Add("no Budget.Total row");
            }

            if (sum != Budget.Total)
            {
                wrong.Add("the Budget rows add up to " + sum + ", Budget.Total is " + Budget.Total + " (a buffer is missing from the table)");
            }

            // Bindings: DeviceBudget.cs, read as text (the device project is not built here).
            string deviceBudget = File.ReadAllText(Full("nf-src/EdSoftNano.Device/App/DeviceBudget.cs"));
            int hostRing = Constant(deviceBudget, "HostRing");
            int modemRing = Constant(deviceBudget, "ModemRing");
            int chunk = Constant(deviceBudget, "ReceiveChunk");
            Assert.Contains("public const int Total = HostRing + ModemRing + 2 * ReceiveChunk;", deviceBudget);
            int deviceTotal = hostRing + modemRing + 2 * chunk;
            string[] expected =
            {
                "(`DeviceBudget.HostRing`) | " + Thousands(hostRing) + " |",
                "(`DeviceBudget.ModemRing`) | " + Thousands(modemRing) + " |",
                "(`DeviceBudget.ReceiveChunk`) | " + Thousands(2 * chunk) + " |",
                "(`DeviceBudget.Total`)** | **" + Thousands(deviceTotal) + "** |",
                Thousands(Budget.Total + deviceTotal) + " bytes of buffers",
                "(buffers: core " + Budget.Total + " + bindings " + deviceTotal + " bytes)",
                // The network over the modem: PPP and the IPv4 stack.
                "(`PppBudget.ReceiveRing`) | " + Thousands(EdSoftNano.Session.PppBudget.ReceiveRing) + " |",
                "(`PppBudget.Frame`) | " + Thousands(EdSoftNano.Session.PppBudget.Frame) + " |",
                "(2 × `PppBudget.ControlPacket`) | " + Thousands(2 * EdSoftNano.Session.PppBudget.ControlPacket) + " |",
                "(2 × `PppBudget.IpcpPacket`) | " + Thousands(2 * EdSoftNano.Session.PppBudget.IpcpPacket) + " |",
                "(2 × `PppBudget.IoBlock`) | " + Thousands(2 * EdSoftNano.Session.PppBudget.IoBlock) + " |",
                "(`AuthCodec.TxBufferLength`) | " + Thousands(EdSoftNano.Ppp.Auth.AuthCodec.TxBufferLength) + " |",
                "(`PppBudget.Total`)** | **" + Thousands(EdSoftNano.Session.PppBudget.Total) + "** |",
                "(`NetStackBudget.ReassemblySlots` × `NetStackBudget.Datagram`) | " + Thousands(NetStackBudget.ReassemblySlots * NetStackBudget.Datagram) + " |",
                "(`TcpBudget.Total`) | " + Thousands(EdSoftNano.Tcp.TcpBudget.Total) + " |",
                "(`NetStackBudget.UdpSlots` × `NetStackBudget.UdpRing`) | " + Thousands(NetStackBudget.UdpSlots * NetStackBudget.UdpRing) + " |",
                "(`NetStackBudget.UdpSend`) | " + Thousands(NetStackBudget.UdpSend) + " |",
                "(`NetStackBudget.IcmpBuffer`) | " + Thousands(NetStackBudget.IcmpBuffer) + " |",
                "(`NetStackBudget.DnsBuffer`) | " + Thousands(NetStackBudget.DnsBuffer) + " |",
                "(`NetStackBudget.Total`)** | **" + Thousands(NetStackBudget.Total) + "** |",
                Thousands(Budget.Total + deviceTotal + EdSoftNano.Session.PppBudget.Total + NetStackBudget.Total) + " in all",
            };
            wrong.AddRange(expected.Where(e => !doc.Contains(e, StringComparison.Ordinal)).Select(e => "missing: " + e));
            Assert.True(wrong.Count == 0, "docs/run-on-a-board.md, Memory:\n  " + string.Join("\n  ", wrong));
        }

        private static int Constant(string source, string name)
        {
            Match m = Regex.Match(source, @"public const int " + name + @" = (?<v>\d+);");
            Assert.True(m.Success, "DeviceBudget." + name + " is not a literal constant");
            return int.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture);
        }

        private static string Thousands(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

        /// <summary>The NOTES.md pin table: package id to version. Fails when NOTES.md cannot be found.</summary>
        private static Dictionary<string, string> Pins()
        {
            string path = Environment.GetEnvironmentVariable("EDSOFT_NF_NOTES");
            if (string.IsNullOrEmpty(path))
            {
                path = Path.Combine(RepoRoot.Shared, "nanoframework", "NOTES.md");
            }

            Assert.True(File.Exists(path), "nanoframework/NOTES.md not found at " + path + " (set EDSOFT_NF_NOTES)");
            var pins = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match m in PinRow.Matches(File.ReadAllText(path)))
            {
                pins[m.Groups["id"].Value] = m.Groups["version"].Value;
            }

            return pins;
        }

        private static string Full(string relative) => Path.Combine(RepoRoot.Path, relative.Replace('/', Path.DirectorySeparatorChar));

        private static XDocument Load(string project)
        {
            string path = Full(project);
            Assert.True(File.Exists(path), project + " is missing");
            return XDocument.Load(path);
        }

        private static IEnumerable<XElement> Elements(string project, string name) => Load(project).Descendants(Msbuild + name);

        private static string Property(XDocument doc, string name)
        {
            XElement element = doc.Descendants(Msbuild + name).FirstOrDefault();
            Assert.True(element != null, "property " + name + " is missing");
            return element.Value.Trim();
        }

        private static string PackagesConfigPath(string project) => Path.Combine(Path.GetDirectoryName(Full(project)), "packages.config");

        private static List<XElement> PackagesConfig(string project)
        {
            string path = PackagesConfigPath(project);
            Assert.True(File.Exists(path), path + " is missing");
            return XDocument.Load(path).Descendants("package").ToList();
        }

        private static bool IsBuildOutput(string path)
        {
            string sep = Path.DirectorySeparatorChar.ToString();
            return path.Contains(sep + "bin" + sep, StringComparison.Ordinal) || path.Contains(sep + "obj" + sep, StringComparison.Ordinal);
        }

        private static IEnumerable<string> SourceFiles(string directory) =>
            Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(f))
                .Select(Path.GetFullPath);

        private static IEnumerable<string> DeviceSourceFiles() =>
            SourceFiles(Full("nf-src/EdSoftNano.Device")).Concat(SourceFiles(Full("nf-tests/EdSoftNano.Device.Tests")));
    }
}
