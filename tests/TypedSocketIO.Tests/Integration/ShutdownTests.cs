using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocketIOClient.Transport;
using TypedSocketIO.Tests.Infrastructure;
using ClientSocket = SocketIOClient.SocketIO;
using ClientOptions = SocketIOClient.SocketIOOptions;

namespace TypedSocketIO.Tests.Integration;

/// <summary>Stopping the host: clients are disconnected at once, handlers hear "server shutting down", pending acks fail.</summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stopping_the_host_disconnects_every_client_and_fails_pending_acks()
    {
        var server = new TestServer();
        await server.InitializeAsync();
        var reasons = new ConcurrentDictionary<string, DisconnectReason>();
        var allGone = new TaskCompletionSource();
        server.Server.MainNamespace.OnDisconnect((socket, reason) =>
        {
            reasons[socket.Id] = reason;
            if (reasons.Count == 2)
            {
                allGone.TrySetResult();
            }

            return ValueTask.CompletedTask;
        });

        var clients = new[] { TransportProtocol.WebSocket, TransportProtocol.Polling }
            .Select(transport => new ClientSocket(server.BaseUrl, new ClientOptions { Transport = transport, EIO = 4, Reconnection = false }))
            .ToArray();
        var disconnected = clients.Select(client =>
        {
            var tcs = new TaskCompletionSource<string>();
            client.OnDisconnected += (_, reason) => tcs.TrySetResult(reason);
            return tcs.Task;
        }).ToArray();
        var connected = clients.Select(client =>
        {
            var tcs = new TaskCompletionSource();
            client.On("auth", _ => tcs.TrySetResult());
            return tcs.Task;
        }).ToArray();
        await Task.WhenAll(clients.Select(client => client.ConnectAsync()));
        await Task.WhenAll(connected).WaitAsync(Wait);
        var socket = server.Server.MainNamespace.SocketsById.Values.First();
        var pendingAck = socket.EmitWithAckAsync("never-answered");

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await server.DisposeAsync();
        stopping.Stop();

        await allGone.Task.WaitAsync(Wait);
        Assert.All(reasons.Values, reason => Assert.Equal(DisconnectReason.ServerShuttingDown, reason));
        await Assert.ThrowsAsync<SocketDisconnectedException>(() => pendingAck);
        foreach (var reason in disconnected)
        {
            Assert.Equal("transport close", await reason.WaitAsync(Wait));
        }

        // Long polls and WebSockets ended at once rather than holding the host's shutdown timeout.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopping.Elapsed}");
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task A_disconnect_handler_that_never_returns_does_not_hold_the_host_past_its_shutdown_timeout()
    {
        var shutdownTimeout = TimeSpan.FromSeconds(2);
        await using var server = await MinimalServer.StartAsync(services: services => services.Configure<HostOptions>(host => host.ShutdownTimeout = shutdownTimeout));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.SocketIO.MainNamespace.OnDisconnect(async (_, _) =>
        {
            entered.TrySetResult();
            await never.Task;
        });
        await using var client = await ConnectAsync(server.BaseUrl);

        try
        {
            var stopping = System.Diagnostics.Stopwatch.StartNew();
            // Off the test thread: a host whose stopping callbacks block would otherwise block the test itself.
            await Task.Run(() => server.App.StopAsync()).WaitAsync(Wait);
            stopping.Stop();

            Assert.True(entered.Task.IsCompleted, "the disconnect handler never ran");
            Assert.True(stopping.Elapsed < shutdownTimeout + TimeSpan.FromSeconds(3), $"stopping took {stopping.Elapsed}");
        }
        finally
        {
            never.TrySetResult();
        }
    }

    [Fact]
    public async Task While_disconnect_handlers_run_pending_acks_have_failed_and_handshakes_are_refused()
    {
        await using var server = await MinimalServer.StartAsync(services: services => services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30)));
        var handlersEntered = 0;
        var bothEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.SocketIO.MainNamespace.OnDisconnect(async (_, _) =>
        {
            if (Interlocked.Increment(ref handlersEntered) == 2)
            {
                bothEntered.TrySetResult();
            }

            await release.Task;
        });
        await using var first = await ConnectAsync(server.BaseUrl);
        await using var second = await ConnectAsync(server.BaseUrl);
        var socket = server.SocketIO.MainNamespace.SocketsById.Values.First();
        var single = socket.EmitWithAckAsync("never-answered", [], TimeSpan.FromSeconds(60));
        var broadcast = server.SocketIO.MainNamespace.All.Timeout(TimeSpan.FromSeconds(60)).EmitWithAckAsync("never-answered");

        var stop = Task.Run(() => server.App.StopAsync());
        try
        {
            // At once, not when the handlers end nor when the acks time out.
            await Assert.ThrowsAsync<SocketDisconnectedException>(() => single.WaitAsync(Wait));
            var failure = await Assert.ThrowsAsync<BroadcastAckTimeoutException>(() => broadcast.WaitAsync(Wait));
            Assert.Empty(failure.Responses);
            Assert.Equal(2, failure.Expected);
            Assert.Equal(2, failure.Disconnected);

            // Both disconnect handlers run at once, and no new client is let in meanwhile.
            await bothEntered.Task.WaitAsync(Wait);
            using var http = new HttpClient();
            var handshake = await http.GetAsync(server.BaseUrl + "/socket.io/?EIO=4&transport=polling");
            Assert.Equal(HttpStatusCode.Forbidden, handshake.StatusCode);
            Assert.Equal("{\"code\":4,\"message\":\"Forbidden\"}", await handshake.Content.ReadAsStringAsync());
            Assert.False(stop.IsCompleted);
        }
        finally
        {
            release.TrySetResult();
        }

        await stop.WaitAsync(Wait);
    }

    private static async Task<RawWebSocketClient> ConnectAsync(string baseUrl)
    {
        var client = await RawWebSocketClient.ConnectAsync(baseUrl);
        await client.ReceiveTextAsync();
        await client.SendTextAsync("40");
        Assert.NotNull(await client.ReceiveUntilAsync(p => p.StartsWith("40")));
        return client;
    }
}
