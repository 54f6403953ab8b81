using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>
    /// Compiles one configuration of a nanoFramework project of ours (the device app for one board, or
    /// the on-target tests with or without the board tests) here: its Compile items and the core's
    /// sources, against .NET's framework plus <see cref="NanoStubs"/> for the referenced
    /// nanoFramework-only assemblies, with the configuration's compilation symbols. Then it walks the
    /// project's own trees (not the core's, which <see cref="NanoApiChecker"/> guards) with the
    /// semantic model and requires every symbol from outside the compilation in api-surface-1.x.tsv,
    /// and its assembly among the project's references.
    /// <para>
    /// Because it binds against .NET, a member may be declared on a different type than on
    /// nanoFramework (AutoResetEvent.Set is EventWaitHandle.Set on .NET): an ID not in the list is
    /// accepted when the same member of the receiver's static type or one of its base types is, which is
    /// what the call binds to on nanoFramework. A call .NET binds to a "params ReadOnlySpan&lt;T&gt;"
    /// overload is checked as its "params T[]" twin. Implicit calls are added: delegate creation,
    /// string +, lock, using, foreach, array initializers, implicit base constructors, overrides and
    /// interface members of our types.
    /// </para>
    /// </summary>
    public sealed class DeviceApiCheck
    {
        private static readonly Lazy<IReadOnlyList<MetadataReference>> Framework = new Lazy<IReadOnlyList<MetadataReference>>(LoadFramework);

        private static readonly Regex ParamsSpan = new Regex(@"System\.ReadOnlySpan\{(?<t>[^{}]+)\}", RegexOptions.CultureInvariant);

        private readonly ApiSurface _surface;
        private readonly string _repoRoot;

        public DeviceApiCheck(ApiSurface surface, string repoRoot)
        {
            _surface = surface;
            _repoRoot = repoRoot;
        }

        public static IReadOnlyList<MetadataReference> FrameworkReferences => Framework.Value;

        public DeviceApiResult Check(NfprojConfiguration configuration)
        {
            var parse = new CSharpParseOptions(LanguageVersionOf(configuration), DocumentationMode.None,
                preprocessorSymbols: configuration.Symbols);
            var own = configuration.Sources
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, Relative(f)))
                .ToList();
            // The core is its own assembly on the device: its assembly attributes stay out of this one.
            var core = GuardPaths.CoreSourceFiles(_repoRoot)
                .Where(f => !Relative(f).Contains("/Properties/", StringComparison.Ordinal))
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, Relative(f)));

            var stubs = configuration.Assemblies.Where(a => NanoStubs.Names.Contains(a)).ToList();
            var replaced = new HashSet<string>(stubs.Select(NanoStubs.Replaces).Where(r => r != null), StringComparer.OrdinalIgnoreCase);
            var references = new List<MetadataReference>(Framework.Value.Where(r => !replaced.Contains(Path.GetFileNameWithoutExtension(r.Display ?? string.Empty))));
            foreach (string assembly in stubs)
            {
                references.Add(NanoStubs.Reference(assembly, _surface, Framework.Value));
            }

            var compilation = CSharpCompilation.Create("EdSoftNano.DeviceProbe", own.Concat(core), references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            var errors = compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => Where(d.Location) + ": " + d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(e => e, StringComparer.Ordinal)
                .ToList();

            var walk = new Walk(compilation, _surface);
            foreach (SyntaxTree tree in own)
            {
                walk.Visit(tree);
            }

            var wrongAssembly = new List<string>();
            foreach (KeyValuePair<string, string> use in walk.Used)
            {
                string assembly = _surface.AssemblyOf(use.Key);
                if (assembly != null && !configuration.Assemblies.Contains(assembly, StringComparer.Ordinal))
                {
                    wrongAssembly.Add(use.Value + ": " + use.Key + " is in " + assembly + ", which the project does not reference");
                }
            }

            return new DeviceApiResult(configuration.Name, errors, walk.Violations.Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToList(),
                wrongAssembly, walk.Used);
        }

        private string Relative(string path) => Path.GetRelativePath(_repoRoot, path).Replace('\\', '/');

        private static string Where(Location location)
        {
            if (!location.IsInSource)
            {
                return "(no location)";
            }

            FileLinePositionSpan span = location.GetLineSpan();
            return span.Path + ":" + (span.StartLinePosition.Line + 1);
        }

        private static LanguageVersion LanguageVersionOf(NfprojConfiguration configuration)
        {
            string text = configuration.Property("LangVersion");
            return text.Length > 0 && LanguageVersionFacts.TryParse(text, out LanguageVersion version) ? version : LanguageVersion.CSharp9;
        }

        private static IReadOnlyList<MetadataReference> LoadFramework()
        {
            // The running .NET's framework assemblies only (the test's own dependencies would clash with the sources).
            string frameworkDir = Path.GetFullPath(Path.GetDirectoryName(typeof(object).Assembly.Location));
            string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
            return tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => string.Equals(Path.GetFullPath(Path.GetDirectoryName(p)), frameworkDir, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToList();
        }

        private sealed class Walk
        {
            private readonly Compilation _compilation;
            private readonly ApiSurface _surface;
            private SemanticModel _model;

            public Walk(Compilation compilation, ApiSurface surface)
            {
                _compilation = compilation;
                _surface = surface;
            }

            /// <summary>Accepted documentation ID → first use ("path:line").</summary>
            public SortedDictionary<string, string> Used { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

            public List<string> Violations { get; } = new List<string>();

            public void Visit(SyntaxTree tree)
            {
                _model = _compilation.GetSemanticModel(tree);
                foreach (SyntaxNode node in tree.GetRoot().DescendantNodesAndSelf())
                {
                    Construct(node);
                    if (InsideNameof(node))
                    {
                        continue;
                    }

                    Declaration(node);
                    Reference(node);
                    Implicit(node);
                }
            }

            private void Construct(SyntaxNode node)
            {
                string what = node switch
                {
                    InterpolatedStringExpressionSyntax => "interpolated string",
                    TupleExpressionSyntax or TupleTypeSyntax => "tuple",
                    AwaitExpressionSyntax => "await",
                    QueryExpressionSyntax => "LINQ query",
                    RangeExpressionSyntax => "range",
                    PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.IndexExpression) => "^ index",
                    StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax => "stackalloc",
                    AnonymousObjectCreationExpressionSyntax => "anonymous type",
                    YieldStatementSyntax => "iterator (yield)",
                    RecordDeclarationSyntax => "record",
                    TypeParameterListSyntax => "generic declaration",
                    NullableTypeSyntax n when _model.GetTypeInfo(n.ElementType).Type?.IsValueType == true => "nullable value type",
                    MethodDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.AsyncKeyword) => "async method",
                    _ => null,
                };
                if (what != null)
                {
                    Violations.Add(Where(node.GetLocation()) + ": " + what + " — not supported by stable nanoFramework (1.x)");
                }
            }

            private void Declaration(SyntaxNode node)
            {
                if (!(node is BaseTypeDeclarationSyntax || node is MethodDeclarationSyntax || node is PropertyDeclarationSyntax))
                {
                    return;
                }

                ISymbol declared = _model.GetDeclaredSymbol(node);
                if (declared is INamedTypeSymbol type)
                {
                    if (type.TypeKind == TypeKind.Class && !type.IsStatic && type.BaseType != null && !IsOwn(type.BaseType)
                        && type.InstanceConstructors.Any(c => c.IsImplicitlyDeclared || !HasInitializer(c)))
                    {
                        // The implicit base() call of our constructors.
                        IMethodSymbol baseCtor = type.BaseType.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0);
                        Require(baseCtor, null, node);
                    }

                    foreach (INamedTypeSymbol iface in type.AllInterfaces.Where(i => !IsOwn(i)))
                    {
                        Require(iface, null, node);
                        foreach (ISymbol member in iface.GetMembers())
                        {
                            if (type.FindImplementationForInterfaceMember(member) is ISymbol impl && IsOwn(impl))
                            {
                                Require(member, null, node);
                            }
                        }
                    }
                }
                else if (declared is IMethodSymbol method && method.OverriddenMethod != null && !IsOwn(method.OverriddenMethod))
                {
                    Require(method.OverriddenMethod, null, node);
                }
                else if (declared is IPropertySymbol property && property.OverriddenProperty != null && !IsOwn(property.OverriddenProperty))
                {
                    Require(property.OverriddenProperty, null, node);
                }
            }

            private static bool HasInitializer(IMethodSymbol constructor) =>
                constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is ConstructorDeclarationSyntax c && c.Initializer != null);

            private void Reference(SyntaxNode node)
            {
                if (!(node is ExpressionSyntax || node is AttributeSyntax || node is ConstructorInitializerSyntax))
                {
                    return;
                }

                ISymbol symbol = _model.GetSymbolInfo(node).Symbol;
                if (symbol == null || IsOwn(symbol))
                {
                    return;
                }

                Require(symbol, ReceiverType(node), node);
            }

            /// <summary>
            /// The calls lowering makes without syntax naming them. Run on each root operation (a body, an
            /// initializer) and everything below it, implicit operations included: a method group passed
            /// as a delegate is an implicit delegate creation under the argument.
            /// </summary>
            private void Implicit(SyntaxNode node)
            {
                IOperation root = _model.GetOperation(node);
                if (root == null || root.Parent != null)
                {
                    return;
                }

                ImplicitOne(root);
                foreach (IOperation operation in root.Descendants())
                {
                    ImplicitOne(operation);
                }
            }

            private void ImplicitOne(IOperation operation)
            {
                SyntaxNode node = operation.Syntax;
                switch (operation)
                {
                    case IDelegateCreationOperation creation when creation.Type is INamedTypeSymbol delegateType && !IsOwn(delegateType):
                        Require(delegateType, null, node);
                        Require(delegateType.InstanceConstructors.FirstOrDefault(), null, node);
                        break;
                    case IBinaryOperation binary when binary.OperatorKind == BinaryOperatorKind.Add
                        && (binary.LeftOperand.Type?.SpecialType == SpecialType.System_String || binary.RightOperand.Type?.SpecialType == SpecialType.System_String)
                        && binary.ConstantValue.HasValue == false:
                        RequireId("M:System.String.Concat(System.String,System.String)", node);
                        break;
                    case ILockOperation:
                        RequireId("M:System.Threading.Monitor.Enter(System.Object)", node);
                        RequireId("M:System.Threading.Monitor.Exit(System.Object)", node);
                        break;
                    case IUsingOperation:
                        RequireId("T:System.IDisposable", node);
                        RequireId("M:System.IDisposable.Dispose", node);
                        break;
                    case IForEachLoopOperation when node is ForEachStatementSyntax statement:
                        ForEachStatementInfo info = _model.GetForEachStatementInfo(statement);
                        if (!(_model.GetTypeInfo(statement.Expression).Type is IArrayTypeSymbol))
                        {
                            Require(info.GetEnumeratorMethod, null, node);
                            Require(info.MoveNextMethod, null, node);
                            Require(info.CurrentProperty, null, node);
                            Require(info.DisposeMethod, null, node);
                        }

                        break;
                    case IArrayCreationOperation array when array.Initializer != null
                        && array.Initializer.ElementValues.Length > 0
                        && array.Initializer.ElementValues.All(v => v.ConstantValue.HasValue):
                        RequireId("M:System.Runtime.CompilerServices.RuntimeHelpers.InitializeArray(System.Array,System.RuntimeFieldHandle)", node);
                        break;
                    case IConversionOperation conversion when conversion.OperatorMethod != null && !IsOwn(conversion.OperatorMethod):
                        Require(conversion.OperatorMethod, null, node);
                        break;
                    case ITypeOfOperation:
                        RequireId("M:System.Type.GetTypeFromHandle(System.RuntimeTypeHandle)", node);
                        break;
                }
            }

            private bool InsideNameof(SyntaxNode node) =>
                node.Ancestors().OfType<InvocationExpressionSyntax>().Any(i =>
                    i.Expression is IdentifierNameSyntax name && name.Identifier.ValueText == "nameof" && _model.GetSymbolInfo(i).Symbol == null);

            private ITypeSymbol ReceiverType(SyntaxNode node)
            {
                ExpressionSyntax receiver = node switch
                {
                    MemberAccessExpressionSyntax access => access.Expression,
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Expression,
                    SimpleNameSyntax name when name.Parent is MemberAccessExpressionSyntax access && access.Name == name => access.Expression,
                    _ => null,
                };
                return receiver == null ? null : _model.GetTypeInfo(receiver).Type;
            }

            private void Require(ISymbol symbol, ITypeSymbol receiver, SyntaxNode at)
            {
                switch (symbol)
                {
                    case null:
                        return;
                    case IArrayTypeSymbol array:
                        Require(array.ElementType, null, at);
                        return;
                    case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                        Violations.Add(Where(at.GetLocation()) + ": pointer — not supported by stable nanoFramework (1.x)");
                        return;
                    case INamedTypeSymbol type:
                        if (IsOwn(type))
                        {
                            return;
                        }

                        if (type.IsTupleType || type.IsGenericType)
                        {
                            Violations.Add(Where(at.GetLocation()) + ": generic type " + type.ToDisplayString() + " — not in api-surface-1.x.tsv (no generics on stable nanoFramework)");
                            return;
                        }

                        RequireId(type.GetDocumentationCommentId(), at);
                        return;
                    case IMethodSymbol method:
                        if (method.MethodKind == MethodKind.BuiltinOperator || IsOwn(method))
                        {
                            return;
                        }

                        method = method.ReducedFrom ?? method;
                        if (method.IsGenericMethod || method.ContainingType.IsGenericType)
                        {
                            Violations.Add(Where(at.GetLocation()) + ": generic method " + method.ToDisplayString() + " — not in api-surface-1.x.tsv (no generics on stable nanoFramework)");
                            return;
                        }

                        RequireMember(method, receiver, at);
                        return;
                    case IPropertySymbol property:
                        RequireMember(property, receiver, at);
                        bool write = IsWritten(at, out bool read);
                        if (read)
                        {
                            RequireMember(property.GetMethod, receiver, at);
                        }

                        if (write)
                        {
                            RequireMember(property.SetMethod, receiver, at);
                        }

                        return;
                    case IFieldSymbol field:
                        RequireMember(field, receiver, at);
                        return;
                    case IEventSymbol @event:
                        RequireMember(@event, receiver, at);
                        if (Outermost(at).Parent is AssignmentExpressionSyntax assignment)
                        {
                            RequireMember(assignment.IsKind(SyntaxKind.SubtractAssignmentExpression) ? @event.RemoveMethod : @event.AddMethod, receiver, at);
                        }

                        return;
                    default:
                        return; // namespaces, locals, parameters, labels, aliases
                }
            }

            /// <summary>True when the property at <paramref name="at"/> is assigned; <paramref name="read"/> when its value is used.</summary>
            private static bool IsWritten(SyntaxNode at, out bool read)
            {
                SyntaxNode expression = Outermost(at);
                switch (expression.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left == expression:
                        read = !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression);
                        return true;
                    case PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax
                        when expression.Parent.IsKind(SyntaxKind.PostIncrementExpression) || expression.Parent.IsKind(SyntaxKind.PostDecrementExpression)
                            || expression.Parent.IsKind(SyntaxKind.PreIncrementExpression) || expression.Parent.IsKind(SyntaxKind.PreDecrementExpression):
                        read = true;
                        return true;
                    default:
                        read = true;
                        return false;
                }
            }

            private static SyntaxNode Outermost(SyntaxNode at) =>
                at is SimpleNameSyntax && at.Parent is MemberAccessExpressionSyntax access && access.Name == at ? access : at;

            /// <summary>
            /// Requires the member's ID (or a candidate of <see cref="Candidates"/>). Its declaring type is not
            /// required separately: a listed member implies its type, and the type may differ from .NET's.
            /// </summary>
            private void RequireMember(ISymbol member, ITypeSymbol receiver, SyntaxNode at)
            {
                if (member == null || IsOwn(member))
                {
                    return;
                }

                ISymbol definition = member.OriginalDefinition;
                string id = definition.GetDocumentationCommentId();
                if (id == null)
                {
                    return;
                }

                foreach (string candidate in Candidates(definition, id, receiver))
                {
                    if (_surface.Contains(candidate))
                    {
                        Use(candidate, at);
                        return;
                    }
                }

                Violations.Add(Where(at.GetLocation()) + ": " + id + " — not in api-surface-1.x.tsv");
            }

            /// <summary>The member's ID, then the same member on the receiver's type and each base type, then the params-array twin.</summary>
            private static IEnumerable<string> Candidates(ISymbol definition, string id, ITypeSymbol receiver)
            {
                yield return id;
                string declaring = definition.ContainingType.OriginalDefinition.GetDocumentationCommentId().Substring(2);
                string head = id.Substring(0, 2) + declaring + ".";
                if (!id.StartsWith(head, StringComparison.Ordinal))
                {
                    yield break;
                }

                string rest = id.Substring(head.Length);
                for (ITypeSymbol type = receiver ?? definition.ContainingType; type != null; type = type.BaseType)
                {
                    string name = type.OriginalDefinition.GetDocumentationCommentId();
                    if (name != null && name.StartsWith("T:", StringComparison.Ordinal))
                    {
                        yield return id.Substring(0, 2) + name.Substring(2) + "." + rest;
                    }
                }

                if (definition is IMethodSymbol method && method.Parameters.Any(p => p.IsParams))
                {
                    yield return ParamsSpan.Replace(id, m => m.Groups["t"].Value + "[]");
                }
            }

            private void RequireId(string id, SyntaxNode at)
            {
                if (_surface.Contains(id))
                {
                    Use(id, at);
                }
                else
                {
                    Violations.Add(Where(at.GetLocation()) + ": " + id + " — not in api-surface-1.x.tsv");
                }
            }

            private void Use(string id, SyntaxNode at)
            {
                if (!Used.ContainsKey(id))
                {
                    Used[id] = Where(at.GetLocation());
                }
            }

            private bool IsOwn(ISymbol symbol) =>
                SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly);
        }
    }

    /// <summary>What <see cref="DeviceApiCheck"/> found in one configuration.</summary>
    public sealed class DeviceApiResult
    {
        public DeviceApiResult(string configuration, IReadOnlyList<string> compileErrors, IReadOnlyList<string> violations,
            IReadOnlyList<string> unreferencedAssemblies, IReadOnlyDictionary<string, string> used)
        {
            Configuration = configuration;
            CompileErrors = compileErrors;
            Violations = violations;
            UnreferencedAssemblies = unreferencedAssemblies;
            Used = used;
        }

        public string Configuration { get; }

        /// <summary>"path:line: CSnnnn message": the project does not compile against the core, .NET and the stubs.</summary>
        public IReadOnlyList<string> CompileErrors { get; }

        /// <summary>"path:line: ID — not in api-surface-1.x.tsv", or a construct stable nanoFramework lacks.</summary>
        public IReadOnlyList<string> Violations { get; }

        /// <summary>Used IDs whose assembly (the TSV's second column) the configuration does not reference.</summary>
        public IReadOnlyList<string> UnreferencedAssemblies { get; }

        /// <summary>Every external documentation ID the project's own sources use, with its first use.</summary>
        public IReadOnlyDictionary<string, string> Used { get; }
    }
}
