using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Typed;

/// <summary>The generated namespace driven by the npm socket.io-client (tests/js/typed), over each transport.</summary>
public sealed class JsClientTypedNamespaceTests(TestServer server) : IClassFixture<TestServer>
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    [InlineData("upgrade")]
    public async Task Generated_namespace_serves_the_npm_client(string transport)
    {
        var result = await NodeRunner.RunAsync("typed/generated-namespace.mjs", TimeSpan.FromSeconds(45), server.BaseUrl, transport);

        Assert.False(result.TimedOut, result.Stderr);
        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
    }
}
