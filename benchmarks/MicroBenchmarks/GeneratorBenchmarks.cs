extern alias generator;

using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NamespaceGenerator = generator::TypedSocketIO.Generators.NamespaceGenerator;

namespace TypedSocketIO.Benchmarks.Micro;

/// <summary>
/// The generator's own time on a synthetic project of 200 namespaces and 2000 handlers (plus
/// 400 lifecycle handlers and 200 client interfaces): a full run on a fresh compilation, and
/// the incremental run an IDE makes after a one-method edit (a handler's body, or its signature).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int Namespaces = 200;
    public const int HandlersPerNamespace = 10;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private SyntaxTree[] _trees = [];
    private MetadataReference[] _references = [];
    private CSharpCompilationOptions _options = null!;
    private CSharpCompilation _current = null!;
    private GeneratorDriver _driver = null!;
    private SyntaxTree _original = null!;
    private SyntaxTree _edited = null!;
    private bool _flip;
    private Func<IIncrementalGenerator> _generatorFactory = static () => new NamespaceGenerator();

    [GlobalSetup]
    public void Setup()
    {
        // No implicit usings: generated code must compile without any using directive of the user's.
        _trees = Enumerable.Range(0, Namespaces).Select(i => Parse(Source(i, bodyEdit: false, signatureEdit: false), i)).ToArray();
        _references =
        [
            .. Basic.Reference.Assemblies.Net100.References.All,
            MetadataReference.CreateFromFile(typeof(Namespace).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(EventArguments).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.AspNetCore.Http.IQueryCollection).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Primitives.StringValues).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Options.IOptions<>).Assembly.Location),
        ];
        _options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        _current = NewCompilation();
        _driver = NewDriver().RunGenerators(_current);
        _flip = false;

        var result = _driver.GetRunResult();
        var generated = result.GeneratedTrees.Length;
        if (result.Results[0].Exception is { } exception || (generated < Namespaces && _generatorFactory() is NamespaceGenerator))
        {
            throw new InvalidOperationException($"the generator produced {generated} files", result.Results[0].Exception);
        }
    }

    [GlobalSetup(Targets = [nameof(EditHandlerBody)])]
    public void SetupBodyEdit()
    {
        Setup();
        _original = _trees[0];
        _edited = Parse(Source(0, bodyEdit: true, signatureEdit: false), 0);
    }

    [GlobalSetup(Targets = [nameof(ControlEditHandlerBody)])]
    public void SetupControl()
    {
        _generatorFactory = static () => new ControlGenerator();
        SetupBodyEdit();
    }

    [GlobalSetup(Targets = [nameof(EditHandlerSignature)])]
    public void SetupSignatureEdit()
    {
        Setup();
        _original = _trees[0];
        _edited = Parse(Source(0, bodyEdit: false, signatureEdit: true), 0);
    }

    /// <summary>Checks once that the synthetic project and its generated code compile cleanly.</summary>
    public static string Verify()
    {
        var benchmark = new GeneratorBenchmarks();
        benchmark.Setup();
        benchmark._driver.RunGeneratorsAndUpdateCompilation(benchmark._current, out var output, out _);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        var generated = benchmark._driver.GetRunResult().GeneratedTrees.Length;
        return $"{Namespaces} namespaces, {Namespaces * HandlersPerNamespace} event handlers: {generated} generated files, {errors.Length} compile errors"
            + (errors.Length > 0 ? ": " + string.Join("; ", errors.Take(3).Select(e => e.ToString())) : "");
    }

    /// <summary>What the incremental run after each one-method edit recomputed: the run reasons of every step and output.</summary>
    public static string Steps()
    {
        var report = new StringBuilder();
        foreach (var (name, signatureEdit) in new[] { ("body edit", false), ("signature edit", true) })
        {
            var benchmark = new GeneratorBenchmarks();
            benchmark.Setup();
            var edited = Parse(Source(0, bodyEdit: !signatureEdit, signatureEdit: signatureEdit), 0);
            var driver = (GeneratorDriver)CSharpGeneratorDriver.Create(
                [new NamespaceGenerator().AsSourceGenerator()],
                parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            driver = driver.RunGenerators(benchmark._current);
            driver = driver.RunGenerators(benchmark._current.ReplaceSyntaxTree(benchmark._trees[0], edited));
            var result = driver.GetRunResult().Results[0];
            report.Append(name).Append(':');
            foreach (var (step, runs) in result.TrackedSteps.Concat(result.TrackedOutputSteps).OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                var reasons = runs.SelectMany(run => run.Outputs).GroupBy(output => output.Reason).Select(group => $"{group.Key} {group.Count()}");
                report.Append(' ').Append(step).Append(" [").Append(string.Join(", ", reasons)).Append(']');
            }

            report.AppendLine();
        }

        return report.ToString();
    }

    [Benchmark(Description = "full run: 200 namespaces, 2000 handlers")]
    public int FullRun()
    {
        var driver = NewDriver().RunGenerators(NewCompilation());
        return driver.GetRunResult().GeneratedTrees.Length;
    }

    [Benchmark(Description = "incremental: one handler's body edited")]
    public GeneratorDriver EditHandlerBody() => Edit();

    [Benchmark(Description = "incremental: one handler's signature edited")]
    public GeneratorDriver EditHandlerSignature() => Edit();

    /// <summary>
    /// The floor: the same body edit with a generator that only finds the namespaces
    /// (ForAttributeWithMetadataName) and writes nothing. The difference is NamespaceGenerator's own work.
    /// </summary>
    [Benchmark(Description = "control: body edit, a generator that only finds the classes")]
    public GeneratorDriver ControlEditHandlerBody() => Edit();

    private GeneratorDriver Edit()
    {
        // Alternate between the two versions, so each run follows a real one-method edit.
        var (from, to) = _flip ? (_edited, _original) : (_original, _edited);
        _flip = !_flip;
        _current = _current.ReplaceSyntaxTree(from, to);
        _driver = _driver.RunGenerators(_current);
        return _driver;
    }

    private CSharpCompilation NewCompilation() => CSharpCompilation.Create("Synthetic", _trees, _references, _options);

    private GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create(
            [_generatorFactory().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static SyntaxTree Parse(string source, int index) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Area{index}.cs", encoding: Encoding.UTF8);

    /// <summary>One namespace: ten event handlers of the shapes users write, connect and disconnect, a client interface and a user type.</summary>
    private static string Source(int i, bool bodyEdit, bool signatureEdit) => $$"""
        using System.Threading;
        using System.Threading.Tasks;
        using TypedSocketIO;

        namespace Synthetic.Area{{i}};

        public interface IClient{{i}}
        {
            ValueTask Message(string user, string text);

            [Event("user_joined")]
            ValueTask UserJoined(string user);

            ValueTask<bool> Confirm(string reason);
        }

        public sealed record Item{{i}}(string Name, int Count);

        [SocketIONamespace("/area{{i}}")]
        public sealed partial class Area{{i}}Namespace : Namespace<IClient{{i}}>
        {
            public bool on_connect(Socket socket) => true;

            public void on_disconnect(Socket socket, DisconnectReason reason) { }

            public string on_echo(string p) => {{(bodyEdit ? "p + \"!\"" : "p")}};

            public int on_add(int a, int b{{(signatureEdit ? ", int c" : "")}}) => a + b;

            public async ValueTask on_join(Socket socket, string room) => await socket.JoinAsync(room);

            public ValueTask on_leave(Socket socket, string room) => socket.LeaveAsync(room);

            public long on_send(Socket socket, string room, string text) => text.Length;

            public Item{{i}} on_get(string name) => new(name, 1);

            public void on_put(Item{{i}} item) { }

            public Task<bool> on_check(Socket socket, string key, CancellationToken cancellationToken) => Task.FromResult(key.Length > 0);

            public (int, string) on_pair(int n) => (n, "x");

            public void OnTyping(Socket socket, string room, bool isTyping = true) { }
        }
        """;
}

/// <summary>Finds the <c>[SocketIONamespace]</c> classes as NamespaceGenerator does, and writes nothing.</summary>
internal sealed class ControlGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName(
            "TypedSocketIO.SocketIONamespaceAttribute",
            static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
            static (syntax, _) => syntax.TargetSymbol.Name);
        context.RegisterSourceOutput(names, static (_, _) => { });
    }
}
