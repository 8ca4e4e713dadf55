using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedSocketIO.Generators.Tests.Infrastructure;

/// <summary>One file the generator added.</summary>
/// <param name="HintName">Its hint name, such as <c>MyApp.ChatNamespace.g.cs</c>.</param>
/// <param name="Text">Its text, with LF line ends.</param>
internal sealed record GeneratedFile(string HintName, string Text);

/// <summary>What one run of the generator gave.</summary>
/// <param name="Files">The files <see cref="NamespaceGenerator"/> added, by hint name.</param>
/// <param name="GeneratorDiagnostics">What the generators reported.</param>
/// <param name="Diagnostics">The diagnostics of the compilation with the generated files, warnings and errors only.</param>
/// <param name="Output">The compilation with the generated files.</param>
internal sealed record GeneratorRun(
    ImmutableArray<GeneratedFile> Files,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> Diagnostics,
    Compilation Output)
{
    public GeneratedFile File(string hintName) =>
        Files.SingleOrDefault(f => f.HintName == hintName)
        ?? throw new Xunit.Sdk.XunitException($"No generated file '{hintName}'; generated: {string.Join(", ", Files.Select(f => f.HintName))}");

    /// <summary>The diagnostics, one a line, with the line of source each points at, for assertion messages.</summary>
    public string Describe() => GeneratorHarness.Describe(GeneratorDiagnostics.Concat(Diagnostics));
}

/// <summary>
/// Compiles C# source against .NET 10 and TypedSocketIO, runs <see cref="NamespaceGenerator"/> on
/// it (and the System.Text.Json generator when the source declares a <c>JsonSerializerContext</c>),
/// and gives the generated files and the diagnostics of the resulting compilation.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The usings a project with <c>ImplicitUsings</c> gets (Microsoft.NET.Sdk).</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>C# latest with nullable reference types, and doc comments checked as a project with GenerateDocumentationFile checks them.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
        {
            // The test sources do not document every public member; generated code is checked by CS1570-CS1587 all the same.
            ["CS1591"] = ReportDiagnostic.Suppress,
        });

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    private static readonly Lazy<IIncrementalGenerator> LazyJsonGenerator = new(LoadJsonGenerator);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>The driver options every test uses: no output kind disabled, every step tracked.</summary>
    public static GeneratorDriverOptions DriverOptions { get; } = new(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true);

    public static SyntaxTree Parse(string source, string path = "Source.cs") =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>A compilation of <paramref name="sources"/> (each its own file) and, unless told otherwise, the implicit usings.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, bool implicitUsings = true)
    {
        var trees = sources.Select((source, i) => Parse(source, $"Source{i}.cs")).ToList();
        if (implicitUsings)
        {
            trees.Add(Parse(ImplicitUsings, "GlobalUsings.g.cs"));
        }

        return CSharpCompilation.Create("TestAssembly", trees, References, CompilationOptions);
    }

    public static CSharpCompilation CreateCompilation(string source, bool implicitUsings = true) =>
        CreateCompilation([source], implicitUsings);

    /// <summary>A driver with <see cref="NamespaceGenerator"/> and, if asked, the System.Text.Json generator.</summary>
    public static GeneratorDriver CreateDriver(bool withJsonGenerator = false)
    {
        var generators = new List<ISourceGenerator> { new NamespaceGenerator().AsSourceGenerator() };
        if (withJsonGenerator)
        {
            generators.Add(LazyJsonGenerator.Value.AsSourceGenerator());
        }

        return CSharpGeneratorDriver.Create(generators, parseOptions: ParseOptions, driverOptions: DriverOptions);
    }

    /// <summary>Compiles <paramref name="sources"/> (each its own file) with the implicit usings, runs the generators once, and compiles the result.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(sources, implicitUsings: true);

    /// <summary>Compiles <paramref name="sources"/>, runs the generators once, and compiles the result.</summary>
    public static GeneratorRun Run(IEnumerable<string> sources, bool implicitUsings)
    {
        var list = sources.ToList();
        var compilation = CreateCompilation(list, implicitUsings);
        var driver = CreateDriver(withJsonGenerator: list.Any(s => s.Contains("JsonSerializerContext", StringComparison.Ordinal)));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        var result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(NamespaceGenerator));
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator threw.", result.Exception);
        }

        var files = result.GeneratedSources
            .Select(s => new GeneratedFile(s.HintName, NormalizeLineEndings(s.SourceText.ToString())))
            .OrderBy(f => f.HintName, StringComparer.Ordinal)
            .ToImmutableArray();
        var diagnostics = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToImmutableArray();
        return new GeneratorRun(files, generatorDiagnostics, diagnostics, output);
    }

    public static string NormalizeLineEndings(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    public static string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        var lines = new List<string>();
        foreach (var diagnostic in diagnostics)
        {
            var line = diagnostic.ToString();
            if (diagnostic.Location.IsInSource)
            {
                var span = diagnostic.Location.GetLineSpan();
                var text = diagnostic.Location.SourceTree!.GetText().Lines[span.StartLinePosition.Line].ToString().Trim();
                line += Environment.NewLine + "    > " + text;
            }

            lines.Add(line);
        }

        return lines.Count == 0 ? "(none)" : string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// .NET 10's reference assemblies, TypedSocketIO, and the assemblies outside .NET that
    /// TypedSocketIO's public surface uses (ASP.NET Core's, Microsoft.Extensions'), found through
    /// the loaded types.
    /// </summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var framework = Basic.Reference.Assemblies.Net100.References.All.ToList();
        var frameworkNames = new HashSet<string>(
            framework.Select(r => Path.GetFileNameWithoutExtension(r.FilePath!)),
            StringComparer.OrdinalIgnoreCase);

        var references = new List<MetadataReference>(framework);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<Assembly>();
        pending.Enqueue(typeof(Socket).Assembly);
        pending.Enqueue(typeof(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions).Assembly);
        pending.Enqueue(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly);
        while (pending.TryDequeue(out var assembly))
        {
            var name = assembly.GetName().Name!;
            if (frameworkNames.Contains(name) || !seen.Add(name))
            {
                continue;
            }

            references.Add(MetadataReference.CreateFromFile(assembly.Location));
            foreach (var referenced in assembly.GetReferencedAssemblies())
            {
                if (!frameworkNames.Contains(referenced.Name!) && !seen.Contains(referenced.Name!) && TryLoad(referenced) is { } loaded)
                {
                    pending.Enqueue(loaded);
                }
            }
        }

        return [.. references];
    }

    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (FileNotFoundException)
        {
            return null; // not part of this runtime (a platform-specific dependency): nothing the tests need
        }
    }

    /// <summary>The System.Text.Json source generator of the targeting pack, copied next to the tests by the project file.</summary>
    private static IIncrementalGenerator LoadJsonGenerator()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "analyzers", "System.Text.Json.SourceGeneration.dll");
        var assembly = Assembly.LoadFrom(path);
        var type = assembly.GetType("System.Text.Json.SourceGeneration.JsonSourceGenerator", throwOnError: true)!;
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }
}
