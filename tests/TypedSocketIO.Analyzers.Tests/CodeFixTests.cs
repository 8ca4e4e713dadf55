using TypedSocketIO.Analyzers.Tests.Infrastructure;

namespace TypedSocketIO.Analyzers.Tests;

/// <summary>Each code fix, before and after.</summary>
public class CodeFixTests
{
    [Fact]
    public Task TSIO0001_adds_partial() => new SocketIOCodeFixTest<NamespaceAnalyzer, AddPartialCodeFix>(
        """
        namespace App;

        [SocketIONamespace("/chat")]
        public sealed class {|TSIO0001:ChatNamespace|} : Namespace
        {
            public void on_ping(Socket socket) { }
        }
        """,
        """
        namespace App;

        [SocketIONamespace("/chat")]
        public sealed partial class ChatNamespace : Namespace
        {
            public void on_ping(Socket socket) { }
        }
        """).RunAsync();

    [Fact]
    public Task TSIO0001_adds_partial_without_other_modifiers() => new SocketIOCodeFixTest<NamespaceAnalyzer, AddPartialCodeFix>(
        """
        namespace App;

        [SocketIONamespace("/chat")]
        class {|TSIO0001:ChatNamespace|} : Namespace
        {
        }
        """,
        """
        namespace App;

        [SocketIONamespace("/chat")]
        partial class ChatNamespace : Namespace
        {
        }
        """).RunAsync();

    [Fact]
    public Task TSIO0004_adds_the_leading_slash() => new SocketIOCodeFixTest<NamespaceAnalyzer, FixNamespacePathCodeFix>(
        """
        namespace App;

        [SocketIONamespace({|TSIO0004:"chat"|})]
        public sealed partial class ChatNamespace : Namespace
        {
        }
        """,
        """
        namespace App;

        [SocketIONamespace("/chat")]
        public sealed partial class ChatNamespace : Namespace
        {
        }
        """).RunAsync();

    [Fact]
    public Task TSIO0015_makes_an_async_void_handler_return_ValueTask() => new SocketIOCodeFixTest<NamespaceAnalyzer, ReturnValueTaskCodeFix>(
        Verify.InNamespace("""
            public async {|TSIO0015:void|} on_join(Socket socket, string room)
            {
                await socket.JoinAsync(room);
            }
        """),
        Verify.InNamespace("""
            public async ValueTask on_join(Socket socket, string room)
            {
                await socket.JoinAsync(room);
            }
        """)).RunAsync();

    [Fact]
    public Task TSIO0020_makes_a_void_client_method_return_ValueTask() => new SocketIOCodeFixTest<NamespaceAnalyzer, ReturnValueTaskCodeFix>(
        Verify.InNamespace("", client: """
        public interface IClient
        {
            {|TSIO0020:void|} Message(string text);
        }
        """),
        Verify.InNamespace("", client: """
        public interface IClient
        {
            ValueTask Message(string text);
        }
        """)).RunAsync();

    [Fact]
    public Task TSIO0020_wraps_a_value_return_in_ValueTask() => new SocketIOCodeFixTest<NamespaceAnalyzer, ReturnValueTaskCodeFix>(
        Verify.InNamespace("", client: """
        public interface IClient
        {
            {|TSIO0020:bool|} Confirm(string text);
            {|TSIO0020:List<string>|} Names();
        }
        """),
        Verify.InNamespace("", client: """
        public interface IClient
        {
            ValueTask<bool> Confirm(string text);
            ValueTask<List<string>> Names();
        }
        """)).RunAsync();

    [Fact]
    public Task TSIO0018_makes_a_private_handler_public() => new SocketIOCodeFixTest<NamespaceAnalyzer, MakeHandlerPublicCodeFix>(
        Verify.InNamespace("""
            private void {|TSIO0018:on_message|}(Socket socket, string text) { }

            void {|TSIO0018:OnTyping|}(Socket socket) { }
        """),
        Verify.InNamespace("""
            public void on_message(Socket socket, string text) { }

            public void OnTyping(Socket socket) { }
        """)).RunAsync();

