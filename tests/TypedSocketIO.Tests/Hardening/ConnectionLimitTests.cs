using System.Net;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>MaxConnections holds under concurrent handshakes: checking the count and taking a place are one step.</summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task Of_50_concurrent_handshakes_exactly_MaxConnections_succeed_and_the_rest_get_503()
    {
        const int limit = 5, handshakes = 50;
        await using var server = await MinimalServer.StartAsync(configure: options => options.EngineIO.MaxConnections = limit);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = handshakes });
        // One connection per handshake, opened beforehand (an unknown transport is refused at once,
        // and the connection kept), so the handshakes reach the server together.
        await Task.WhenAll(Enumerable.Range(0, handshakes).Select(_ => http.GetAsync(server.BaseUrl + "/socket.io/?EIO=4&transport=none")));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = Enumerable.Range(0, handshakes).Select(async _ =>
        {
            await start.Task;
            return await http.GetAsync(server.BaseUrl + "/socket.io/?EIO=4&transport=polling");
        }).ToList();

        start.SetResult();
        var responses = await Task.WhenAll(sending);

        Assert.Equal(limit, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
        Assert.Equal(handshakes - limit, responses.Count(response => response.StatusCode == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(limit, server.SocketIO.ConnectionCount);
    }
}
