using TypedSocketIO.Analyzers.Tests.Infrastructure;

namespace TypedSocketIO.Analyzers.Tests;

/// <summary>TSIO0060–TSIO0064: [Authorize] and [AllowAnonymous] where they cannot apply.</summary>
public class AuthorizationTests
{
    private const string Usings = "using Microsoft.AspNetCore.Authorization;\n";

    [Fact]
    public Task TSIO0060_on_a_method_that_is_no_handler() => Verify.AuthorizationAsync(Usings + Verify.InNamespace("""
            [{|TSIO0060:Authorize(Roles = "admin")|}]
            public void Purge(string room) { }

            [{|TSIO0060:AllowAnonymous|}]
            public string Helper() => "";
        """));

    [Theory]
    [InlineData("on_disconnect")]
    [InlineData("on_disconnecting")]
    public Task TSIO0061_on_a_disconnect_handler(string name) => Verify.AuthorizationAsync(Usings + Verify.InNamespace($$"""
            [{|TSIO0061:Authorize|}]
            public void {{name}}(Socket socket, DisconnectReason reason) { }
        """));

    [Fact]
    public Task TSIO0062_authentication_schemes_on_the_class_and_a_handler() => Verify.AuthorizationAsync(Usings + """
        namespace App;

        [{|TSIO0062:Authorize(AuthenticationSchemes = "Cookies")|}]
        [SocketIONamespace("/app")]
        public sealed partial class AppNamespace : Namespace
        {
            [{|TSIO0062:Authorize(Roles = "admin", AuthenticationSchemes = "Bearer")|}]
            public void on_kick(string user) { }
        }
        """);

    [Fact]
    public Task TSIO0063_on_lambdas_and_method_groups_given_to_the_delegate_api() => Verify.AuthorizationAsync(Usings + """
        namespace App;

        public static class Setup
        {
            public static void Map(SocketIOServer io)
            {
                io.Of("/admin")
                    .On("purge", [{|TSIO0063:Authorize(Roles = "admin")|}] (SocketIOEvent e) => ValueTask.CompletedTask)
                    .OnConnect({|TSIO0063:Connect|})
                    .Use([{|TSIO0063:AllowAnonymous|}] (Socket socket) => ValueTask.CompletedTask);
            }

            [Authorize]
            private static ValueTask Connect(Socket socket) => ValueTask.CompletedTask;
        }
        """);

    [Fact]
    public Task TSIO0064_Authorize_under_an_AllowAnonymous_class() => Verify.AuthorizationAsync(Usings + """
        namespace App;

        [AllowAnonymous]
        [SocketIONamespace("/lobby")]
        public sealed partial class LobbyNamespace : Namespace
        {
            [{|TSIO0064:Authorize(Roles = "admin")|}]
            public void on_kick(string user) { }
        }
        """);

    [Fact]
    public Task Not_reported_where_the_attributes_apply() => Verify.AuthorizationAsync(Usings + """
        namespace App;

        [Authorize]
        [Authorize(Policy = "Staff")]
        [SocketIONamespace("/admin")]
        public sealed partial class AdminNamespace : Namespace
        {
            [AllowAnonymous]
            public void on_connect(Socket socket) { }

            [Authorize(Roles = "admin")]
            public void on_kick(string user) { }

            [AllowAnonymous]
            public string on_ping() => "pong";

            [Event("custom name"), Authorize("Audit")]
            public void Audit() { }

            public void on_disconnect(Socket socket) { }
        }

        public static class Setup
        {
            public static void Map(SocketIOServer io) =>
                io.Of("/open").On("hello", (SocketIOEvent e) => ValueTask.CompletedTask);
        }
        """);
}
