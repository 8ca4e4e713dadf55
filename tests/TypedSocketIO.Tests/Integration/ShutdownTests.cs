using System.Collections.Concurrent;
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
        server.Server.Sockets.OnDisconnect((socket, reason) =>
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
        var socket = server.Server.Sockets.SocketsById.Values.First();
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
}
