using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace EdSoftNano.Tests.Guards
{
    /// <summary>
    /// The portable core uses nothing that nanoFramework's stable (1.x) class libraries lack, and nothing its
    /// runtime cannot execute (DESIGN.md, "Code that must also run on nanoFramework"). Plus self-tests of the
    /// checker on small snippets, so the guard cannot pass by seeing nothing.
    /// </summary>
    public class ApiSurfaceTests
    {
        // ---- the real core ---------------------------------------------------------------------------------

        [Fact]
        public void ApiSurface_Located_HasDocumentationIds()
        {
            string path = GuardPaths.LocateApiSurface(out string searched);
            Assert.True(path != null, GuardPaths.ApiSurfaceFileName + " not found; looked at " + searched);
            var surface = ApiSurface.Load(path);
            Assert.True(surface.Count > 1000, path + " holds only " + surface.Count + " IDs");
            Assert.True(surface.Contains("T:System.String"), path + " lacks T:System.String");
            Assert.Equal("mscorlib", surface.AssemblyOf("M:System.Object.ToString"));
        }

        [Fact]
        public void Core_Compiled_HasNoErrors()
        {
            var errors = CoreGuard.Result.CompileErrors;
            Assert.True(errors.Count == 0,
                "The portable core does not compile for the guard (" + errors.Count + " errors):" + Environment.NewLine
                + CoreGuard.Lines(errors));
        }

        [Fact]
        public void Core_EverySymbolAndConstruct_IsAvailableOnNanoFramework()
        {
            var result = CoreGuard.Result;
            Assert.True(result.CompileErrors.Count == 0,
                "The core does not compile, so the symbol walk is incomplete:" + Environment.NewLine
                + CoreGuard.Lines(result.CompileErrors));

            // The walk must have seen the core: it uses at least strings and arrays.
            Assert.True(result.UsedIds.Count > 10,
                "The checker found only " + result.UsedIds.Count + " external symbols in the core; the walk is broken");

            var violations = result.ViolationLines;
            Assert.True(violations.Count == 0,
                violations.Count + " use(s) in nf-src/EdSoftNano.Core that stable nanoFramework (1.x) cannot run"
                + " (see /work/shared/nanoframework/NOTES.md):" + Environment.NewLine + CoreGuard.Lines(violations));
        }

        // ---- the checker, on snippets --------------------------------------------------------------------

        [Theory]
        [InlineData("var l = new System.Collections.Generic.List<int>();", "T:System.Collections.Generic.List`1")]
        [InlineData("System.Span<byte> s = default;", "T:System.Span`1")]
        [InlineData("var s = $\"a{1}\";", "interpolated string")]
        [InlineData("var s = \"x\".Replace(\"a\", \"b\");", "M:System.String.Replace(System.String,System.String)")]
        [InlineData("var r = System.Linq.Enumerable.Range(0, 1);", "M:System.Linq.Enumerable.Range(System.Int32,System.Int32)")]
        [InlineData("var r = System.Linq.Enumerable.Range(0, 1);", "T:System.Collections.Generic.IEnumerable`1")]
        [InlineData("int? x = null;", "nullable value type")]
        [InlineData("int? x = null;", "T:System.Nullable`1")]
        [InlineData("var t = (1, 2);", "tuple expression")]
        [InlineData("var t = (1, 2);", "T:System.ValueTuple`2")]
        [InlineData("(int, int) t = default;", "tuple type")]
        [InlineData("var e = System.Array.Empty<byte>();", "M:System.Array.Empty``1")]
        [InlineData("System.Func<int> f = () => 1;", "T:System.Func`1")]
        [InlineData("var q = from x in a select x;", "LINQ query expression")]
        [InlineData("var n = new { A = 1 };", "anonymous type")]
        [InlineData("var r = a[1..];", "range (..)")]
        [InlineData("var r = a[^1];", "index from end (^)")]
        [InlineData("dynamic d = o;", "dynamic")]
        [InlineData("System.Span<byte> s = stackalloc byte[4];", "stackalloc")]
        [InlineData("unsafe { byte* p = null; }", "unsafe")]
        [InlineData("unsafe { byte* p = null; }", "pointers/unsafe code")]
        [InlineData("var c = System.StringComparison.Ordinal;", "F:System.StringComparison.Ordinal")]
        [InlineData("var sb = new System.Text.StringBuilder(); sb.Append(1m);", "M:System.Text.StringBuilder.Append(System.Decimal)")]
        [InlineData("var s = \"a\".ToLowerInvariant();", "M:System.String.ToLowerInvariant")]
        [InlineData("var ok = \"abc\".StartsWith(\"a\", System.StringComparison.Ordinal);", "M:System.String.StartsWith(System.String,System.StringComparison)")]
        public void Check_BannedStatement_ReportsViolation(string statement, string expected)
        {
            AssertReports(Snippets.Statement(statement), expected);
        }

        [Theory]
        [InlineData("public void G<T>() { }", "generic declaration: method G<T>")]
        [InlineData("public async void A() { await System.Threading.Tasks.Task.Yield(); }", "async")]
        [InlineData("public async void A() { await System.Threading.Tasks.Task.Yield(); }", "await")]
        [InlineData("public System.Collections.IEnumerable I() { yield return 1; }", "yield (iterator)")]
        [InlineData("public void L() { int Id<T>(T x) => 0; Id(1); }", "generic declaration: local function Id<T>")]
        [InlineData("public bool Any(int[] x) => System.Linq.Enumerable.Any(x);", "M:System.Linq.Enumerable.Any``1(System.Collections.Generic.IEnumerable{``0})")]
        public void Check_BannedMember_ReportsViolation(string member, string expected)
        {
            AssertReports(Snippets.Member(member), expected);
        }

        [Theory]
        [InlineData("public class Foo<T> { }", "generic declaration: class Foo<T>")]
        [InlineData("public struct Bar<T> { }", "generic declaration: struct Bar<T>")]
        [InlineData("public interface IBaz<T> { }", "generic declaration: interface IBaz<T>")]
        [InlineData("public delegate void D<T>(T x);", "generic declaration: delegate D<T>")]
        [InlineData("public record R(int A);", "record")]
        [InlineData("public static class X { public static bool Any2(this int[] x) => System.Linq.Enumerable.Any(x); public static bool U(int[] a) => a.Contains(1); }",
            "M:System.Linq.Enumerable.Contains``1(System.Collections.Generic.IEnumerable{``0},``0)")]
        [InlineData("public class MyList : System.Collections.Generic.List<int> { }", "T:System.Collections.Generic.List`1")]
        public void Check_BannedDeclaration_ReportsViolation(string declaration, string expected)
        {
            AssertReports(Snippets.TopLevel(declaration, "using System.Linq;"), expected);
        }

        [Theory]
        [InlineData("var x = new byte[4];")]
        [InlineData("System.Array.Copy(a, 0, b, 0, 1);")]
        [InlineData("var s = \"a\".Substring(1);")]
        [InlineData("var s = string.Concat(\"a\", \"b\");")]
        [InlineData("var s = \"a\" + \"b\";")]
        [InlineData("var s = \"a\" + o;")]
        [InlineData("lock (o) { }")]
        [InlineData("foreach (var x in new System.Collections.ArrayList()) { }")]
        [InlineData("foreach (var c in \"abc\") { }")]
        [InlineData("foreach (var x in a) { }")]
        [InlineData("using (var d = (System.IDisposable)o) { }")]
        [InlineData("var n = a.Length + \"abc\".Length + \"abc\"[0];")]
        [InlineData("var t = o.ToString(); var h = o.GetHashCode();")]
        [InlineData("var i = 5; var s = i.ToString();")]
        [InlineData("switch (o as string) { case \"a\": break; }")]
        [InlineData("var k = typeof(string);")]
        [InlineData("var ex = new System.ArgumentException(\"m\", \"p\"); var m = ex.Message;")]
        [InlineData("int x = 3; x += 2; var s = \"\"; s += x;")]
        public void Check_AllowedStatement_ReportsNothing(string statement)
        {
            AssertClean(Snippets.Statement(statement));
        }

        [Fact]
        public void Check_Lock_RecordsMonitorEnterAndExit()
        {
            var result = AssertClean(Snippets.Statement("lock (o) { }"));
            Assert.Contains("M:System.Threading.Monitor.Enter(System.Object)", result.UsedIds.Keys);
            Assert.Contains("M:System.Threading.Monitor.Exit(System.Object)", result.UsedIds.Keys);
        }

        [Fact]
        public void Check_StringConcatenation_RecordsConcatOverloads()
        {
            var strings = AssertClean(Snippets.Statement("var s = \"a\" + o.ToString();"));
            Assert.Contains("M:System.String.Concat(System.String,System.String)", strings.UsedIds.Keys);

            var objects = AssertClean(Snippets.Statement("var s = \"a\" + o;"));
            Assert.Contains("M:System.String.Concat(System.Object,System.Object)", objects.UsedIds.Keys);
        }

        [Fact]
        public void Check_ForEachOverArrayList_RecordsEnumeratorMembers()
        {
            var result = AssertClean(Snippets.Statement("foreach (var x in new System.Collections.ArrayList()) { }"));
            Assert.Contains("M:System.Collections.ArrayList.GetEnumerator", result.UsedIds.Keys);
            Assert.Contains("M:System.Collections.IEnumerator.MoveNext", result.UsedIds.Keys);
            Assert.Contains("P:System.Collections.IEnumerator.Current", result.UsedIds.Keys);
            Assert.Contains("M:System.IDisposable.Dispose", result.UsedIds.Keys);
        }

        [Fact]
        public void Check_ToStringOnOwnClass_MapsToObjectToString()
        {
            var result = AssertClean(Snippets.Member("public string S() => this.ToString() + GetHashCode();"));
            Assert.Contains("M:System.Object.ToString", result.UsedIds.Keys);
            Assert.Contains("M:System.Object.GetHashCode", result.UsedIds.Keys);
        }

        [Fact]
        public void Check_OwnStructOverride_AcceptsViaObjectVirtual()
        {
            // ValueType.ToString is not in the list, Object.ToString is: the call is emitted against Object.ToString.
            var result = AssertClean(Snippets.TopLevel(
                "public struct P { public override string ToString() => \"p\"; public string T(P x) => x.GetHashCode() + x.ToString(); }"));
            Assert.Contains("M:System.Object.ToString", result.UsedIds.Keys);
        }

        [Fact]
        public void Check_ImplicitBaseConstructor_IsChecked()
        {
            var result = AssertClean(Snippets.TopLevel("public class E : System.Exception { public E(int x) { } }"));
            Assert.Contains("M:System.Exception.#ctor", result.UsedIds.Keys);
        }

        [Fact]
        public void Check_EnumField_RecordsFieldIdAndAssembly()
        {
            var result = AssertClean(Snippets.Statement("var s = System.IO.SeekOrigin.Begin;"));
            Assert.Contains("F:System.IO.SeekOrigin.Begin", result.UsedIds.Keys);
            Assert.Contains("System.IO.Streams", result.UsedAssemblies.Keys);
        }

        [Fact]
        public void Check_PropertyWrite_RequiresSetterInSurface()
        {
            // nanoFramework's FileSystemInfo.Attributes has a getter only; .NET's has a setter too.
            var read = AssertClean(Snippets.Statement("var f = new System.IO.FileInfo(\"x\"); var at = f.Attributes;"));
            Assert.Contains("M:System.IO.FileSystemInfo.get_Attributes", read.UsedIds.Keys);

            AssertReports(
                Snippets.Statement("var f = new System.IO.FileInfo(\"x\"); f.Attributes = default;"),
                "M:System.IO.FileSystemInfo.set_Attributes(System.IO.FileAttributes)");
        }

        [Fact]
        public void Check_ParamsSpanOverload_MapsToParamsArrayOverload()
        {
            // C# 13 binds five strings to String.Concat(params ReadOnlySpan<string>); nanoFramework's compiler to Concat(string[]).
            var latest = new NanoApiChecker(ApiSurface.Default, Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);
            var result = latest.Check(Snippets.Statement("var s = string.Concat(\"a\", \"b\", \"c\", \"d\", o.ToString());"));
            Assert.Empty(result.CompileErrors);
            Assert.Empty(result.Violations);
            Assert.Contains("M:System.String.Concat(System.String[])", result.UsedIds.Keys);

            AssertReports(
                Snippets.Statement("System.ReadOnlySpan<string> parts = default; var s = string.Concat(parts);"),
                "T:System.ReadOnlySpan`1");
        }

        [Fact]
        public void Check_ConcatWithNonStringOperand_ChecksOperandToString()
        {
            var result = AssertClean(Snippets.Statement("var s = \"n=\" + a.Length;"));
            Assert.Contains("M:System.Int32.ToString", result.UsedIds.Keys);
            AssertReports(Snippets.Statement("var s = \"n=\" + 1.5m;"), "T:System.Decimal");
        }

        [Fact]
        public void Check_Violations_AreSortedAndFormattedWithFileAndLine()
        {
            var result = Check(new[]
            {
                new CoreSourceFile("nf-src/EdSoftNano.Core/B.cs", "namespace S { public class B { public string M() => \"x\".Replace(\"a\", \"b\"); } }"),
                new CoreSourceFile("nf-src/EdSoftNano.Core/A.cs", "namespace S {\npublic class A {\npublic object M() => new System.Collections.Generic.List<int>(); } }"),
            });
            Assert.Empty(result.CompileErrors);
            var lines = result.ViolationLines;
            Assert.Contains("nf-src/EdSoftNano.Core/A.cs:3: T:System.Collections.Generic.List`1 \u2014 not in api-surface-1.x.tsv", lines);
            Assert.Contains("nf-src/EdSoftNano.Core/B.cs:1: M:System.String.Replace(System.String,System.String) \u2014 not in api-surface-1.x.tsv", lines);
            Assert.Equal(lines.OrderBy(l => l, StringComparer.Ordinal).ToList(), lines);
        }

        [Fact]
        public void Check_SourceThatDoesNotCompile_ReportsCompileErrors()
        {
            var result = Check(Snippets.Statement("var x = NoSuchType.Foo();"));
            Assert.NotEmpty(result.CompileErrors);
            Assert.Contains(result.CompileErrors, e => e.Contains("CS0103", StringComparison.Ordinal));
        }

        // ---- helpers -------------------------------------------------------------------------------------

        private static SurfaceCheckResult Check(IEnumerable<CoreSourceFile> sources) => new NanoApiChecker(ApiSurface.Default).Check(sources);

        private static SurfaceCheckResult AssertReports(IEnumerable<CoreSourceFile> sources, string expectedFragment)
        {
            var result = Check(sources);
            Assert.True(result.CompileErrors.Count == 0,
                "Snippet does not compile:" + Environment.NewLine + CoreGuard.Lines(result.CompileErrors));
            Assert.True(result.Violations.Any(v => v.What.Contains(expectedFragment, StringComparison.Ordinal)),
                "Expected a violation containing '" + expectedFragment + "', got:" + Environment.NewLine
                + CoreGuard.Lines(result.ViolationLines));
            return result;
        }

        private static SurfaceCheckResult AssertClean(IEnumerable<CoreSourceFile> sources)
        {
            var result = Check(sources);
            Assert.True(result.CompileErrors.Count == 0,
                "Snippet does not compile:" + Environment.NewLine + CoreGuard.Lines(result.CompileErrors));
            Assert.True(result.Violations.Count == 0,
                "Expected no violations, got:" + Environment.NewLine + CoreGuard.Lines(result.ViolationLines));
            Assert.NotEmpty(result.UsedIds);
            return result;
        }

        private static class Snippets
        {
            private const string Path = "nf-src/EdSoftNano.Core/Snippet.cs";

            public static CoreSourceFile[] Statement(string statement) => Member(
                "public void M(object o, byte[] a, byte[] b)\n{\n" + statement + "\n}");

            public static CoreSourceFile[] Member(string member) =>
                TopLevel("public class C\n{\n" + member + "\n}", "using System.Linq;");

            public static CoreSourceFile[] TopLevel(string declarations, string usings = "") => new[]
            {
                new CoreSourceFile(Path, usings + "\nnamespace Snippet\n{\n" + declarations + "\n}\n"),
            };
        }
    }
}
