using System.Security.Claims;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Integration;

/// <summary>The user ASP.NET Core authenticated on the handshake request, as the socket sees it.</summary>
public sealed class HandshakeUserTests
{
    [Fact]
    public async Task A_socket_sees_the_user_that_middleware_authenticated_on_its_handshake()
    {
        // Stands for an authentication middleware: it sets HttpContext.User before the endpoint runs.
        await using var server = await MinimalServer.StartAsync(beforeSocketIO: app => app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue("X-User", out var name))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name.ToString())], "test"));
            }

            return next(context);
        }));
        var connected = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.SocketIO.Of("/").OnConnect(socket =>
        {
            connected.TrySetResult(socket);
            return ValueTask.CompletedTask;
        });

        using var http = new HttpClient();
        using var handshake = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/socket.io/?EIO=4&transport=polling");
        handshake.Headers.Add("X-User", "ada");
        var open = await (await http.SendAsync(handshake)).Content.ReadAsStringAsync();
        var sid = System.Text.Json.JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString();
        await http.PostAsync($"{server.BaseUrl}/socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("40"));
        var socket = await connected.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(socket.Handshake.User.Identity?.IsAuthenticated);
        Assert.Equal("ada", socket.Handshake.User.Identity?.Name);
    }
}
