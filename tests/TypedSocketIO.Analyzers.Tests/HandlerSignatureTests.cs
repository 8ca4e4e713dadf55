using TypedSocketIO.Analyzers.Tests.Infrastructure;

namespace TypedSocketIO.Analyzers.Tests;

/// <summary>TSIO0010–TSIO0015: handler signatures the generator cannot bind.</summary>
public class HandlerSignatureTests
{
    [Theory]
    [InlineData("ref string {|TSIO0010:text|}")]
    [InlineData("out string {|TSIO0010:text|}")]
    [InlineData("in int {|TSIO0010:count|}")]
    [InlineData("ref readonly int {|TSIO0010:count|}")]
    [InlineData("params string[] {|TSIO0010:texts|}")]
    public Task TSIO0010_by_reference_and_params_parameters(string parameter) => Verify.NamespaceAsync(Verify.InNamespace($$"""
            public void on_send(Socket socket, {{parameter}}) { {{(parameter.StartsWith("out", StringComparison.Ordinal) ? "text = \"\";" : "")}} }
        """));

    [Fact]
    public Task TSIO0010_not_reported_for_optional_and_by_value_parameters() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void on_send(Socket socket, string text, int count = 1, string[]? tags = null) { }
        """));

    [Theory]
    [InlineData("int* {|TSIO0011:pointer|}")]
    [InlineData("delegate*<void> {|TSIO0011:callback|}")]
    [InlineData("Span<byte> {|TSIO0011:data|}")]
    [InlineData("ReadOnlySpan<char> {|TSIO0011:text|}")]
    [InlineData("dynamic {|TSIO0011:anything|}")]
    public Task TSIO0011_parameters_that_cannot_be_event_arguments(string parameter) => Verify.NamespaceAsync(Verify.InNamespace($$"""
            public unsafe void on_send(Socket socket, {{parameter}}) { }
        """).Replace("public sealed partial class", "public sealed unsafe partial class"), null, allowUnsafe: true);

    [Fact]
    public Task TSIO0011_a_return_type_that_cannot_be_an_acknowledgement() => Verify.NamespaceAsync(Verify.InNamespace("""
            public unsafe {|TSIO0011:int*|} on_address(Socket socket) => null;
        """), null, allowUnsafe: true);

    [Fact]
    public Task TSIO0011_a_tuple_element_that_cannot_be_an_acknowledgement() => Verify.NamespaceAsync(Verify.InNamespace("""
            public {|TSIO0011:(int, dynamic)|} on_pair(Socket socket) => (1, 2);
        """));

    [Fact]
    public Task TSIO0011_not_reported_for_data_types() => Verify.NamespaceAsync(Verify.InNamespace("""
            public (int Count, string Name) on_pair(Socket socket, byte[] data, ReadOnlyMemory<byte> memory, JsonElement element, int? maybe, Guid id, DateTimeOffset at, Dictionary<string, List<int>> map) => (1, "a");
        """));

    [Fact]
    public Task TSIO0012_a_generic_handler() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void {|TSIO0012:on_send|}<T>(Socket socket, T value) { }
        """));

    [Fact]
    public Task TSIO0012_not_reported_for_a_generic_helper() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void on_send(Socket socket, string text) => Log<string>(text);

            private static void Log<T>(T value) { }
        """));

    [Fact]
    public Task TSIO0013_a_socket_after_other_parameters() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void on_send(string text, Socket {|TSIO0013:socket|}) { }
        """));

    [Fact]
    public Task TSIO0013_two_sockets() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void on_send(Socket socket, Socket {|TSIO0013:other|}) { }
        """));

    [Fact]
    public Task TSIO0013_not_reported_for_a_first_socket_or_none() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void on_send(Socket socket, string text) { }

            public void on_ping() { }

            public int on_add(int a, int b) => a + b;
        """));

    [Fact]
    public Task TSIO0014_a_cancellation_token_before_other_parameters() => Verify.NamespaceAsync(Verify.InNamespace("""
            public Task on_send(Socket socket, CancellationToken {|TSIO0014:cancellationToken|}, string text) => Task.CompletedTask;
        """));

    [Fact]
    public Task TSIO0014_not_reported_for_a_last_cancellation_token() => Verify.NamespaceAsync(Verify.InNamespace("""
            public Task on_send(Socket socket, string text, CancellationToken cancellationToken) => Task.CompletedTask;

            public Task on_wait(CancellationToken cancellationToken) => Task.CompletedTask;
        """));

    [Fact]
    public Task TSIO0015_an_async_void_handler() => Verify.NamespaceAsync(Verify.InNamespace("""
            public async {|TSIO0015:void|} on_send(Socket socket, string text) => await Task.Yield();

            public async {|TSIO0015:void|} OnTyping(Socket socket) => await Task.Yield();
        """));

    [Fact]
    public Task TSIO0015_an_async_void_lifecycle_handler() => Verify.NamespaceAsync(Verify.InNamespace("""
            public async {|TSIO0015:void|} on_disconnect(Socket socket) => await Task.Yield();
        """));

    [Fact]
    public Task TSIO0015_not_reported_for_synchronous_void_or_async_tasks() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void on_send(Socket socket, string text) { }

            public async ValueTask on_wait(Socket socket) => await Task.Yield();

            public async Task<int> on_count(Socket socket) { await Task.Yield(); return 1; }

            private async void FireAndForget() => await Task.Yield();
        """));
}
