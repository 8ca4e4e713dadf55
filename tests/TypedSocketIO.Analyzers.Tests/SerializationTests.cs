using Microsoft.CodeAnalysis.Testing;
using TypedSocketIO.Analyzers.Tests.Infrastructure;

namespace TypedSocketIO.Analyzers.Tests;

/// <summary>TSIO0040–TSIO0042: what System.Text.Json can read and write.</summary>
public class SerializationTests
{
    /// <summary>A hand-written context: the System.Text.Json generator does not run in these tests, and the analyzer reads only the attributes.</summary>
    private const string Context = """
        [JsonSerializable(typeof(Order))]
        public sealed class AppJsonContext : JsonSerializerContext
        {
            public AppJsonContext() : base(null) { }
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    private const string Types = """
        public sealed record Order(string Id, List<OrderLine> Lines, DateTimeOffset At);
        public sealed record OrderLine(string Product, int Quantity, decimal? Price);
        public sealed record Receipt(string Id);

        """;

    [Theory]
    [InlineData("Action {|TSIO0040:callback|}")]
    [InlineData("Func<int, int> {|TSIO0040:transform|}")]
    [InlineData("IntPtr {|TSIO0040:handle|}")]
    [InlineData("nuint {|TSIO0040:size|}")]
    [InlineData("Type {|TSIO0040:kind|}")]
    [InlineData("System.Reflection.MethodInfo {|TSIO0040:method|}")]
    [InlineData("List<Action> {|TSIO0040:callbacks|}")]
    [InlineData("Dictionary<string, Type> {|TSIO0040:kinds|}")]
    [InlineData("Job {|TSIO0040:job|}")]
    public Task TSIO0040_types_System_Text_Json_refuses(string parameter) => Verify.NamespaceAsync(Verify.InNamespace($$"""
            public void on_run(Socket socket, {{parameter}}) { }
        """, extra: "public sealed record Job(string Name, Func<int> Work);"));

    [Fact]
    public Task TSIO0040_return_values_and_client_arguments() => Verify.NamespaceAsync(Verify.InNamespace("""
            public {|TSIO0040:Type|} on_kind(Socket socket) => typeof(int);
        """, client: """
        public interface IClient
        {
            ValueTask Run(Action {|TSIO0040:work|});
        }
        """));

    [Fact]
    public async Task TSIO0040_says_where_the_member_is()
    {
        var test = new SocketIOAnalyzerTest<NamespaceAnalyzer>(Verify.InNamespace("""
                public void on_run(Socket socket, Job {|#0:job|}) { }
            """, extra: "public sealed record Job(string Name, Func<int> Work);"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.NotSerializable).WithLocation(0)
            .WithArguments("parameter 'job'", "on_run", "Job", "delegates (found at 'Job.Work')"));
        await test.RunAsync();
    }

    [Fact]
    public Task TSIO0040_not_reported_for_ignored_or_converted_members() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void on_run(Socket socket, Job job, Order order, object anything) { }
        """, extra: Types + """

        public sealed class Job
        {
            public string Name { get; set; } = "";

            [JsonIgnore]
            public Func<int>? Work { get; set; }

            private Action? _callback;
        }
        """));

    [Theory]
    [InlineData("IShape {|TSIO0041:shape|}")]
    [InlineData("Shape {|TSIO0041:shape|}")]
    [InlineData("List<IShape> {|TSIO0041:shapes|}")]
    [InlineData("IShape[] {|TSIO0041:shapes|}")]
    public Task TSIO0041_interfaces_and_abstract_classes_the_server_reads(string parameter) => Verify.NamespaceAsync(Verify.InNamespace($$"""
            public void on_draw(Socket socket, {{parameter}}) { }
        """, extra: """
        public interface IShape { double Area { get; } }
        public abstract class Shape { public abstract double Area { get; } }
        """));

    [Fact]
    public Task TSIO0041_acknowledgements_the_server_reads() => Verify.NamespaceAsync(Verify.InNamespace("", client: """
        public interface IClient
        {
            {|TSIO0041:ValueTask<IShape>|} Pick();
            {|TSIO0041:ValueTask<IReadOnlyList<IShape>>|} PickAll();
        }

        public interface IShape { double Area { get; } }
        """));

