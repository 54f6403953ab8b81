using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>
    /// Compile-only stand-ins for the nanoFramework assemblies that have no .NET counterpart, so that
    /// the device app and its on-target tests can be compiled (and their symbols walked) here:
    /// System.IO.Ports, nanoFramework.Runtime.Native, nanoFramework.Hardware.Esp32 and
    /// nanoFramework.TestFramework. Each is its own assembly under the real assembly's name. System.Net
    /// is the exception: its sockets and addresses are .NET's own types (checked by documentation ID),
    /// and only what nanoFramework declares differently is stubbed (<see cref="NetSource"/>: its
    /// NetworkInterface, whose addresses are strings), under another assembly name, while .NET's
    /// System.Net.NetworkInformation is left out of the references (<see cref="Replaces"/>). Members
    /// are declared with the types the upstream sources at the pinned versions give them (SerialPort.cs,
    /// GC.cs, SystemInfo.cs, Configuration.cs, Assert.cs); the long generated lists (DeviceFunction,
    /// Assert) come from api-surface-1.x.tsv itself. A guard test requires every public member of
    /// these stubs to be in the TSV, so a stub cannot make an API exist. What the stubs cannot
    /// prove is a return or property type: those were read from the upstream sources by hand.
    /// Everything else (System.IO.FileSystem, threading, mscorlib) is compiled against .NET's own
    /// types and checked by documentation ID.
    /// </summary>
    public static class NanoStubs
    {
        public const string Ports = "System.IO.Ports";
        public const string RuntimeNative = "nanoFramework.Runtime.Native";
        public const string Esp32 = "nanoFramework.Hardware.Esp32";
        public const string TestFramework = "nanoFramework.TestFramework";
        public const string Net = "System.Net";

        // nanoFramework's NetworkInterface (System.Net 1.11.54, NetworkInformation/NetworkInterface.cs):
        // a class of its own, not .NET's abstract one; the addresses are dotted-quad strings.
        private const string NetSource = @"
namespace System.Net.NetworkInformation
{
    public enum NetworkInterfaceType { Unknown = 1, Ethernet = 6, Wireless80211 = 71, WirelessAP = 72 }

    public class NetworkInterface
    {
        public NetworkInterface(int interfaceIndex) { }
        public static NetworkInterface[] GetAllNetworkInterfaces() { throw null; }
        public static bool GetIsNetworkAvailable() { throw null; }
        public string IPv4Address { get { throw null; } }
        public string IPv4GatewayAddress { get { throw null; } }
        public string IPv4SubnetMask { get { throw null; } }
        public string[] IPv4DnsAddresses { get { throw null; } }
        public bool IsDhcpEnabled { get { throw null; } }
        public NetworkInterfaceType NetworkInterfaceType { get { throw null; } }
    }
}";

        private const string PortsSource = @"
namespace System.IO.Ports
{
    public enum Parity { None = 0, Odd = 1, Even = 2 }
    public enum StopBits { One = 1, Two = 2, OnePointFive = 3 }
    public enum Handshake { None, XOnXOff, RequestToSend, RequestToSendXOnXOff }
    public enum SerialData { Chars = 1, WatchChar = 2 }
    public enum SerialMode { Normal, RS485 }

    public class SerialDataReceivedEventArgs : global::System.EventArgs
    {
        internal SerialDataReceivedEventArgs() { }
        public SerialData EventType { get { throw null; } }
    }

    public delegate void SerialDataReceivedEventHandler(object sender, SerialDataReceivedEventArgs e);

    public sealed class SerialPort : global::System.IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { }
        public static string[] GetPortNames() { throw null; }
        public void Open() { }
        public void Close() { }
        public void Dispose() { }
        public int Read(byte[] buffer, int offset, int count) { throw null; }
        public int ReadByte() { throw null; }
        public string ReadExisting() { throw null; }
        public string ReadLine() { throw null; }
        public void Write(byte[] buffer, int offset, int count) { }
        public void Write(string text) { }
        public void WriteByte(byte value) { }
        public void WriteLine(string text) { }
        public global::System.IO.Stream BaseStream { get { throw null; } }
        public int BaudRate { get { throw null; } set { } }
        public int BytesToRead { get { throw null; } }
        public int DataBits { get { throw null; } set { } }
        public Handshake Handshake { get { throw null; } set { } }
        public bool InvertSignalLevels { get { throw null; } set { } }
        public bool IsOpen { get { throw null; } }
        public SerialMode Mode { get { throw null; } set { } }
        public string NewLine { get { throw null; } set { } }
        public Parity Parity { get { throw null; } set { } }
        public string PortName { get { throw null; } }
        public int ReadBufferSize { get { throw null; } set { } }
        public int ReadTimeout { get { throw null; } set { } }
        public int ReceivedBytesThreshold { get { throw null; } set { } }
        public StopBits StopBits { get { throw null; } set { } }
        public char WatchChar { get { throw null; } set { } }
        public int WriteBufferSize { get { throw null; } set { } }
        public int WriteTimeout { get { throw null; } set { } }
        public event SerialDataReceivedEventHandler DataReceived { add { } remove { } }
    }
}";

        private const string RuntimeNativeSource = @"
namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        public static uint Run(bool compactHeap) { throw null; }
        public static void EnableGCMessages(bool enable) { }
    }

    public static class SystemInfo
    {
        public enum FloatingPoint { None, SinglePrecisionSoftware, SinglePrecisionHardware, DoublePrecisionSoftware, DoublePrecisionHardware }
        public static string OEMString { get { throw null; } }
        public static byte OEM { get { throw null; } }
        public static byte Model { get { throw null; } }
        public static ushort SKU { get { throw null; } }
        public static string TargetName { get { throw null; } }
        public static string Platform { get { throw null; } }
        public static FloatingPoint FloatingPointSupport { get { throw null; } }
    }
}";

        private const string Esp32SourceHead = @"
namespace nanoFramework.Hardware.Esp32
{
    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) { }
        public static int GetFunctionPin(DeviceFunction function) { throw null; }
    }

    public enum DeviceFunction
    {
";

        private const string TestFrameworkSourceHead = @"
namespace nanoFramework.TestFramework
{
    [global::System.AttributeUsage(global::System.AttributeTargets.Class)]
    public class TestClassAttribute : global::System.Attribute { }

    [global::System.AttributeUsage(global::System.AttributeTargets.Method)]
    public class TestMethodAttribute : global::System.Attribute { }

    [global::System.AttributeUsage(global::System.AttributeTargets.Method)]
    public class SetupAttribute : global::System.Attribute { }

    [global::System.AttributeUsage(global::System.AttributeTargets.Method)]
    public class CleanupAttribute : global::System.Attribute { }

    [global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : global::System.Attribute
    {
        public DataRowAttribute(params object[] methodParameters) { }
        public object[] MethodParameters { get { throw null; } }
    }

    public sealed class Assert
    {
";

        private static readonly object Gate = new object();
        private static readonly Dictionary<string, MetadataReference> Built = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
        private static readonly Dictionary<string, Compilation> Compilations = new Dictionary<string, Compilation>(StringComparer.Ordinal);

        /// <summary>The assemblies this class can stand in for.</summary>
        public static IReadOnlyList<string> Names { get; } = new[] { Ports, RuntimeNative, Esp32, TestFramework, Net };

        /// <summary>
        /// The .NET framework assembly (file name without .dll) a stub replaces in a compilation, or null:
        /// the System.Net stub declares System.Net.NetworkInformation types of the same names.
        /// </summary>
        public static string Replaces(string assembly) => assembly == Net ? "System.Net.NetworkInformation" : null;

        /// <summary>The stub of <paramref name="assembly"/> as a metadata reference (built once).</summary>
        public static MetadataReference Reference(string assembly, ApiSurface surface, IReadOnlyList<MetadataReference> framework)
        {
            lock (Gate)
            {
                if (!Built.TryGetValue(assembly, out MetadataReference reference))
                {
                    Compilation compilation = Compile(assembly, surface, framework);
                    using var image = new MemoryStream();
                    var emitted = compilation.Emit(image);
                    if (!emitted.Success)
                    {
                        throw new InvalidOperationException("The " + assembly + " stub does not compile:\n  "
                            + string.Join("\n  ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
                    }

                    reference = MetadataReference.CreateFromImage(ImmutableArray.Create(image.ToArray()));
                    Built[assembly] = reference;
                    Compilations[assembly] = compilation;
                }

                return reference;
            }
        }

        /// <summary>Documentation IDs of every public type and member the stub of <paramref name="assembly"/> declares.</summary>
        public static IReadOnlyList<string> DeclaredIds(string assembly, ApiSurface surface, IReadOnlyList<MetadataReference> framework)
        {
            Reference(assembly, surface, framework);
            Compilation compilation;
            lock (Gate)
            {
                compilation = Compilations[assembly];
            }

            var ids = new List<string>();
            Collect(compilation.Assembly.GlobalNamespace, ids);
            return ids;
        }

        private static void Collect(INamespaceOrTypeSymbol container, List<string> ids)
        {
            foreach (ISymbol member in container.GetMembers())
            {
                if (member.DeclaredAccessibility != Accessibility.Public && !(member is INamespaceSymbol))
                {
                    continue;
                }

                if (member is INamespaceOrTypeSymbol nested)
                {
                    if (member is INamedTypeSymbol)
                    {
                        ids.Add(member.GetDocumentationCommentId());
                    }

                    Collect(nested, ids);
                    continue;
                }

                if (member is IFieldSymbol field && field.ContainingType.TypeKind == TypeKind.Enum && !field.HasConstantValue)
                {
                    continue;
                }

                ids.Add(member.GetDocumentationCommentId());
            }
        }

        private static Compilation Compile(string assembly, ApiSurface surface, IReadOnlyList<MetadataReference> framework)
        {
            string source = assembly switch
            {
                Ports => PortsSource,
                RuntimeNative => RuntimeNativeSource,
                Esp32 => Esp32Source(surface),
                TestFramework => TestFrameworkSource(surface),
                Net => NetSource,
                _ => throw new ArgumentException("No stub for " + assembly, nameof(assembly)),
            };

            // The System.Net stub is a part of that assembly only: under its own name, so that it does not
            // meet .NET's System.Net facade as a second assembly of the same simple name.
            return CSharpCompilation.Create(assembly == Net ? "nanoFramework.System.Net.Stub" : assembly,
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9), assembly + ".stub.cs") },
                framework,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        }

        /// <summary>Every documentation ID of the TSV, read again from its file (ApiSurface answers lookups only).</summary>
        private static IEnumerable<string> SurfaceIds(ApiSurface surface) =>
            File.ReadLines(surface.Path)
                .Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal) && l.IndexOf('\t') > 0)
                .Select(l => l.Substring(0, l.IndexOf('\t')).Trim())
                .Where(surface.Contains);

        private static string Esp32Source(ApiSurface surface)
        {
            const string prefix = "F:nanoFramework.Hardware.Esp32.DeviceFunction.";
            var text = new StringBuilder(Esp32SourceHead);
            foreach (string id in SurfaceIds(surface).Where(i => i.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(i => i, StringComparer.Ordinal))
            {
                text.Append("        ").Append(id.Substring(prefix.Length)).Append(",\n");
            }

            return text.Append("    }\n}\n").ToString();
        }

        private static string TestFrameworkSource(ApiSurface surface)
        {
            // Every Assert method of the TSV, static void, with the trailing message optional as upstream declares it.
            const string prefix = "M:nanoFramework.TestFramework.Assert.";
            var text = new StringBuilder(TestFrameworkSourceHead);
            foreach (string id in SurfaceIds(surface).Where(i => i.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(i => i, StringComparer.Ordinal))
            {
                string rest = id.Substring(prefix.Length);
                if (rest == "#ctor")
                {
                    continue;
                }

                int open = rest.IndexOf('(');
                string name = open < 0 ? rest : rest.Substring(0, open);
                string[] types = open < 0 ? Array.Empty<string>() : rest.Substring(open + 1, rest.Length - open - 2).Split(',');
                var parameters = new List<string>();
                for (int i = 0; i < types.Length; i++)
                {
                    bool optionalMessage = i == types.Length - 1 && types.Length > 1 && types[i] == "System.String";
                    parameters.Add("global::" + types[i] + " p" + i + (optionalMessage ? " = \"\"" : string.Empty));
                }

                text.Append("        public static void ").Append(name).Append('(').Append(string.Join(", ", parameters)).Append(") { }\n");
            }

            return text.Append("    }\n}\n").ToString();
        }
    }
}
