using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>
/// A bare app, <c>AddSocketIO()</c> and <c>MapSocketIO()</c> on a free loopback port, for tests
/// that need what <see cref="TestServer"/> does not set up: other protocols, middleware first.
/// </summary>
public sealed class MinimalServer : IAsyncDisposable
{
    private MinimalServer(WebApplication app, string baseUrl)
    {
        App = app;
        BaseUrl = baseUrl;
    }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public SocketIOServer SocketIO => App.Services.GetRequiredService<SocketIOServer>();

    /// <summary>Starts the app; dispose it at the end of the test.</summary>
    /// <param name="listen">Changes the endpoint (its protocols, for example).</param>
    /// <param name="beforeSocketIO">Adds middleware that runs before the Socket.IO endpoint.</param>
    /// <param name="services">Changes the app's services (host options, for example).</param>
    /// <param name="configure">Changes the Socket.IO options (every other one keeps its default).</param>
    public static async Task<MinimalServer> StartAsync(
        Action<ListenOptions>? listen = null,
        Action<WebApplication>? beforeSocketIO = null,
        Action<IServiceCollection>? services = null,
        Action<SocketIOOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, options => listen?.Invoke(options)));
        builder.Services.AddSocketIO(options => configure?.Invoke(options));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        beforeSocketIO?.Invoke(app);
        app.MapSocketIO();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MinimalServer(app, address.TrimEnd('/'));
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
