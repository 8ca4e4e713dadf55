using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using TypedSocketIO.Tests.Shared;
using Xunit.Abstractions;

namespace TypedSocketIO.Tests.Architecture;

/// <summary>
/// The layers of docs/architecture.md hold in the built assemblies: every type a layer's code
/// uses is in the layer itself or in one its row allows. The table and the list of known
/// violations are read from the document, so the two cannot drift.
/// </summary>
public sealed partial class LayerTests(ITestOutputHelper output)
{
    private static readonly string Document = Path.Combine(RepositoryPaths.Root, "docs", "architecture.md");

    [Fact]
    public void Every_dependency_of_the_server_assemblies_follows_the_layer_table()
    {
        var markdown = File.ReadAllText(Document);
        var rows = LayerTable.Parse(markdown);
        var assemblies = new[] { "TypedSocketIO" }.Concat(rows.SelectMany(r => r.Assemblies)).Distinct().ToList();
        var types = assemblies.SelectMany(name =>
        {
            var dll = BuiltAssembly(name);
            Assert.True(File.Exists(dll), $"{name}.dll, named in docs/architecture.md, is not built ({dll})");
            return AssemblyDependencies.Read(dll, Path.ChangeExtension(dll, ".pdb"));
        }).ToList();

        var report = LayerChecker.Check(rows, types);
        foreach (var (layer, used) in report.Uses)
        {
            output.WriteLine($"{layer} ({report.TypesPerLayer[layer]} types) uses {string.Join(", ", used)}");
        }

        Assert.True(report.Problems.Count == 0, "types the layer table does not place:\n" + string.Join("\n", report.Problems));
        var empty = report.TypesPerLayer.Where(l => l.Value == 0).Select(l => l.Key).ToList();
        Assert.True(empty.Count == 0, $"layers of the table with no type (a wrong folder?): {string.Join(", ", empty)}");
        var known = KnownViolations(markdown);
        var found = report.Violations.Select(v => v.ToString()).ToList();
        var unexpected = found.Except(known).ToList();
        var gone = known.Except(found).ToList();
        Assert.True(
            unexpected.Count == 0 && gone.Count == 0,
            $"docs/architecture.md, \"Known violations\", is out of date with the code.\nNew (fix the code, or change the table):\n  {string.Join("\n  ", unexpected)}\n"
            + $"No longer found (remove them from the list):\n  {string.Join("\n  ", gone)}");
    }

    [Fact]
    public void The_table_in_the_document_names_every_layer_and_what_it_may_use()
    {
        var rows = LayerTable.Parse(File.ReadAllText(Document));

        Assert.Equal(["Protocol", "Diagnostics", "EngineIO", "Server", "Dispatch", "Typed", "Hosting"], rows.Select(r => r.Name));
        Assert.Contains("BCL", rows.Single(r => r.Name == "Protocol").MayUse);
        Assert.True(rows.Single(r => r.Name == "Hosting").MayUseEverything);
        Assert.DoesNotContain("Hosting", rows.Single(r => r.Name == "Server").MayUse);
    }

    public static TheoryData<string, string> UpwardReferences => new()
    {
        // A type without method bodies: its file comes from the PDB's TypeDefinitionDocuments.
        { "public interface IBad { TypedSocketIO.Hosting.Builder Make(); }", "Server → Hosting: TypedSocketIO.Server.IBad uses TypedSocketIO.Hosting.Builder" },
        // Only in a method body (a local and a call): found in the IL.
        { "public sealed class Bad { public int Run() { var b = new TypedSocketIO.Hosting.Builder(); return b.GetHashCode(); } }", "Server → Hosting: TypedSocketIO.Server.Bad uses TypedSocketIO.Hosting.Builder" },
        // Through a lambda: the closure's use counts for the type it is written in.
        { "public sealed class Bad { public System.Func<object> Later() => () => new TypedSocketIO.Hosting.Builder(); }", "Server → Hosting: TypedSocketIO.Server.Bad uses TypedSocketIO.Hosting.Builder" },
        // An attribute from a layer above.
        { "[TypedSocketIO.Hosting.Marker] public sealed class Bad { }", "Server → Hosting: TypedSocketIO.Server.Bad uses TypedSocketIO.Hosting.Marker" },
    };