    [Fact]
    public Task TSIO0041_not_reported_for_written_values_collections_or_polymorphic_types() => Verify.NamespaceAsync(Verify.InNamespace("""
            public IShape on_largest(Socket socket, IReadOnlyList<int> sizes, IDictionary<string, int> counts, IEnumerable<string> names, Polygon polygon) => new Circle();

            public void on_place(Socket socket, Polygon polygon, object anything, JsonElement raw, System.Text.Json.Nodes.JsonNode node) { }
        """, client: """
        public interface IClient
        {
            ValueTask Show(IShape shape);
            ValueTask<Polygon> Pick();
        }
        """, extra: """
        public interface IShape { double Area { get; } }
        public sealed class Circle : IShape { public double Area => 3.14; }

        [JsonPolymorphic]
        [JsonDerivedType(typeof(Square), "square")]
        public abstract class Polygon { }
        public sealed class Square : Polygon { }
        """));

    [Theory]
    [InlineData("PublishAot")]
    [InlineData("PublishTrimmed")]
    [InlineData("IsAotCompatible")]
    public Task TSIO0042_a_type_no_context_covers_under_AOT_or_trimming(string property) => Verify.NamespaceAsync(Verify.InNamespace("""
            public {|TSIO0042:Receipt|} on_order(Socket socket, Order order, int? {|TSIO0042:priority|}) => new(order.Id);
        """, extra: Types + Context), "is_global = true\nbuild_property." + property + " = true");

    [Fact]
    public Task TSIO0042_covers_property_types_and_elements_of_listed_types() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void on_order(Socket socket, Order order, OrderLine line, List<OrderLine> lines, decimal? price, DateTimeOffset at) { }
        """, extra: Types + Context), TestSources.PublishAot);

    [Fact]
    public Task TSIO0042_not_reported_for_the_types_the_generator_writes_itself() => Verify.NamespaceAsync(Verify.InNamespace("""
            public (int, long) on_echo(Socket socket, string text, string? maybe, int count, long big, double ratio, bool flag, byte[] data, ReadOnlyMemory<byte> memory, JsonElement raw) => (1, 2);
        """, extra: Types + Context), TestSources.PublishAot);

    [Fact]
    public Task TSIO0042_connect_auth_needs_type_info_even_for_primitives() => Verify.NamespaceAsync(Verify.InNamespace("""
            public bool on_connect(Socket socket, long {|TSIO0042:token|}) => true;
        """, extra: Types + Context), TestSources.PublishAot);

    [Fact]
    public Task TSIO0042_connect_auth_covered_through_a_listed_type() => Verify.NamespaceAsync(Verify.InNamespace("""
            public bool on_connect(Socket socket, string token) => true;
        """, extra: Types + Context), TestSources.PublishAot);

    [Fact]
    public Task TSIO0042_client_interfaces_too() => Verify.NamespaceAsync(Verify.InNamespace("", client: """
        public interface IClient
        {
            ValueTask Show(Order order, Receipt {|TSIO0042:receipt|});
            {|TSIO0042:ValueTask<Guid>|} Pick(string text);
            ValueTask<IReadOnlyList<bool>> ConfirmAll();
        }
        """, extra: Types + Context), TestSources.PublishAot);

    [Fact]
    public Task TSIO0042_not_reported_without_AOT_or_trimming() => Verify.NamespaceAsync(Verify.InNamespace("""
            public Receipt on_order(Socket socket, Order order, int? priority) => new(order.Id);
        """, extra: Types + Context));

    [Fact]
    public async Task TSIO0042_names_the_type_and_the_context()
    {
        var test = new SocketIOAnalyzerTest<NamespaceAnalyzer>(Verify.InNamespace("""
                public void on_pay(Socket socket, Receipt {|#0:receipt|}) { }
            """, extra: Types + Context), TestSources.PublishAot);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.NotInJsonContext).WithLocation(0)
            .WithArguments("Receipt", "parameter 'receipt'", "on_pay", "PublishAot=true", "'AppJsonContext'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task TSIO0042_without_any_context_says_to_declare_one()
    {
        var test = new SocketIOAnalyzerTest<NamespaceAnalyzer>(Verify.InNamespace("""
                public void on_pay(Socket socket, Receipt {|#0:receipt|}) { }
            """, extra: Types), TestSources.PublishAot);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.NotInJsonContext).WithLocation(0)
            .WithArguments("Receipt", "parameter 'receipt'", "on_pay", "PublishAot=true", "a JsonSerializerContext (declare one and add it to the server's JSON options)"));
        await test.RunAsync();
    }
}
