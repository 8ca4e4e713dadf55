using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TypedSocketIO.Tests.Integration;

/// <summary>The user ASP.NET Core authenticated on the handshake request, as the socket sees it.</summary>
public sealed class HandshakeUserTests
{
    [Fact]
    public async Task A_socket_sees_the_user_that_middleware_authenticated_on_its_handshake()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSocketIO();
        await using var app = builder.Build();
        // Stands for an authentication middleware: it sets HttpContext.User before the endpoint runs.
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue("X-User", out var name))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name.ToString())], "test"));
            }

            return next(context);
        });
        app.MapSocketIO();
        var connected = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Services.GetRequiredService<SocketIOServer>().Of("/").OnConnect(socket =>
        {
            connected.TrySetResult(socket);
            return ValueTask.CompletedTask;
        });
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var http = new HttpClient();
        using var handshake = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/socket.io/?EIO=4&transport=polling");
        handshake.Headers.Add("X-User", "ada");
        var open = await (await http.SendAsync(handshake)).Content.ReadAsStringAsync();
        var sid = System.Text.Json.JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString();
        await http.PostAsync($"{baseUrl}/socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("40"));
        var socket = await connected.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(socket.Handshake.User.Identity?.IsAuthenticated);
        Assert.Equal("ada", socket.Handshake.User.Identity?.Name);
    }
}
