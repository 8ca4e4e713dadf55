using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TypedSocketIO.Tests.Integration;

/// <summary>WebSockets over HTTP/2 (RFC 8441 extended CONNECT), which clients use when the server offers it.</summary>
public sealed class Http2WebSocketTests
{
    [Fact]
    public async Task A_socket_connects_and_gets_its_ack_over_a_websocket_on_http2()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSocketIO();
        await using var app = builder.Build();
        app.MapSocketIO();
        app.Services.GetRequiredService<SocketIOServer>().Of("/").On("echo", e => e.AckAsync(e.Arguments.GetString(0)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new ClientWebSocket();
        client.Options.HttpVersion = HttpVersion.Version20;
        client.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        client.Options.CollectHttpResponseDetails = true;
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        await client.ConnectAsync(new Uri(address.Replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"), invoker, timeout.Token);

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
