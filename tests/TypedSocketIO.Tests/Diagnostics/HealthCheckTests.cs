using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Diagnostics;

/// <summary>
/// <c>AddHealthChecks().AddSocketIO()</c> read over HTTP through <c>MapHealthChecks</c>, as a load
/// balancer or an orchestrator reads it: 200 Healthy or Degraded, 503 Unhealthy.
/// </summary>
public sealed class HealthCheckTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_running_server_is_healthy()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();

        var (status, body) = await GetHealthAsync(http, server);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body);
        var report = await server.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(["socketio", "socketio.adapters"], report.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_server_near_its_connection_limit_is_degraded()
    {
        await using var server = await StartAsync(options => options.EngineIO.MaxConnections = 2);
        using var http = new HttpClient();

        await using var first = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetHealthAsync(http, server)); // 1 of 2: under 90%
        await using var second = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/");

        Assert.Equal((HttpStatusCode.OK, "Degraded"), await GetHealthAsync(http, server));
        var entry = (await server.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["socketio"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(2, entry.Data["connections"]);
        Assert.Equal(2, entry.Data["maxConnections"]);
    }

    [Fact]
    public async Task An_unhealthy_adapter_makes_the_server_unhealthy_and_says_which_namespace()
    {
        await using var server = await StartAsync(options => options.AdapterFactory = ns => new RecordingAdapter(ns));
        using var http = new HttpClient();
        var chat = (RecordingAdapter)server.SocketIO.Of("/chat").Adapter;
        chat.Health = HealthCheckResult.Unhealthy("broker unreachable");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await GetHealthAsync(http, server));
        var entry = (await server.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["socketio.adapters"];
        Assert.Equal("/chat: broker unreachable", entry.Description);
        Assert.Equal("Unhealthy: broker unreachable", entry.Data["/chat"]);
        Assert.Equal("Healthy", entry.Data["/"]);

        chat.Health = HealthCheckResult.Healthy();
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetHealthAsync(http, server));
    }

    [Fact]
    public async Task A_stopping_server_is_unhealthy_while_its_disconnect_handlers_still_run()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();
        var handlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseHandler = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.SocketIO.MainNamespace.OnDisconnect(async (_, _) =>
        {
            handlerStarted.TrySetResult();
            await releaseHandler.Task;
        });
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/");

        // The host waits for the disconnect handler before Kestrel stops: the endpoint still answers.
        var stopping = server.App.StopAsync();
        await handlerStarted.Task.WaitAsync(Wait);
        try
        {
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await GetHealthAsync(http, server));
        }
        finally
        {
            releaseHandler.TrySetResult();
            await stopping.WaitAsync(Wait);
        }
    }

    private static Task<MinimalServer> StartAsync(Action<SocketIOOptions>? configure = null) => MinimalServer.StartAsync(
        services: services => services.AddHealthChecks().AddSocketIO(),
        beforeSocketIO: app => app.MapHealthChecks("/health"),
        configure: configure);

    private static async Task<(HttpStatusCode Status, string Body)> GetHealthAsync(HttpClient http, MinimalServer server)
    {
        using var deadline = new CancellationTokenSource(Wait);
        using var response = await http.GetAsync(server.BaseUrl + "/health", deadline.Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(deadline.Token));
    }
}
