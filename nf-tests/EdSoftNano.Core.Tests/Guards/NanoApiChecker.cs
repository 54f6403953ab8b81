using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>One source file given to the checker: a display path (relative to the repo root) and its text.</summary>
    public sealed class CoreSourceFile
    {
        public CoreSourceFile(string path, string text)
        {
            Path = path;
            Text = text;
        }

        public string Path { get; }

        public string Text { get; }
    }

    /// <summary>One thing the core must not do: a symbol missing from the API surface, or a construct nanoFramework cannot run.</summary>
    public sealed class SurfaceViolation
    {
        public const string NotInSurface = "not in api-surface-1.x.tsv";
        public const string NotSupported = "not supported by stable nanoFramework (1.x)";

        public SurfaceViolation(string path, int line, string what, string reason)
        {
            Path = path;
            Line = line;
            What = what;
            Reason = reason;
        }

        public string Path { get; }

        public int Line { get; }

        /// <summary>A documentation ID (T:…, M:…, P:…, F:…, E:…) or the name of a construct.</summary>
        public string What { get; }

        public string Reason { get; }

        public override string ToString() => Path + ":" + Line + ": " + What + " \u2014 " + Reason;
    }

    /// <summary>What <see cref="NanoApiChecker.Check"/> found.</summary>
    public sealed class SurfaceCheckResult
    {
        internal SurfaceCheckResult(IReadOnlyList<string> compileErrors, IReadOnlyList<SurfaceViolation> violations,
            IReadOnlyDictionary<string, string> usedIds, IReadOnlyDictionary<string, string> usedAssemblies)
        {
            CompileErrors = compileErrors;
            Violations = violations;
            UsedIds = usedIds;
            UsedAssemblies = usedAssemblies;
        }

        /// <summary>C# compile errors, "path:line: CSnnnn message", sorted. The symbol walk is only complete without them.</summary>
        public IReadOnlyList<string> CompileErrors { get; }

        /// <summary>All violations, sorted by path, line, then text.</summary>
        public IReadOnlyList<SurfaceViolation> Violations { get; }

        /// <summary>External documentation IDs the sources use that the surface has, with the first use site ("path:line").</summary>
        public IReadOnlyDictionary<string, string> UsedIds { get; }

        /// <summary>nanoFramework assemblies (second TSV column) the used IDs come from, with the first use ("path:line id").</summary>
        public IReadOnlyDictionary<string, string> UsedAssemblies { get; }

        public IReadOnlyList<string> ViolationLines => Violations.Select(v => v.ToString()).ToList();
    }

    /// <summary>
    /// The nanoFramework fence for the portable core. Compiles the sources with Roslyn against the running
    /// .NET's framework assemblies, walks every syntax node with the semantic model and
    /// <list type="bullet">
    /// <item>maps every symbol used that the sources do not declare (types, methods, constructors, operators,
    /// properties and their accessors, fields, events; reduced extensions to their definition; constructed
    /// generics to their original definition) to its documentation ID and requires it in the API surface TSV;</item>
    /// <item>adds the members that lowering calls without any syntax naming them: string + (String.Concat and
    /// the operands' ToString), delegate + and - (Delegate.Combine/Remove), foreach (GetEnumerator/MoveNext/
    /// Current, IDisposable), lock (Monitor.Enter/Exit), using (IDisposable.Dispose), typeof
    /// (Type.GetTypeFromHandle), switch on strings (String.op_Equality), implicit base constructor calls,
    /// overridden and explicitly implemented members;</item>
    /// <item>flags generic declarations and the constructs nanoFramework's stable firmware cannot run
    /// (interpolated strings, async/await, yield, LINQ queries, tuples, nullable value types, records,
    /// dynamic, ranges and ^ indexes, stackalloc, anonymous types, unsafe code and pointers,
    /// multi-dimensional arrays).</item>
    /// </list>
    /// An override whose own ID is missing is accepted when a member it overrides is listed: the compiler
    /// emits calls against the least-overridden virtual member. A call that .NET binds to a
    /// "params ReadOnlySpan&lt;T&gt;" overload is checked as its "params T[]" twin, which is what the call
    /// binds to against nanoFramework.
    /// </summary>
    public sealed class NanoApiChecker
    {
        public const string CoreAssemblyName = "EdSoftNano.Core";

        /// <summary>The language level of EdSoftNano.Core.nfproj (&lt;LangVersion&gt;9.0&lt;/LangVersion&gt;).</summary>
        public const LanguageVersion DefaultLanguageVersion = LanguageVersion.CSharp9;

        private static readonly Lazy<ImmutableArray<MetadataReference>> s_references =
            new Lazy<ImmutableArray<MetadataReference>>(LoadFrameworkReferences);

        private readonly ApiSurface _surface;
        private readonly CSharpParseOptions _parseOptions;

        public NanoApiChecker(ApiSurface surface, LanguageVersion languageVersion = DefaultLanguageVersion)
        {
            _surface = surface ?? throw new ArgumentNullException(nameof(surface));
            _parseOptions = new CSharpParseOptions(languageVersion, DocumentationMode.None);
        }

        public SurfaceCheckResult Check(IEnumerable<CoreSourceFile> sources)
        {
            var trees = sources
                .Select(s => CSharpSyntaxTree.ParseText(s.Text, _parseOptions, s.Path))
                .ToList();

            var compilation = CSharpCompilation.Create(
                CoreAssemblyName,
                trees,
                s_references.Value,
                new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Disable,
                    allowUnsafe: true)); // unsafe code is reported as a construct, not as a compile error

            var errors = compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(FormatDiagnostic)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(e => e, StringComparer.Ordinal)
                .ToList();

            var walk = new Walk(_surface, compilation);
            foreach (var tree in trees)
            {
                walk.VisitTree(tree);
            }

            walk.VisitDeclaredTypes(compilation.Assembly.GlobalNamespace);

            return new SurfaceCheckResult(errors, walk.SortedViolations(), walk.UsedIds, walk.UsedAssemblies);
        }

        private static string FormatDiagnostic(Diagnostic d)
        {
            var span = d.Location.GetLineSpan();
            string where = d.Location.IsInSource ? span.Path + ":" + (span.StartLinePosition.Line + 1) : "(no location)";
            return where + ": " + d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>The running .NET's framework assemblies (Microsoft.NETCore.App only: the test's own dependencies,
        /// the host build of the core among them, are trusted platform assemblies too and would clash).</summary>
        private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
        {
            string runtimeDirectory = Path.GetFullPath(Path.GetDirectoryName(typeof(object).Assembly.Location));
            var paths = new List<string>();
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
            {
                foreach (string p in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (string.Equals(Path.GetFullPath(Path.GetDirectoryName(p)), runtimeDirectory, StringComparison.Ordinal)
                        && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    {
                        paths.Add(p);
                    }
                }
            }

            if (paths.Count == 0)
            {
                paths.AddRange(Directory.EnumerateFiles(runtimeDirectory, "*.dll"));
            }

            var references = ImmutableArray.CreateBuilder<MetadataReference>();
            foreach (string p in paths.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal))
            {
                if (IsManagedAssembly(p))
                {
                    references.Add(MetadataReference.CreateFromFile(p));
                }
            }

            return references.ToImmutable();
        }

        private static bool IsManagedAssembly(string path)
        {
            try
            {
                using var stream = File.OpenRead(path);
                using var reader = new PEReader(stream);
                return reader.HasMetadata && reader.GetMetadataReader().IsAssembly;
            }
            catch (BadImageFormatException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private enum Access
        {
            Read,
            Write,
            ReadWrite,
        }

        private sealed class UseSite
        {
            public UseSite(string path, int line)
            {
                Path = path;
                Line = line;
            }

            public string Path { get; }

            public int Line { get; }
        }

        /// <summary>The state of one check: the semantic walk over all trees plus the declared-type pass.</summary>
        private sealed class Walk
        {
            private const string ConcatStrings = "M:System.String.Concat(System.String,System.String)";
            private const string ConcatObjects = "M:System.String.Concat(System.Object,System.Object)";
            private const string IDisposableType = "T:System.IDisposable";
            private const string IDisposableDispose = "M:System.IDisposable.Dispose";
            private const string StringEquality = "M:System.String.op_Equality(System.String,System.String)";
            private const string StringLength = "P:System.String.Length";
            private const string StringChars = "P:System.String.Chars(System.Int32)";
            private const string DelegateCombine = "M:System.Delegate.Combine(System.Delegate,System.Delegate)";
            private const string DelegateRemove = "M:System.Delegate.Remove(System.Delegate,System.Delegate)";

            private readonly ApiSurface _surface;
            private readonly CSharpCompilation _compilation;
            private readonly Dictionary<string, SurfaceViolation> _violations = new Dictionary<string, SurfaceViolation>(StringComparer.Ordinal);
            private readonly SortedDictionary<string, string> _usedIds = new SortedDictionary<string, string>(StringComparer.Ordinal);
            private readonly SortedDictionary<string, string> _usedAssemblies = new SortedDictionary<string, string>(StringComparer.Ordinal);
            private SemanticModel _model;

            public Walk(ApiSurface surface, CSharpCompilation compilation)
            {
                _surface = surface;
                _compilation = compilation;
            }

            public IReadOnlyDictionary<string, string> UsedIds => _usedIds;

            public IReadOnlyDictionary<string, string> UsedAssemblies => _usedAssemblies;

            public IReadOnlyList<SurfaceViolation> SortedViolations() =>
                _violations.Values
                    .OrderBy(v => v.Path, StringComparer.Ordinal)
                    .ThenBy(v => v.Line)
                    .ThenBy(v => v.ToString(), StringComparer.Ordinal)
                    .ToList();

            public void VisitTree(SyntaxTree tree)
            {
                _model = _compilation.GetSemanticModel(tree);
                var root = tree.GetRoot();

                foreach (var token in root.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.AsyncKeyword) && !(token.Parent is IdentifierNameSyntax))
                    {
                        Construct(token.GetLocation(), "async");
                    }
                    else if (token.IsKind(SyntaxKind.UnsafeKeyword))
                    {
                        Construct(token.GetLocation(), "unsafe");
                    }
                }

                foreach (var node in root.DescendantNodesAndSelf(n => !IsNameof(n)))
                {
                    if (!IsNameof(node))
                    {
                        VisitNode(node);
                    }
                }

                _model = null;
            }

            /// <summary>nameof(...) is compile-time only: nothing inside it reaches the device.</summary>
            private bool IsNameof(SyntaxNode node) =>
                node is InvocationExpressionSyntax invocation
                && invocation.Expression is IdentifierNameSyntax name
                && name.Identifier.ValueText == "nameof"
                && _model.GetSymbolInfo(invocation).Symbol == null;

            // ---- syntax walk ---------------------------------------------------------------------------

            private void VisitNode(SyntaxNode node)
            {
                CheckConstruct(node);

                switch (node)
                {
                    case UsingDirectiveSyntax:
                        // Namespaces are not symbols to check; an alias or "using static" target is checked where used.
                        return;
                    case AttributeSyntax attribute:
                        CheckSymbol(_model.GetSymbolInfo(attribute).Symbol, attribute);
                        return;
                    case ConstructorInitializerSyntax initializer:
                        CheckSymbol(_model.GetSymbolInfo(initializer).Symbol, initializer);
                        return;
                    case PrimaryConstructorBaseTypeSyntax primaryBase:
                        CheckSymbol(_model.GetSymbolInfo(primaryBase).Symbol, primaryBase);
                        return;
                    case CommonForEachStatementSyntax forEach:
                        CheckForEach(forEach);
                        return;
                    case LockStatementSyntax lockStatement:
                        Require(lockStatement, "M:System.Threading.Monitor.Enter(System.Object)");
                        Require(lockStatement, "M:System.Threading.Monitor.Exit(System.Object)");
                        return;
                    case UsingStatementSyntax usingStatement:
                        if (usingStatement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                        {
                            Construct(usingStatement.GetLocation(), "await using");
                        }

                        Require(usingStatement, IDisposableType);
                        Require(usingStatement, IDisposableDispose);
                        return;
                    case LocalDeclarationStatementSyntax local when local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                        if (local.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                        {
                            Construct(local.GetLocation(), "await using");
                        }

                        Require(local, IDisposableType);
                        Require(local, IDisposableDispose);
                        return;
                    case SwitchStatementSyntax switchStatement:
                        CheckStringSwitch(switchStatement.Expression, switchStatement);
                        return;
                    case SwitchExpressionSyntax switchExpression:
                        CheckExpression(switchExpression);
                        CheckStringSwitch(switchExpression.GoverningExpression, switchExpression);
                        return;
                    case ConstantPatternSyntax constantPattern:
                        CheckStringConstant(constantPattern.Expression, constantPattern);
                        return;
                    case CaseSwitchLabelSyntax caseLabel:
                        CheckStringConstant(caseLabel.Value, caseLabel);
                        return;
                    case InitializerExpressionSyntax initializerExpression:
                        CheckExpression(initializerExpression);
                        if (initializerExpression.IsKind(SyntaxKind.CollectionInitializerExpression))
                        {
                            foreach (var element in initializerExpression.Expressions)
                            {
                                CheckSymbol(_model.GetCollectionInitializerSymbolInfo(element).Symbol, element);
                            }
                        }

                        return;
                    case CollectionExpressionSyntax collection:
                        CheckExpression(collection);
                        if (_model.GetOperation(collection) is ICollectionExpressionOperation operation)
                        {
                            CheckSymbol(operation.ConstructMethod, collection);
                        }

                        return;
                    case TypeOfExpressionSyntax typeOf:
                        CheckExpression(typeOf);
                        Require(typeOf, "M:System.Type.GetTypeFromHandle(System.RuntimeTypeHandle)");
                        return;
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                        CheckExpression(binary);
                        CheckConcatOperands(binary, binary.Left, binary.Right);
                        return;
                    case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.AddAssignmentExpression):
                        CheckExpression(assignment);
                        CheckConcatOperands(assignment, assignment.Left, assignment.Right);
                        return;
                    case ExpressionSyntax expression:
                        CheckExpression(expression);
                        return;
                }
            }

            private void CheckExpression(ExpressionSyntax expression)
            {
                var symbolInfo = _model.GetSymbolInfo(expression);
                CheckSymbol(symbolInfo.Symbol, expression, AccessOf(expression));

                var typeInfo = _model.GetTypeInfo(expression);
                CheckSymbol(typeInfo.Type, expression);
                CheckSymbol(typeInfo.ConvertedType, expression);

                var conversion = _model.GetConversion(expression);
                if (conversion.IsUserDefined)
                {
                    CheckSymbol(conversion.MethodSymbol, expression);
                }
            }

            /// <summary>
            /// String concatenation: the built-in operator lowers to String.Concat (checked with the operator);
            /// depending on the compiler a non-string operand goes in as object or through its ToString().
            /// </summary>
            private void CheckConcatOperands(ExpressionSyntax node, ExpressionSyntax left, ExpressionSyntax right)
            {
                if (!(_model.GetSymbolInfo(node).Symbol is IMethodSymbol op) || op.MethodKind != MethodKind.BuiltinOperator
                    || op.ReturnType.SpecialType != SpecialType.System_String)
                {
                    return;
                }

                foreach (var operand in new[] { left, right })
                {
                    var type = _model.GetTypeInfo(operand).Type;
                    if (type == null || type.SpecialType == SpecialType.System_String || _model.GetConstantValue(operand).HasValue)
                    {
                        continue;
                    }

                    CheckSymbol(ToStringOf(type), operand);
                }
            }

            private IMethodSymbol ToStringOf(ITypeSymbol type)
            {
                for (var t = type; t != null; t = t.BaseType)
                {
                    var own = t.GetMembers("ToString").OfType<IMethodSymbol>()
                        .FirstOrDefault(m => m.Parameters.Length == 0 && !m.IsStatic);
                    if (own != null)
                    {
                        return own;
                    }
                }

                return _compilation.GetSpecialType(SpecialType.System_Object).GetMembers("ToString").OfType<IMethodSymbol>().FirstOrDefault();
            }

            private void CheckForEach(CommonForEachStatementSyntax forEach)
            {
                if (forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                {
                    Construct(forEach.GetLocation(), "await foreach");
                }

                var collectionType = _model.GetTypeInfo(forEach.Expression).Type;
                if (collectionType is IArrayTypeSymbol)
                {
                    return; // lowered to an indexed loop over the array
                }

                if (collectionType != null && collectionType.SpecialType == SpecialType.System_String)
                {
                    Require(forEach, StringLength); // lowered to an indexed loop: Length and the char indexer
                    Require(forEach, StringChars);
                    return;
                }

                var info = _model.GetForEachStatementInfo(forEach);
                CheckSymbol(info.GetEnumeratorMethod, forEach);
                CheckSymbol(info.MoveNextMethod, forEach);
                CheckSymbol(info.CurrentProperty, forEach, Access.Read);
                CheckSymbol(info.DisposeMethod, forEach);
                if (info.ElementConversion.IsUserDefined)
                {
                    CheckSymbol(info.ElementConversion.MethodSymbol, forEach);
                }

                // An enumerator that may be disposable is tested with "as IDisposable" and disposed.
                Require(forEach, IDisposableType);
                Require(forEach, IDisposableDispose);
            }

            private void CheckStringSwitch(ExpressionSyntax governing, SyntaxNode at)
            {
                var type = _model.GetTypeInfo(governing).Type;
                if (type != null && type.SpecialType == SpecialType.System_String)
                {
                    Require(at, StringEquality);
                    Require(at, StringLength);
                    Require(at, StringChars);
                }
            }

            private void CheckStringConstant(ExpressionSyntax value, SyntaxNode at)
            {
                var constant = _model.GetConstantValue(value);
                if (constant.HasValue && constant.Value is string)
                {
                    Require(at, StringEquality);
                }
            }

            private static Access AccessOf(ExpressionSyntax expression)
            {
                SyntaxNode e = expression;
                while (e.Parent is MemberAccessExpressionSyntax ma && ma.Name == e
                       || e.Parent is MemberBindingExpressionSyntax
                       || e.Parent is ParenthesizedExpressionSyntax)
                {
                    e = e.Parent;
                }

                if (e.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == e)
                {
                    e = conditional;
                }

                switch (e.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left == e:
                        return assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ? Access.Write : Access.ReadWrite;
                    case PrefixUnaryExpressionSyntax prefix
                        when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                        return Access.ReadWrite;
                    case PostfixUnaryExpressionSyntax postfix
                        when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                        return Access.ReadWrite;
                    default:
                        return Access.Read;
                }
            }

            // ---- constructs nanoFramework cannot run -------------------------------------------------

            private void CheckConstruct(SyntaxNode node)
            {
                switch (node.Kind())
                {
                    case SyntaxKind.InterpolatedStringExpression:
                        Construct(node.GetLocation(), "interpolated string ($\"...\"; use string.Concat)");
                        break;
                    case SyntaxKind.AwaitExpression:
                        Construct(node.GetLocation(), "await");
                        break;
                    case SyntaxKind.YieldReturnStatement:
                    case SyntaxKind.YieldBreakStatement:
                        Construct(node.GetLocation(), "yield (iterator)");
                        break;
                    case SyntaxKind.QueryExpression:
                        Construct(node.GetLocation(), "LINQ query expression");
                        break;
                    case SyntaxKind.TupleExpression:
                        Construct(node.GetLocation(), "tuple expression");
                        break;
                    case SyntaxKind.TupleType:
                        Construct(node.GetLocation(), "tuple type");
                        break;
                    case SyntaxKind.NullableType:
                        var nullable = _model.GetTypeInfo(node).Type ?? _model.GetSymbolInfo(node).Symbol as ITypeSymbol;
                        if (nullable == null || nullable.IsValueType)
                        {
                            Construct(node.GetLocation(), "nullable value type (" + node + ")");
                        }

                        break;
                    case SyntaxKind.RecordDeclaration:
                    case SyntaxKind.RecordStructDeclaration:
                        Construct(node.GetLocation(), "record");
                        break;
                    case SyntaxKind.WithExpression:
                        Construct(node.GetLocation(), "with expression");
                        break;
                    case SyntaxKind.RangeExpression:
                        Construct(node.GetLocation(), "range (..)");
                        break;
                    case SyntaxKind.IndexExpression:
                        Construct(node.GetLocation(), "index from end (^)");
                        break;
                    case SyntaxKind.StackAllocArrayCreationExpression:
                    case SyntaxKind.ImplicitStackAllocArrayCreationExpression:
                        Construct(node.GetLocation(), "stackalloc");
                        break;
                    case SyntaxKind.AnonymousObjectCreationExpression:
                        Construct(node.GetLocation(), "anonymous type");
                        break;
                    case SyntaxKind.PointerType:
                    case SyntaxKind.FunctionPointerType:
                    case SyntaxKind.AddressOfExpression:
                    case SyntaxKind.PointerIndirectionExpression:
                    case SyntaxKind.PointerMemberAccessExpression:
                    case SyntaxKind.FixedStatement:
                        Construct(node.GetLocation(), "pointers/unsafe code");
                        break;
                    case SyntaxKind.ArgListExpression:
                    case SyntaxKind.MakeRefExpression:
                    case SyntaxKind.RefTypeExpression:
                    case SyntaxKind.RefValueExpression:
                        Construct(node.GetLocation(), "undocumented keyword (__arglist/__makeref/__reftype/__refvalue)");
                        break;
                    case SyntaxKind.ArrayRankSpecifier:
                        if (((ArrayRankSpecifierSyntax)node).Rank > 1)
                        {
                            Construct(node.GetLocation(), "multi-dimensional array (use jagged arrays)");
                        }

                        break;
                    case SyntaxKind.TypeParameterList:
                        Construct(node.GetLocation(), "generic declaration: " + DescribeGenericDeclaration(node.Parent));
                        break;
                    case SyntaxKind.IdentifierName:
                        if (((IdentifierNameSyntax)node).Identifier.ValueText == "dynamic"
                            && _model.GetSymbolInfo(node).Symbol is ITypeSymbol { TypeKind: TypeKind.Dynamic })
                        {
                            Construct(node.GetLocation(), "dynamic");
                        }

                        break;
                }
            }

            private static string DescribeGenericDeclaration(SyntaxNode declaration)
            {
                switch (declaration)
                {
                    case TypeDeclarationSyntax type:
                        return type.Keyword.ValueText + " " + type.Identifier.ValueText + type.TypeParameterList;
                    case DelegateDeclarationSyntax d:
                        return "delegate " + d.Identifier.ValueText + d.TypeParameterList;
                    case MethodDeclarationSyntax m:
                        return "method " + m.Identifier.ValueText + m.TypeParameterList;
                    case LocalFunctionStatementSyntax f:
                        return "local function " + f.Identifier.ValueText + f.TypeParameterList;
                    default:
                        return declaration?.Kind().ToString() ?? "?";
                }
            }

            // ---- declared types: implicit uses with no syntax of their own -----------------------------

            public void VisitDeclaredTypes(INamespaceSymbol ns)
            {
                foreach (var member in ns.GetMembers())
                {
                    if (member is INamespaceSymbol child)
                    {
                        VisitDeclaredTypes(child);
                    }
                    else if (member is INamedTypeSymbol type)
                    {
                        VisitDeclaredType(type);
                    }
                }
            }

            private void VisitDeclaredType(INamedTypeSymbol type)
            {
                var at = SourceLocation(type);
                if (at == null)
                {
                    return; // not from source (compiler-embedded attribute types and the like)
                }

                if (type.BaseType != null)
                {
                    CheckSymbolAt(type.BaseType, at, Access.Read);
                }

                if (type.EnumUnderlyingType != null)
                {
                    CheckSymbolAt(type.EnumUnderlyingType, at, Access.Read);
                }

                if (type.TypeKind == TypeKind.Class && type.BaseType != null && !IsCore(type.BaseType.OriginalDefinition))
                {
                    foreach (var ctor in type.InstanceConstructors)
                    {
                        if (CallsBaseImplicitly(ctor))
                        {
                            var baseCtor = type.BaseType.InstanceConstructors
                                .Where(c => c.Parameters.All(p => p.IsOptional || p.IsParams))
                                .OrderBy(c => c.Parameters.Length)
                                .FirstOrDefault();
                            CheckSymbolAt(baseCtor, SourceLocation(ctor) ?? at, Access.Read);
                        }
                    }
                }

                foreach (var member in type.GetMembers())
                {
                    var where = SourceLocation(member) ?? at;
                    switch (member)
                    {
                        case IMethodSymbol method:
                            if (method.IsOverride)
                            {
                                CheckSymbolAt(FirstExternal(method, m => m.OverriddenMethod), where, Access.Read);
                            }

                            foreach (var implemented in method.ExplicitInterfaceImplementations)
                            {
                                CheckSymbolAt(implemented, where, Access.Read);
                            }

                            if (method.IsExtensionMethod)
                            {
                                RequireAt(where, "M:System.Runtime.CompilerServices.ExtensionAttribute.#ctor");
                            }

                            if (method.Parameters.Any(p => p.IsParams))
                            {
                                RequireAt(where, "M:System.ParamArrayAttribute.#ctor");
                            }

                            break;
                        case IPropertySymbol property:
                            if (property.IsOverride)
                            {
                                CheckSymbolAt(FirstExternal(property, p => p.OverriddenProperty), where, Access.Read);
                            }

                            foreach (var implemented in property.ExplicitInterfaceImplementations)
                            {
                                CheckSymbolAt(implemented, where, Access.Read);
                            }

                            if (property.SetMethod != null && property.SetMethod.IsInitOnly)
                            {
                                RequireAt(where, "T:System.Runtime.CompilerServices.IsExternalInit");
                            }

                            break;
                        case IEventSymbol evt:
                            if (evt.IsOverride)
                            {
                                CheckSymbolAt(FirstExternal(evt, e => e.OverriddenEvent), where, Access.Read);
                            }

                            foreach (var implemented in evt.ExplicitInterfaceImplementations)
                            {
                                CheckSymbolAt(implemented, where, Access.Read);
                            }

                            if (!evt.IsAbstract && evt.AddMethod != null && evt.AddMethod.IsImplicitlyDeclared)
                            {
                                // a field-like event's accessors combine and remove delegates
                                RequireAt(where, DelegateCombine);
                                RequireAt(where, DelegateRemove);
                            }

                            break;
                        case INamedTypeSymbol nested:
                            VisitDeclaredType(nested);
                            break;
                    }
                }
            }

            private static bool CallsBaseImplicitly(IMethodSymbol ctor)
            {
                if (ctor.IsImplicitlyDeclared || ctor.DeclaringSyntaxReferences.Length == 0)
                {
                    return true;
                }

                switch (ctor.DeclaringSyntaxReferences[0].GetSyntax())
                {
                    case ConstructorDeclarationSyntax declaration:
                        return declaration.Initializer == null;
                    case TypeDeclarationSyntax primary:
                        return primary.BaseList == null
                            || !primary.BaseList.Types.Any(t => t is PrimaryConstructorBaseTypeSyntax);
                    default:
                        return true;
                }
            }

            private T FirstExternal<T>(T symbol, Func<T, T> overridden)
                where T : class, ISymbol
            {
                var current = overridden(symbol);
                while (current != null && IsCore(current.OriginalDefinition))
                {
                    current = overridden(current);
                }

                return current;
            }

            // ---- symbols ---------------------------------------------------------------------------------

            private void CheckSymbol(ISymbol symbol, SyntaxNode at, Access access = Access.Read)
            {
                if (symbol != null)
                {
                    CheckSymbolAt(symbol, LineOf(at.GetLocation()), access);
                }
            }

            private void CheckSymbolAt(ISymbol symbol, UseSite at, Access access)
            {
                switch (symbol)
                {
                    case null:
                        return;
                    case IAliasSymbol alias:
                        CheckSymbolAt(alias.Target, at, access);
                        return;
                    case INamespaceSymbol:
                    case ILocalSymbol:
                    case IParameterSymbol:
                    case ILabelSymbol:
                    case IRangeVariableSymbol:
                    case IDiscardSymbol:
                    case IPreprocessingSymbol:
                    case ITypeParameterSymbol:
                    case IErrorTypeSymbol:
                        return;
                    case IArrayTypeSymbol array:
                        CheckSymbolAt(array.ElementType, at, access);
                        return;
                    case IPointerTypeSymbol pointer:
                        CheckSymbolAt(pointer.PointedAtType, at, access);
                        return;
                    case IFunctionPointerTypeSymbol:
                    case IDynamicTypeSymbol:
                        return; // reported as constructs
                    case INamedTypeSymbol type:
                        if (type.IsAnonymousType)
                        {
                            return; // reported as a construct
                        }

                        CheckTypeArguments(type, at);
                        CheckDefinition(type.OriginalDefinition, at, access);
                        return;
                    case IMethodSymbol method:
                        CheckMethod(method, at);
                        return;
                    case IPropertySymbol property:
                        CheckTypeArguments(property.ContainingType, at);
                        CheckDefinition(property.OriginalDefinition, at, access);
                        return;
                    case IFieldSymbol field:
                        CheckTypeArguments(field.ContainingType, at);
                        CheckDefinition(field.OriginalDefinition, at, access);
                        return;
                    case IEventSymbol evt:
                        CheckTypeArguments(evt.ContainingType, at);
                        CheckDefinition(evt.OriginalDefinition, at, access);
                        return;
                    default:
                        CheckDefinition(symbol.OriginalDefinition, at, access);
                        return;
                }
            }

            private void CheckMethod(IMethodSymbol method, UseSite at)
            {
                if (method.ReducedFrom != null)
                {
                    method = method.ReducedFrom;
                }

                switch (method.MethodKind)
                {
                    case MethodKind.BuiltinOperator:
                        CheckBuiltinOperator(method, at);
                        return;
                    case MethodKind.AnonymousFunction:
                    case MethodKind.LocalFunction:
                    case MethodKind.FunctionPointerSignature:
                        return; // the core's own code; generic local functions are reported as declarations
                }

                foreach (var argument in method.TypeArguments)
                {
                    CheckSymbolAt(argument, at, Access.Read);
                }

                CheckTypeArguments(method.ContainingType, at);
                var definition = method.OriginalDefinition;
                CheckDefinition(ParamsArrayTwin(definition) ?? definition, at, Access.Read);
            }

            /// <summary>
            /// Newer C# prefers a "params ReadOnlySpan&lt;T&gt;" overload (String.Concat, String.Format, …) that .NET has
            /// and nanoFramework lacks; compiled against nanoFramework the same call binds to "params T[]".
            /// Returns that array overload (looked up on the .NET type), or null when the method has no params span.
            /// </summary>
            private static IMethodSymbol ParamsArrayTwin(IMethodSymbol method)
            {
                if (method.Parameters.Length == 0 || method.ContainingType == null)
                {
                    return null;
                }

                var last = method.Parameters[method.Parameters.Length - 1];
                if (!last.IsParams || !(last.Type is INamedTypeSymbol span) || span.Arity != 1)
                {
                    return null;
                }

                string spanName = span.OriginalDefinition.ToDisplayString();
                if (spanName != "System.ReadOnlySpan<T>" && spanName != "System.Span<T>")
                {
                    return null;
                }

                var element = span.TypeArguments[0];
                return method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().FirstOrDefault(candidate =>
                    candidate.IsStatic == method.IsStatic
                    && candidate.Arity == method.Arity
                    && candidate.Parameters.Length == method.Parameters.Length
                    && candidate.Parameters[candidate.Parameters.Length - 1].Type is IArrayTypeSymbol array
                    && array.Rank == 1
                    && SymbolEqualityComparer.Default.Equals(array.ElementType, element)
                    && candidate.Parameters.Take(candidate.Parameters.Length - 1)
                        .Zip(method.Parameters, (a, b) => SymbolEqualityComparer.Default.Equals(a.Type, b.Type) && a.RefKind == b.RefKind)
                        .All(same => same));
            }

            private void CheckBuiltinOperator(IMethodSymbol method, UseSite at)
            {
                bool addition = method.Name == WellKnownMemberNames.AdditionOperatorName;
                bool subtraction = method.Name == WellKnownMemberNames.SubtractionOperatorName;
                if (addition && method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_String))
                {
                    bool bothStrings = method.Parameters.All(p => p.Type.SpecialType == SpecialType.System_String);
                    RequireAt(at, ConcatStrings);
                    if (!bothStrings)
                    {
                        RequireAt(at, ConcatObjects);
                    }
                }
                else if (method.ContainingType != null && method.ContainingType.TypeKind == TypeKind.Delegate)
                {
                    if (addition)
                    {
                        RequireAt(at, DelegateCombine);
                    }
                    else if (subtraction)
                    {
                        RequireAt(at, DelegateRemove);
                    }
                }
            }

            private void CheckTypeArguments(INamedTypeSymbol type, UseSite at)
            {
                for (var t = type; t != null; t = t.ContainingType)
                {
                    if (!SymbolEqualityComparer.Default.Equals(t, t.OriginalDefinition))
                    {
                        foreach (var argument in t.TypeArguments)
                        {
                            CheckSymbolAt(argument, at, Access.Read);
                        }
                    }
                }
            }

            private void CheckDefinition(ISymbol definition, UseSite at, Access access)
            {
                if (definition == null || IsCore(definition))
                {
                    return;
                }

                string id = definition.GetDocumentationCommentId();
                if (id == null)
                {
                    AddViolation(at, definition.ToDisplayString(), "has no documentation ID to check against " + GuardPaths.ApiSurfaceFileName);
                    return;
                }

                if (IsGeneric(definition))
                {
                    AddViolation(at, id, _surface.Contains(id) ? "generic: stable nanoFramework cannot run it" : SurfaceViolation.NotInSurface);
                    return;
                }

                if (_surface.Contains(id))
                {
                    Use(at, id);
                    if (definition is IPropertySymbol property)
                    {
                        CheckAccessors(property, at, access);
                    }

                    return;
                }

                // An override missing from the list is fine when a member it overrides is there: calls are
                // emitted against the least-overridden member, and the runtime dispatches.
                foreach (var ancestor in OverriddenChain(definition))
                {
                    string ancestorId = ancestor.GetDocumentationCommentId();
                    if (_surface.Contains(ancestorId))
                    {
                        Use(at, ancestorId);
                        return;
                    }
                }

                AddViolation(at, id, SurfaceViolation.NotInSurface);
            }

            /// <summary>
            /// The TSV lists accessors as M:…get_X / M:…set_X for most properties. When it lists any accessor of
            /// the property, the accessor this use needs (get for reads, set for writes) must be there too.
            /// </summary>
            private void CheckAccessors(IPropertySymbol property, UseSite at, Access access)
            {
                string getId = property.GetMethod?.GetDocumentationCommentId();
                string setId = property.SetMethod?.GetDocumentationCommentId();
                if (!_surface.Contains(getId) && !_surface.Contains(setId))
                {
                    return; // the list names this property without accessors (e.g. String.Chars)
                }

                if (access != Access.Write && getId != null)
                {
                    RequireAt(at, getId);
                }

                if (access != Access.Read && setId != null)
                {
                    RequireAt(at, setId);
                }
            }

            private static IEnumerable<ISymbol> OverriddenChain(ISymbol symbol)
            {
                ISymbol current = symbol;
                while (true)
                {
                    switch (current)
                    {
                        case IMethodSymbol m when m.IsOverride:
                            current = m.OverriddenMethod?.OriginalDefinition;
                            break;
                        case IPropertySymbol p when p.IsOverride:
                            current = p.OverriddenProperty?.OriginalDefinition;
                            break;
                        case IEventSymbol e when e.IsOverride:
                            current = e.OverriddenEvent?.OriginalDefinition;
                            break;
                        default:
                            current = null;
                            break;
                    }

                    if (current == null)
                    {
                        yield break;
                    }

                    yield return current;
                }
            }

            private static bool IsGeneric(ISymbol symbol)
            {
                if (symbol is IMethodSymbol method && method.Arity > 0)
                {
                    return true;
                }

                for (var type = symbol as INamedTypeSymbol ?? symbol.ContainingType; type != null; type = type.ContainingType)
                {
                    if (type.Arity > 0)
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool IsCore(ISymbol symbol) =>
                SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly);

            // ---- bookkeeping ---------------------------------------------------------------------------

            private void Require(SyntaxNode at, string id) => RequireAt(LineOf(at.GetLocation()), id);

            private void RequireAt(UseSite at, string id)
            {
                if (_surface.Contains(id))
                {
                    Use(at, id);
                }
                else
                {
                    AddViolation(at, id, SurfaceViolation.NotInSurface);
                }
            }

            private void Use(UseSite at, string id)
            {
                string site = at.Path + ":" + at.Line;
                if (!_usedIds.ContainsKey(id))
                {
                    _usedIds[id] = site;
                }

                string assembly = _surface.AssemblyOf(id);
                if (assembly != null && !_usedAssemblies.ContainsKey(assembly))
                {
                    _usedAssemblies[assembly] = site + " " + id;
                }
            }

            private void Construct(Location location, string what) =>
                AddViolation(LineOf(location), what, SurfaceViolation.NotSupported);

            private void AddViolation(UseSite at, string what, string reason)
            {
                var violation = new SurfaceViolation(at.Path, at.Line, what, reason);
                string key = violation.ToString();
                if (!_violations.ContainsKey(key))
                {
                    _violations[key] = violation;
                }
            }

            private static UseSite SourceLocation(ISymbol symbol)
            {
                var location = symbol.Locations.FirstOrDefault(l => l.IsInSource);
                return location == null ? null : LineOf(location);
            }

            private static UseSite LineOf(Location location)
            {
                var span = location.GetLineSpan();
                return new UseSite(span.Path, span.StartLinePosition.Line + 1);
            }
        }
    }
}