    [Fact]
    public async Task TSIO0018_offers_no_fix_for_a_static_handler()
    {
        var source = Verify.InNamespace("""
                public static void {|TSIO0018:on_message|}(Socket socket, string text) { }
            """);
        await new SocketIOCodeFixTest<NamespaceAnalyzer, MakeHandlerPublicCodeFix>(source, source).RunAsync();
    }

    [Fact]
    public Task TSIO0019_renames_to_the_on_form_with_its_references() => new SocketIOCodeFixTest<NamespaceAnalyzer, RenameHandlerCodeFix>(
        Verify.InNamespace("""
            public void {|TSIO0019:onmessage|}(Socket socket, string text) { }

            public void on_relay(Socket socket, string text) => onmessage(socket, text);
        """),
        Verify.InNamespace("""
            public void on_message(Socket socket, string text) { }

            public void on_relay(Socket socket, string text) => on_message(socket, text);
        """)).RunAsync();

    [Fact]
    public Task TSIO0019_renames_a_camel_case_typo() => new SocketIOCodeFixTest<NamespaceAnalyzer, RenameHandlerCodeFix>(
        Verify.InNamespace("""
            public void {|TSIO0019:On_sendMessage|}(Socket socket, string text) { }
        """),
        Verify.InNamespace("""
            public void on_sendMessage(Socket socket, string text) { }
        """)).RunAsync();

    private const string Types = """
        public sealed record Order(string Id);
        public sealed record Receipt(string Id);

        """;

    private const string ContextBefore = """
        [JsonSerializable(typeof(Order))]
        public sealed class AppJsonContext : JsonSerializerContext
        {
            public AppJsonContext() : base(null) { }
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    [Fact]
    public Task TSIO0042_adds_the_type_to_the_context() => new SocketIOCodeFixTest<NamespaceAnalyzer, AddJsonSerializableCodeFix>(
        Verify.InNamespace("""
            public void on_pay(Socket socket, Order order, Receipt {|TSIO0042:receipt|}) { }
        """, extra: Types + ContextBefore),
        Verify.InNamespace("""
            public void on_pay(Socket socket, Order order, Receipt receipt) { }
        """, extra: Types + ContextBefore.Replace("[JsonSerializable(typeof(Order))]", "[JsonSerializable(typeof(Order))]\n[JsonSerializable(typeof(Receipt))]")),
        TestSources.PublishAot).RunAsync();

    [Fact]
    public Task TSIO0042_adds_the_first_attribute_to_a_context_with_none() => new SocketIOCodeFixTest<NamespaceAnalyzer, AddJsonSerializableCodeFix>(
        Verify.InNamespace("""
            public void on_pay(Socket socket, Receipt {|TSIO0042:receipt|}) { }
        """, extra: Types + ContextBefore.Replace("[JsonSerializable(typeof(Order))]\n", "")),
        Verify.InNamespace("""
            public void on_pay(Socket socket, Receipt receipt) { }
        """, extra: Types + ContextBefore.Replace("[JsonSerializable(typeof(Order))]", "[JsonSerializable(typeof(Receipt))]")),
        TestSources.PublishAot).RunAsync();

    [Fact]
    public Task TSIO0042_adds_a_context_in_another_file() => new SocketIOCodeFixTest<NamespaceAnalyzer, AddJsonSerializableCodeFix>(
        Verify.InNamespace("""
            public void on_pay(Socket socket, List<Receipt> {|TSIO0042:receipts|}) { }
        """, extra: Types),
        Verify.InNamespace("""
            public void on_pay(Socket socket, List<Receipt> receipts) { }
        """, extra: Types),
        TestSources.PublishAot)
    {
        TestState = { Sources = { ("/0/AppJsonContext.cs", "namespace App;\n\n" + ContextBefore) } },
        FixedState = { Sources = { ("/0/AppJsonContext.cs", "namespace App;\n\n" + ContextBefore.Replace("[JsonSerializable(typeof(Order))]", "[JsonSerializable(typeof(Order))]\n[JsonSerializable(typeof(List<Receipt>))]")) } },
    }.RunAsync();
}
