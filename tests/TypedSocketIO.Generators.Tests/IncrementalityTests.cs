using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSocketIO.Generators.Model;
using TypedSocketIO.Generators.Tests.Infrastructure;

namespace TypedSocketIO.Generators.Tests;

/// <summary>
/// The pipeline caches: a run on an unchanged or unrelatedly edited compilation recomputes
/// nothing, an edit to one namespace recomputes that namespace only, and no step output holds
/// a Roslyn object that would keep a compilation alive (after NetEscapades.EnumGenerators' tests).
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] TrackedSteps = [TrackingNames.Parse, TrackingNames.Namespaces, TrackingNames.ClientProxies];

    private const string Contracts = """
        using TypedSocketIO;

        namespace MyApp;

        public sealed record Point(int X, int Y);

        public interface IGameClient
        {
            ValueTask Moved(string player, Point to);

            ValueTask<bool> Confirm(string question);
        }
        """;

    private const string LobbyNamespace = """
        using TypedSocketIO;

        namespace MyApp;

        [SocketIONamespace("/lobby")]
        public sealed partial class LobbyNamespace : Namespace<IGameClient>
        {
            public async ValueTask on_move(Socket socket, Point to)
            {
                await All.Moved(socket.Id, to);
            }

            public int on_count(string room) => room.Length;
        }
        """;

    private const string ArenaNamespace = """
        using TypedSocketIO;

        namespace MyApp;

        [SocketIONamespace("/arena")]
        public sealed partial class ArenaNamespace : Namespace<IGameClient>
        {
            public bool on_connect(Socket socket) => true;

            public ValueTask on_move(Socket socket, Point to) => To("arena").Except(socket).Moved(socket.Id, to);
        }
        """;

    [Fact]
    public void A_second_run_on_the_same_compilation_recomputes_nothing()
    {
        var compilation = GeneratorHarness.CreateCompilation([Contracts, LobbyNamespace, ArenaNamespace]);
        var (first, second) = RunTwice(compilation, compilation.Clone());

        AssertStepsRan(first);
        AssertNothingRecomputed(second);
        Assert.Equal(first.Results[0].GeneratedSources.Length, second.Results[0].GeneratedSources.Length);
    }

    [Fact]
    public void Adding_an_unrelated_class_recomputes_nothing()
    {
        var compilation = GeneratorHarness.CreateCompilation([Contracts, LobbyNamespace, ArenaNamespace]);
        var edited = compilation.AddSyntaxTrees(GeneratorHarness.Parse("""
            namespace MyApp;

            public sealed class Unrelated
            {
                public int Value { get; set; }
            }
            """, "Unrelated.cs"));

        var (_, second) = RunTwice(compilation, edited);

        AssertNothingRecomputed(second);
    }

    [Fact]
    public void Editing_a_handler_body_recomputes_nothing()
    {
        var compilation = GeneratorHarness.CreateCompilation([Contracts, LobbyNamespace, ArenaNamespace]);
        var edited = ReplaceSource(compilation, LobbyNamespace, LobbyNamespace.Replace("room.Length", "room.Length * 2", StringComparison.Ordinal));

        var (_, second) = RunTwice(compilation, edited);

        AssertNothingRecomputed(second);
    }

    [Fact]
    public void Editing_one_handler_signature_recomputes_that_namespace_only()
    {
        var compilation = GeneratorHarness.CreateCompilation([Contracts, LobbyNamespace, ArenaNamespace]);
        var edited = ReplaceSource(compilation, LobbyNamespace, LobbyNamespace.Replace("on_count(string room)", "on_count(string room, int extra)", StringComparison.Ordinal));

        var (_, second) = RunTwice(compilation, edited);

        // The parser ran again for the edited class only, and its spec changed.
        var parsed = Outputs(second, TrackingNames.Parse).ToList();
        Assert.Equal(2, parsed.Count);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(parsed, o => ((NamespaceSpec)o.Value!).ClassName == "LobbyNamespace").Reason);
        var arenaParsed = Assert.Single(parsed, o => ((NamespaceSpec)o.Value!).ClassName == "ArenaNamespace");
        Assert.True(arenaParsed.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"ArenaNamespace was parsed as {arenaParsed.Reason}");

        var namespaces = Outputs(second, TrackingNames.Namespaces).ToList();
        Assert.Equal(2, namespaces.Count);
        var lobby = Assert.Single(namespaces, o => ((NamespaceSpec)o.Value!).ClassName == "LobbyNamespace");
        var arena = Assert.Single(namespaces, o => ((NamespaceSpec)o.Value!).ClassName == "ArenaNamespace");
        Assert.Equal(IncrementalStepRunReason.Modified, lobby.Reason);
        Assert.True(arena.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"ArenaNamespace was {arena.Reason}");

        // The client interface did not change: its proxy is not regenerated.
        AssertAllCachedOrUnchanged(second, TrackingNames.ClientProxies);

        var handlers = ((NamespaceSpec)lobby.Value!).Handlers;
        var count = Assert.Single(handlers, h => h.EventName == "count");
        Assert.Equal(["room", "extra"], count.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Editing_the_client_interface_recomputes_the_namespaces_and_the_proxy()
    {
        // The other side of caching: a change that matters is seen, even in another file.
        var compilation = GeneratorHarness.CreateCompilation([Contracts, LobbyNamespace, ArenaNamespace]);
        var edited = ReplaceSource(compilation, Contracts, Contracts.Replace("ValueTask<bool> Confirm(string question);", "ValueTask<bool> Confirm(string question, int timeout);", StringComparison.Ordinal));

        var (_, second) = RunTwice(compilation, edited);

        Assert.All(Outputs(second, TrackingNames.Namespaces), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        var proxies = Assert.Single(Outputs(second, TrackingNames.ClientProxies));
        Assert.Equal(IncrementalStepRunReason.Modified, proxies.Reason);
        var client = Assert.Single((EquatableArray<ClientSpec>)proxies.Value!);
        var confirm = Assert.Single(client.Methods, m => m.MethodName == "Confirm");
        Assert.Equal(["question", "timeout"], confirm.Parameters.Select(p => p.Name));

        var proxy = second.Results[0].GeneratedSources.Single(s => s.HintName == "MyApp.GameClientProxy.g.cs");
        Assert.Contains("Confirm(string question, int timeout)", proxy.SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Step_outputs_hold_no_symbol_syntax_or_compilation()
    {
        var compilation = GeneratorHarness.CreateCompilation([Sources.ChatContracts, Sources.ChatHistory, Sources.ChatRooms, Sources.ChatNamespace, Contracts, LobbyNamespace, ArenaNamespace]);
        var (first, _) = RunTwice(compilation, compilation.Clone());

        AssertStepsRan(first);
        foreach (var name in TrackedSteps)
        {
            foreach (var output in Outputs(first, name))
            {
                AssertNoRoslynObjects(output.Value, name);
            }
        }
    }

    [Fact]
    public void The_object_graph_check_finds_a_symbol()
    {
        // The check above would pass vacuously if it could not see into records and arrays.
        var compilation = GeneratorHarness.CreateCompilation(Contracts);
        var symbol = compilation.GetTypeByMetadataName("MyApp.Point")!;
        var holder = new { Items = ImmutableArray.Create<object>(new Tuple<ISymbol>(symbol)) };

        Assert.ThrowsAny<Exception>(() => AssertNoRoslynObjects(holder, "test"));
    }

    private static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunTwice(Compilation first, Compilation second)
    {
        var driver = GeneratorHarness.CreateDriver();
        driver = driver.RunGenerators(first);
        var firstResult = driver.GetRunResult();
        Assert.Null(firstResult.Results[0].Exception);

        driver = driver.RunGenerators(second);
        var secondResult = driver.GetRunResult();
        Assert.Null(secondResult.Results[0].Exception);
        return (firstResult, secondResult);
    }

    private static Compilation ReplaceSource(Compilation compilation, string oldSource, string newSource)
    {
        Assert.NotEqual(oldSource, newSource);
        var tree = compilation.SyntaxTrees.Single(t => t.ToString() == oldSource);
        return compilation.ReplaceSyntaxTree(tree, GeneratorHarness.Parse(newSource, tree.FilePath));
    }

    private static IEnumerable<(object? Value, IncrementalStepRunReason Reason)> Outputs(GeneratorDriverRunResult result, string stepName)
    {
        var steps = result.Results[0].TrackedSteps;
        Assert.True(steps.ContainsKey(stepName), $"No tracked step {stepName}; tracked: {string.Join(", ", steps.Keys)}");
        // Roslyn declares the values non-null, but a step may output null (the parser does for a class it skips).
        return steps[stepName].SelectMany(step => step.Outputs).Select(output => ((object?)output.Value, output.Reason));
    }

    private static void AssertStepsRan(GeneratorDriverRunResult result)
    {
        foreach (var name in TrackedSteps)
        {
            Assert.NotEmpty(Outputs(result, name));
        }
    }

    /// <summary>Every tracked step, and the source outputs (so no file is written again), are cached or unchanged.</summary>
    private static void AssertNothingRecomputed(GeneratorDriverRunResult result) =>
        AssertAllCachedOrUnchanged(result, [.. TrackedSteps, WellKnownGeneratorOutputs.SourceOutput]);

    private static void AssertAllCachedOrUnchanged(GeneratorDriverRunResult result, params string[] stepNames)
    {
        foreach (var name in stepNames.Length == 0 ? TrackedSteps : stepNames)
        {
            var outputs = Outputs(result, name).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {name} output {Describe(output.Value)} was {output.Reason}"));
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null (a class the parser skips)",
        NamespaceSpec spec => spec.ClassName,
        EquatableArray<ClientSpec> clients => "[" + string.Join(", ", clients.Select(c => c.ProxyName)) + "]",
        _ => value.ToString() ?? value.GetType().Name,
    };

    /// <summary>Walks <paramref name="value"/>'s fields, and the items of any collection, and fails on any Roslyn object that ties it to one compilation.</summary>
    private static void AssertNoRoslynObjects(object? value, string stepName)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(value, stepName);

        void Visit(object? node, string path)
        {
            if (node is null)
            {
                return;
            }

            var type = node.GetType();
            Assert.False(
                node is ISymbol or SyntaxNode or SyntaxToken or SyntaxTree or Location or SemanticModel or Compilation or SyntaxReference,
                $"{path} holds a {type.FullName}");

            if (type.IsPrimitive || type.IsEnum || node is string or decimal)
            {
                return;
            }

            if (!type.IsValueType && !visited.Add(node))
            {
                return;
            }

            if (node is IEnumerable items)
            {
                var i = 0;
                foreach (var item in items)
                {
                    Visit(item, $"{path}[{i++}]");
                }
            }

            for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            {
                foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Visit(field.GetValue(node), $"{path}.{field.Name}");
                }
            }
        }
    }
}