    [Theory]
    [MemberData(nameof(UpwardReferences))]
    public void Reports_exactly_the_one_upward_reference_of_a_tiny_assembly(string serverSource, string expected)
    {
        // Hosting may use Server, not the other way round; the Hosting types use Server's, as allowed.
        var types = Compile(
            ("src/TypedSocketIO/Server/Bad.cs", "namespace TypedSocketIO.Server; " + serverSource),
            ("src/TypedSocketIO/Server/Fine.cs", "namespace TypedSocketIO.Server; public static class Fine { public static string Name(object o) => o.ToString() ?? \"\"; }"),
            ("src/TypedSocketIO/Hosting/Builder.cs", "namespace TypedSocketIO.Hosting; public sealed class Builder { public string Use(object o) => TypedSocketIO.Server.Fine.Name(o); }"),
            ("src/TypedSocketIO/Hosting/Marker.cs", "namespace TypedSocketIO.Hosting; public sealed class Marker : System.Attribute { }"));
        var rows = LayerTable.Parse("""
            | layer | where | may use |
            |---|---|---|
            | Server | `src/TypedSocketIO/Server/` | BCL |
            | Hosting | `src/TypedSocketIO/Hosting/` | Server, BCL |
            """);

        var report = LayerChecker.Check(rows, types);

        Assert.Empty(report.Problems);
        Assert.Equal([expected], report.Violations.Select(v => v.ToString()));
    }

    [Fact]
    public void Reports_a_source_file_outside_every_layer_and_an_outside_assembly_a_layer_may_not_use()
    {
        var types = Compile(
            ("src/TypedSocketIO/Server/Uses.cs", "namespace TypedSocketIO.Server; public sealed class Uses { public System.Text.Json.JsonElement E; }"),
            ("src/TypedSocketIO/Stray.cs", "namespace TypedSocketIO; public sealed class Stray { }"));
        var rows = LayerTable.Parse("""
            | layer | where | may use |
            |---|---|---|
            | Server | `src/TypedSocketIO/Server/` | BCL — prose after the dash is no name |
            """);

        var report = LayerChecker.Check(rows, types);

        Assert.Equal(["TypedSocketIO.Stray: src/TypedSocketIO/Stray.cs is in no layer's folder"], report.Problems);
        Assert.Equal(["Server → System.Text.Json: TypedSocketIO.Server.Uses uses System.Text.Json.JsonElement"], report.Violations.Select(v => v.ToString()));
    }

    /// <summary>The lines of the "Known violations" list: <c>- `Server → ASP.NET Core: A uses B`</c>.</summary>
    /// <summary>
    /// The assembly as its own project built it, not the copy beside the tests: coverage
    /// instruments that copy (and leaves its PDB describing the original).
    /// </summary>
    private static string BuiltAssembly(string name)
    {
        // tests/TypedSocketIO.Tests/bin/<configuration>/<framework>/ → src/<name>/bin/<configuration>/<framework>/
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var built = Path.Combine(RepositoryPaths.Root, "src", name, "bin", configuration.Name, framework.Name, name + ".dll");
        return File.Exists(built) ? built : Path.Combine(AppContext.BaseDirectory, name + ".dll");
    }

    private static List<string> KnownViolations(string markdown)
    {
        var start = markdown.IndexOf("### Known violations", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/architecture.md has no \"### Known violations\" section");
        var section = markdown[start..].Split('\n').Skip(1).TakeWhile(l => !l.StartsWith('#'));
        return [.. section.Select(l => KnownViolationItem().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"^\s*-\s+`([^`]+ → [^`]+: [^`]+ uses [^`]+)`")]
    private static partial Regex KnownViolationItem();

    /// <summary>Compiles the files (named by the path the PDB records) into an assembly and a portable PDB, and reads them.</summary>
    private static IReadOnlyList<DefinedType> Compile(params (string Path, string Source)[] files)
    {
        var compilation = CSharpCompilation.Create(
            "Tiny",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, path: f.Path, encoding: System.Text.Encoding.UTF8)),
            [
                MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
                MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll")),
                MetadataReference.CreateFromFile(typeof(System.Text.Json.JsonElement).Assembly.Location),
            ],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var dll = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(dll, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));

        dll.Position = 0;
        pdb.Position = 0;
        using var pe = new PEReader(dll);
        using var debug = MetadataReaderProvider.FromPortablePdbStream(pdb);
        return AssemblyDependencies.Read(pe, debug.GetMetadataReader());
    }
}
