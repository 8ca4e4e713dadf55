using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSocketIO.Generators.Tests.Infrastructure;

namespace TypedSocketIO.Generators.Tests;

/// <summary>
/// Every ```csharp block of README.md is the Program.cs of a <c>dotnet new web</c> project that
/// references TypedSocketIO: it compiles with the generator, with no error and no warning.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    /// <summary>The usings a project with <c>ImplicitUsings</c> gets from Microsoft.NET.Sdk.Web.</summary>
    private const string WebImplicitUsings = GeneratorHarness.ImplicitUsings + """

        global using System.Net.Http.Json;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    private static readonly CSharpCompilationOptions ProgramOptions = new CSharpCompilationOptions(OutputKind.ConsoleApplication)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress });

    public static TheoryData<int> Snippets => [.. ReadmeSnippet.All.Select(s => s.Line)];

    [Fact]
    public void The_README_has_its_quick_starts_as_csharp_blocks()
    {
        Assert.True(ReadmeSnippet.All.Count >= 2, $"expected the two quick starts among the ```csharp blocks of {ReadmeSnippet.Path}, found {ReadmeSnippet.All.Count}");
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void The_csharp_block_compiles_as_a_web_projects_Program_with_the_generator(int line)
    {
        var snippet = ReadmeSnippet.All.Single(s => s.Line == line);
        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet",
            [GeneratorHarness.Parse(snippet.Code, "Program.cs"), GeneratorHarness.Parse(WebImplicitUsings, "GlobalUsings.g.cs")],
            WebReferences.Value,
            ProgramOptions);

        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        var problems = generatorDiagnostics.Concat(output.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.Location.IsInSource && d.Location.SourceTree!.FilePath == "Program.cs"
                ? $"README.md line {snippet.Line + d.Location.GetLineSpan().StartLinePosition.Line}: {d.Id}: {d.GetMessage()}"
                : d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, $"The ```csharp block at README.md line {snippet.Line - 1} does not compile cleanly:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    /// <summary>The test references and all of ASP.NET Core's shared framework, as the Web SDK gives a project.</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> WebReferences = new(() =>
    {
        var references = GeneratorHarness.References.ToList();
        var names = new HashSet<string>(references.Select(r => Path.GetFileName(r.Display ?? "")), StringComparer.OrdinalIgnoreCase);
        var aspNetCore = Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!;
        foreach (var file in Directory.GetFiles(aspNetCore, "*.dll").Order(StringComparer.Ordinal))
        {
            if (names.Add(Path.GetFileName(file)))
            {
                references.Add(MetadataReference.CreateFromFile(file));
            }
        }

        return [.. references];
    });

    /// <summary>One ```csharp block: its code and the README line of its first line of code.</summary>
    private sealed partial record ReadmeSnippet(int Line, string Code)
    {
        public static string Path { get; } = FindReadme();

        public static IReadOnlyList<ReadmeSnippet> All { get; } = Parse(File.ReadAllLines(Path));

        private static List<ReadmeSnippet> Parse(string[] lines)
        {
            var snippets = new List<ReadmeSnippet>();
            for (var i = 0; i < lines.Length; i++)
            {
                if (!CSharpFence().IsMatch(lines[i]))
                {
                    continue;
                }

                var start = i + 1;
                var end = start;
                while (end < lines.Length && lines[end].Trim() != "```")
                {
                    end++;
                }

                snippets.Add(new ReadmeSnippet(start + 1, string.Join('\n', lines[start..end])));
                i = end;
            }

            return snippets;
        }

        private static string FindReadme()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "TypedSocketIO.sln")))
                {
                    return System.IO.Path.Combine(dir.FullName, "README.md");
                }
            }

            throw new FileNotFoundException("README.md (beside TypedSocketIO.sln) not found above " + AppContext.BaseDirectory);
        }

        [GeneratedRegex(@"^\s*```(csharp|cs|c#)\s*$")]
        private static partial Regex CSharpFence();
    }
}
