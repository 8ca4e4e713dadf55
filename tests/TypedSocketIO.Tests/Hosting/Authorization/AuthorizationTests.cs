using System.Text.Json;

namespace TypedSocketIO.Tests.Hosting.Authorization;

/// <summary>
/// [Authorize] on generated namespaces and their handlers, driven by the npm socket.io-client
/// (tests/js/auth) against <see cref="AuthServer"/>: JWT bearer tokens from the header, the query
/// and the CONNECT auth payload, and cookies; each case over WebSocket and long-polling.
/// </summary>
public sealed class AuthorizationTests(AuthServer server) : IClassFixture<AuthServer>
{
    private static readonly string Tokens = JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["valid"] = AuthServer.Token("ada"),
        ["admin"] = AuthServer.Token("root", 40, "admin"),
        ["minor"] = AuthServer.Token("kid", 12),
        ["expired"] = AuthServer.ExpiredToken("ada"),
        ["wrongKey"] = AuthServer.WrongKeyToken("ada"),
    });

    [Theory]
    [InlineData("header", "websocket")]
    [InlineData("header", "polling")]
    [InlineData("query", "websocket")]
    [InlineData("query", "polling")]
    [InlineData("auth", "websocket")]
    [InlineData("auth", "polling")]
    public Task A_valid_token_connects_and_the_socket_has_its_user(string place, string transport) => RunJwt(place, transport);

    [Theory]
    [InlineData("none", "websocket")]
    [InlineData("none", "polling")]
    [InlineData("expired-header", "websocket")]
    [InlineData("expired-header", "polling")]
    [InlineData("expired-auth", "websocket")]
    [InlineData("wrong-key-query", "polling")]
    [InlineData("wrong-key-auth", "websocket")]
    public Task A_missing_expired_or_forged_token_is_refused_with_connect_error_and_the_reason(string which, string transport) => RunJwt(which, transport);

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public Task A_role_or_policy_the_user_lacks_refuses_the_event_with_an_error_ack_and_no_handler_call(string transport) => RunJwt("roles", transport);

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public Task An_AllowAnonymous_handler_is_reachable_by_a_guest_under_an_Authorize_class(string transport) => RunJwt("anonymous", transport);

    [Theory]
    [InlineData("member", "websocket")]
    [InlineData("member", "polling")]
    [InlineData("no-cookie", "websocket")]
    [InlineData("not-a-member", "polling")]
    public async Task The_cookie_of_the_handshake_authenticates_and_its_policy_is_checked_on_connect(string which, string transport)
    {
        var result = await NodeRunner.RunAsync("auth/cookie.mjs", TimeSpan.FromSeconds(30), server.BaseUrl, transport, which);

        Assert.False(result.TimedOut, result.Output);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    private async Task RunJwt(string which, string transport)
    {
        var result = await NodeRunner.RunAsync("auth/jwt.mjs", TimeSpan.FromSeconds(30), server.BaseUrl, transport, which, Tokens);

        Assert.False(result.TimedOut, result.Output);
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
