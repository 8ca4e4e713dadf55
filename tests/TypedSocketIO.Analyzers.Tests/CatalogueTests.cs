using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSocketIO.Analyzers.Tests;

/// <summary>The catalogue stays whole: each descriptor is reported by one analyzer, tracked, documented and linked.</summary>
public class CatalogueTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToArray();

    private static readonly DiagnosticAnalyzer[] Analyzers = [new NamespaceAnalyzer(), new BroadcastAckAnalyzer(), new AuthorizationAnalyzer()];

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TypedSocketIO.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (TypedSocketIO.sln) is not above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void IDs_are_unique_and_follow_the_TSIO_pattern()
    {
        Assert.Equal(Descriptors.Length, Descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(Descriptors, d => Assert.Matches("^TSIO\\d{4}$", d.Id));
    }

    [Fact]
    public void Every_descriptor_is_reported_by_exactly_one_analyzer()
    {
        var supported = Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();
        Assert.Equal(Descriptors.Select(d => d.Id).Order(), supported.Order());
    }

    [Fact]
    public void Every_descriptor_links_to_its_page_and_the_page_exists()
    {
        var docs = Path.Combine(RepositoryRoot(), "docs", "diagnostics");
        Assert.All(Descriptors, d =>
        {
            Assert.Equal("https://github.com/typedsocketio/typedsocketio/blob/main/docs/diagnostics/" + d.Id + ".md", d.HelpLinkUri);
            var page = Path.Combine(docs, d.Id + ".md");
            Assert.True(File.Exists(page), "missing " + page);
            var text = File.ReadAllText(page);
            Assert.StartsWith("# " + d.Id + ": " + d.Title, text, StringComparison.Ordinal);
            Assert.Contains("| Severity | " + d.DefaultSeverity + " |", text, StringComparison.Ordinal);
            Assert.Contains("| Category | `" + d.Category + "` |", text, StringComparison.Ordinal);
        });
        var index = File.ReadAllText(Path.Combine(docs, "README.md"));
        Assert.All(Descriptors, d => Assert.Contains("[" + d.Id + "](" + d.Id + ".md)", index, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_descriptor_is_in_the_release_tracking_files()
    {
        var folder = Path.Combine(RepositoryRoot(), "analyzers", "TypedSocketIO.Analyzers");
        var tracked = File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Shipped.md")) + File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Unshipped.md"));
        Assert.All(Descriptors, d => Assert.Contains(d.Id + " | " + d.Category + " | " + d.DefaultSeverity + " |", tracked, StringComparison.Ordinal));
    }

    [Fact]
    public void Messages_are_single_sentences_that_name_their_subject()
    {
        Assert.All(Descriptors, d =>
        {
            var message = d.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains("{0}", message, StringComparison.Ordinal);
            Assert.DoesNotContain("\n", message, StringComparison.Ordinal);
            Assert.False(message.EndsWith('.'), d.Id + " ends with a period");
        });
    }

    [Fact]
    public void Code_fixes_fix_only_known_diagnostics()
    {
        var fixes = typeof(AddPartialCodeFix).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        Assert.Equal(6, fixes.Count);
        var ids = Descriptors.Select(d => d.Id).ToHashSet();
        Assert.All(fixes.SelectMany(f => f.FixableDiagnosticIds), id => Assert.Contains(id, ids));
    }
}
