using TypedSocketIO.Analyzers.Tests.Infrastructure;

namespace TypedSocketIO.Analyzers.Tests;

/// <summary>TSIO0050–TSIO0053: on_connect, on_disconnecting and on_disconnect.</summary>
public class LifecycleTests
{
    [Theory]
    [InlineData("{|TSIO0050:int|}", "1")]
    [InlineData("{|TSIO0050:string|}", "\"yes\"")]
    [InlineData("{|TSIO0050:Task<int>|}", "Task.FromResult(1)")]
    [InlineData("{|TSIO0050:ValueTask<string>|}", "new ValueTask<string>(\"yes\")")]
    public Task TSIO0050_a_connect_handler_returning_something_else(string returnType, string value) => Verify.NamespaceAsync(Verify.InNamespace($$"""
            public {{returnType}} on_connect(Socket socket) => {{value}};
        """));

    [Theory]
    [InlineData("bool", "true")]
    [InlineData("Task<bool>", "Task.FromResult(true)")]
    [InlineData("ValueTask<bool>", "new ValueTask<bool>(true)")]
    [InlineData("Task", "Task.CompletedTask")]
    [InlineData("ValueTask", "default")]
    [InlineData("void", "Console.WriteLine()")]
    public Task TSIO0050_not_reported_for_the_accepted_returns(string returnType, string value) => Verify.NamespaceAsync(Verify.InNamespace($$"""
            public {{returnType}} OnConnect(Socket socket) => {{value}};
        """));

    [Theory]
    [InlineData("on_disconnect")]
    [InlineData("on_disconnecting")]
    [InlineData("OnDisconnect")]
    public Task TSIO0051_a_disconnect_handler_with_event_arguments(string name) => Verify.NamespaceAsync(Verify.InNamespace($$"""
            public void {{name}}(Socket socket, DisconnectReason reason, string {|TSIO0051:text|}) { }
        """));

    [Fact]
    public Task TSIO0051_two_reasons() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void on_disconnect(DisconnectReason reason, DisconnectReason {|TSIO0051:again|}) { }
        """));

    [Fact]
    public Task TSIO0051_not_reported_for_socket_reason_and_token() => Verify.NamespaceAsync(Verify.InNamespace("""
            public Task on_disconnecting(Socket socket, DisconnectReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

            public void on_disconnect(DisconnectReason reason) { }
        """));

    [Theory]
    [InlineData("{|TSIO0052:bool|}", "true")]
    [InlineData("{|TSIO0052:Task<int>|}", "Task.FromResult(1)")]
    public Task TSIO0052_a_disconnect_handler_returning_a_value(string returnType, string value) => Verify.NamespaceAsync(Verify.InNamespace($$"""
            public {{returnType}} on_disconnect(Socket socket) => {{value}};
        """));

    [Fact]
    public Task TSIO0053_a_connect_handler_with_two_auth_arguments() => Verify.NamespaceAsync(Verify.InNamespace("""
            public bool on_connect(Socket socket, string token, int {|TSIO0053:version|}) => true;
        """));

    [Fact]
    public Task TSIO0053_not_reported_for_one_auth_argument() => Verify.NamespaceAsync(Verify.InNamespace("""
            public bool on_connect(Socket socket, LoginAuth auth, CancellationToken cancellationToken) => auth.Token is not null;
        """, extra: "public sealed record LoginAuth(string? Token, int Version);"));

    [Fact]
    public Task Lifecycle_handlers_share_the_parameter_rules() => Verify.NamespaceAsync(Verify.InNamespace("""
            public bool on_connect(ref int {|TSIO0010:auth|}) => true;

            public void on_disconnect(DisconnectReason reason, Socket {|TSIO0013:socket|}) { }

            public void on_disconnecting(CancellationToken {|TSIO0014:cancellationToken|}, Socket {|TSIO0013:socket|}) { }
        """));
}
