using System.Net;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hosting.Options;

/// <summary><see cref="SocketIOOptions.Path"/>: <c>MapSocketIO()</c> serves both transports there, and no longer at /socket.io.</summary>
public sealed class PathTests
{
    [Fact]
    public async Task A_changed_path_serves_polling_and_websocket_there_and_nothing_at_the_default_path()
    {
        await using var server = await MinimalServer.StartAsync(configure: options => options.Path = "/rt");
        server.SocketIO.MainNamespace.On("echo", e => e.AckAsync(e.Arguments));
        using var http = new HttpClient();

        var polling = await http.GetAsync(server.BaseUrl + "/rt/?EIO=4&transport=polling");
        var atDefault = await http.GetAsync(server.BaseUrl + "/socket.io/?EIO=4&transport=polling");

        Assert.Equal(HttpStatusCode.OK, polling.StatusCode);
        Assert.StartsWith("0{\"sid\":\"", await polling.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, atDefault.StatusCode);

        var (client, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/", path: "/rt/");
        await using (client)
        {
            await client.SendTextAsync("421[\"echo\",\"at /rt\"]");
            Assert.Equal("431[\"at /rt\"]", await client.ReceiveUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_changed_path_is_served_without_its_trailing_slash_too()
    {
        await using var server = await MinimalServer.StartAsync(configure: options => options.Path = "/realtime/io/");
        using var http = new HttpClient();

        var withoutSlash = await http.GetAsync(server.BaseUrl + "/realtime/io?EIO=4&transport=polling");
        var withSlash = await http.GetAsync(server.BaseUrl + "/realtime/io/?EIO=4&transport=polling");

        Assert.Equal(HttpStatusCode.OK, withoutSlash.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withSlash.StatusCode);
        Assert.Equal(2, server.SocketIO.ConnectionCount);
    }
}
