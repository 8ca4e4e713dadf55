using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Integration;

/// <summary>WebSockets over HTTP/2 (RFC 8441 extended CONNECT), which clients use when the server offers it.</summary>
public sealed class Http2WebSocketTests
{
    [Fact]
    public async Task A_socket_connects_and_gets_its_ack_over_a_websocket_on_http2()
    {
        await using var server = await MinimalServer.StartAsync(listen: endpoint => endpoint.Protocols = HttpProtocols.Http2);
        server.SocketIO.Of("/").On("echo", e => e.AckAsync(e.Arguments.GetString(0)));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new ClientWebSocket();
        client.Options.HttpVersion = HttpVersion.Version20;
        client.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        client.Options.CollectHttpResponseDetails = true;
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        await client.ConnectAsync(new Uri(server.BaseUrl.Replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"), invoker, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, client.HttpStatusCode); // 200: an HTTP/2 extended CONNECT (HTTP/1.1 would answer 101)
        Assert.StartsWith("0{\"sid\":", await ReceiveAsync(client, timeout.Token));
        await SendAsync(client, "40", timeout.Token);
        Assert.StartsWith("40{\"sid\":", await ReceiveAsync(client, timeout.Token));
        await SendAsync(client, "421[\"echo\",\"over h2\"]", timeout.Token);
        Assert.Equal("431[\"over h2\"]", await ReceiveAsync(client, timeout.Token));

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
    }

    private static Task SendAsync(ClientWebSocket client, string text, CancellationToken cancellationToken) =>
        client.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task<string> ReceiveAsync(ClientWebSocket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var length = 0;
        while (true)
        {
            var result = await client.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            length += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }
}
