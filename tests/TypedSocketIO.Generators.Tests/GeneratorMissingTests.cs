using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSocketIO.Generators.Tests.Infrastructure;

namespace TypedSocketIO.Generators.Tests;

/// <summary>
/// <c>AddNamespace&lt;T&gt;()</c> in a project where the generator did not run (a bare
/// ProjectReference to the runtime) or did not cover the class: the user reads why and how to
/// fix it, not a bare constraint error (CS0311); with the generator, nothing changes.
/// </summary>
public sealed class GeneratorMissingTests
{
    private const string Program = """
        using Microsoft.Extensions.DependencyInjection;
        using TypedSocketIO;

        namespace MyApp;

        public static class Startup
        {
            public static void Configure(IServiceCollection services) =>
                services.AddSocketIO().AddNamespace<ChatNamespace>();
        }
        """;

    private const string PartialNamespace = """
        using TypedSocketIO;

        namespace MyApp;

        [SocketIONamespace("/chat")]
        public sealed partial class ChatNamespace : Namespace
        {
            public int on_add(int a, int b) => a + b;
        }
        """;

    [Fact]
    public void Without_the_generator_AddNamespace_says_that_the_generator_did_not_run_and_how_to_fix_it()
    {
        var compilation = GeneratorHarness.CreateCompilation([Program, PartialNamespace]);

        var error = Assert.Single(Errors(compilation));
        Assert.Equal("CS0619", error.Id);
        Assert.Equal("services.AddSocketIO().AddNamespace<ChatNamespace>()", CalledAt(error));
        var message = error.GetMessage();
        Assert.Contains("the TypedSocketIO source generator did not run for this project", message, StringComparison.Ordinal);
        Assert.Contains("TypedSocketIO.FromSource.props", message, StringComparison.Ordinal);
        Assert.Contains("partial", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_the_generator_skips_gets_the_same_explanation()
    {
        // Not partial: the generator leaves it out (TSIO0001 says so at the class when the analyzers run).
        var run = GeneratorHarness.Run(Program, PartialNamespace.Replace("sealed partial class", "sealed class", StringComparison.Ordinal));

        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0619", error.Id);
        Assert.Contains("is not a partial class marked [SocketIONamespace(\"/path\")]", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_generator_AddNamespace_binds_the_generated_registration_with_no_diagnostic()
    {
        var run = GeneratorHarness.Run(Program, PartialNamespace);

        Baseline.AssertClean(run);
        var tree = run.Output.SyntaxTrees.First(t => t.ToString().Contains("AddNamespace<ChatNamespace>", StringComparison.Ordinal));
        var call = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Single(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "AddNamespace" });
        var method = (IMethodSymbol)run.Output.GetSemanticModel(tree).GetSymbolInfo(call).Symbol!;
        Assert.Equal("builder", Assert.Single(method.ReducedFrom!.Parameters).Name);
        Assert.DoesNotContain(method.ReducedFrom.GetAttributes(), a => a.AttributeClass?.Name == nameof(ObsoleteAttribute));
    }

    private static List<Diagnostic> Errors(Compilation compilation) =>
        [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];

    private static string CalledAt(Diagnostic diagnostic)
    {
        var node = diagnostic.Location.SourceTree!.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        return node.FirstAncestorOrSelf<InvocationExpressionSyntax>()!.ToString();
    }
}
