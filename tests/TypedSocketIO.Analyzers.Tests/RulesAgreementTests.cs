using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSocketIO.Analyzers.Tests.Infrastructure;
using TypedSocketIO.Generators;

namespace TypedSocketIO.Analyzers.Tests;

/// <summary>
/// The analyzers and the generator apply one set of rules: on the same code, every method that
/// looks like a handler is either dispatched by the generated code or reported with the reason
/// it is not, never both and never neither.
/// </summary>
public sealed partial class RulesAgreementTests
{
    /// <summary>The rules whose diagnostic means "the generator leaves this method out".</summary>
    private static readonly HashSet<string> SkipRules =
    [
        "TSIO0010", "TSIO0011", "TSIO0012", "TSIO0013", "TSIO0014", "TSIO0015", "TSIO0016", "TSIO0017", "TSIO0018", "TSIO0019",
        "TSIO0050", "TSIO0051", "TSIO0052", "TSIO0053",
    ];

    public static TheoryData<string> Sources => new()
    {
        // Handlers a base class declares, next to ones it hides from the dispatcher.
        """
        namespace App;

        public abstract class SharedHandlers : Namespace
        {
            public void on_ping(Socket socket) { }

            public virtual int on_count(string room) => 0;

            private void on_secret(Socket socket) { }

            public static void on_shared() { }

            public void on_moved(string player) { }

            public void onTypo(Socket socket) { }
        }

        public abstract class MoreHandlers : SharedHandlers
        {
            public override int on_count(string room) => 1;

            public bool on_connect(Socket socket) => true;
        }

        [SocketIONamespace("/derived")]
        public sealed partial class DerivedNamespace : MoreHandlers
        {
            public void on_own(string text) { }

            [Event("moved")]
            public void Moved(string player) { }

            public void OnDisconnect(Socket socket, DisconnectReason reason) { }
        }
        """,

        // Every shape of refusal in one class.
        """
        namespace App;

        [SocketIONamespace("/shapes")]
        public sealed partial class ShapesNamespace : Namespace
        {
            public void on_supported(Socket socket, string text) { }

            public void on_by_ref(ref int value) { }

            public void on_params(params string[] values) { }

            public async void on_async_void() => await Task.Yield();

            public void on_socket_late(string room, Socket socket) { }

            public void on_token_first(CancellationToken cancellationToken, string text) { }

            public void on_span(ReadOnlySpan<byte> data) { }

            public void on_generic<T>(T value) { }

            public void on_dynamic(dynamic value) { }

            [Event("supported")]
            public void Duplicate(string text) { }

            [Event("connect_error")]
            public void ConnectError() { }

            public void on_newListener() { }

            public int on_connect(Socket socket) => 0;

            public void OnConnect(Socket socket) { }

            public void on_disconnecting(Socket socket, string extra) { }

            public int on_disconnect(Socket socket) => 0;

            internal void OnInternal() { }

            public (int, string) on_pair() => (1, "one");

            public ValueTask<long> OnLater(CancellationToken cancellationToken) => ValueTask.FromResult(1L);
        }
        """,

        // Connect handlers: one auth value, a token last (method names differ between the classes: the test matches by name).
        """
        namespace App;

        public sealed record Login(string Name);

        [SocketIONamespace("/auth")]
        public sealed partial class AuthNamespace : Namespace
        {
            public Task<bool> on_connect(Socket socket, Login auth, CancellationToken cancellationToken) => Task.FromResult(true);

            public ValueTask on_disconnect(DisconnectReason reason, CancellationToken cancellationToken) => default;
        }

        [SocketIONamespace("/auth2")]
        public sealed partial class BadAuthNamespace : Namespace
        {
            public bool OnConnect(Socket socket, Login auth, string extra) => true;

            public void OnDisconnect(CancellationToken cancellationToken, DisconnectReason reason) { }
        }
        """,
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Every_handler_is_dispatched_or_reported_never_both(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Agreement",
            [CSharpSyntaxTree.ParseText(TestSources.GlobalUsings, Options, "GlobalUsings.cs"), CSharpSyntaxTree.ParseText(source, Options, "Source.cs")],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([new NamespaceGenerator().AsSourceGenerator()], parseOptions: Options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);

        var generated = string.Concat(withGenerated.SyntaxTrees.Where(tree => tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).Select(tree => tree.ToString()));
        var dispatched = DispatchCall().Matches(generated).Select(match => match.Groups[1].Value).ToHashSet();

        var diagnostics = await withGenerated.WithAnalyzers([new NamespaceAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        var tree = withGenerated.SyntaxTrees.Single(t => t.FilePath == "Source.cs");
        var methods = (await tree.GetRootAsync()).DescendantNodes().OfType<MethodDeclarationSyntax>().ToList();
        var reported = diagnostics
            .Where(d => SkipRules.Contains(d.Id) && d.Location.SourceTree == tree)
            .Select(d => methods.Single(m => m.FullSpan.Contains(d.Location.SourceSpan)).Identifier.Text)
            .ToHashSet();

        var handlerLooking = methods
            .Where(m => m.Identifier.Text.StartsWith("on", StringComparison.OrdinalIgnoreCase) || m.AttributeLists.Count > 0)
            .Select(m => m.Identifier.Text)
            .ToHashSet();

        Assert.NotEmpty(dispatched);
        Assert.Empty(dispatched.Intersect(reported));
        Assert.Equal(handlerLooking.Order(), dispatched.Union(reported).Order());
    }

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Latest);

    /// <summary>A call of the user's method in a generated dispatcher: <c>_namespace.on_ping(</c>.</summary>
    [GeneratedRegex(@"_namespace\.(\w+)\(")]
    private static partial Regex DispatchCall();
}
