using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSocketIO.Samples.Conformance;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>
/// The server of tests/js/TEST-SERVER.md on a free loopback port: the conformance sample plus
/// the <c>/admin</c> and <c>/test</c> namespaces. One instance serves a whole test collection.
/// </summary>
public sealed class TestServer : IAsyncLifetime, IAsyncDisposable
{
    private readonly Action<SocketIOOptions>? _configure;
    private readonly CapturingLoggerProvider? _logs;
    private readonly ConcurrentDictionary<string, string> _reasons = new();
    private readonly ConcurrentDictionary<string, string[]> _roomsAtDisconnecting = new();
    private WebApplication? _app;

    public TestServer()
    {
    }

    /// <summary>A server whose options <paramref name="configure"/> changes (for limits and hostile-client tests).</summary>
    internal TestServer(Action<SocketIOOptions> configure, CapturingLoggerProvider? logs = null)
    {
        _configure = configure;
        _logs = logs;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Starts a server with changed options; dispose it at the end of the test.</summary>
    /// <param name="logs">Receives every message the server logs, whatever its level.</param>
    public static async Task<TestServer> StartAsync(Action<SocketIOOptions> configure, CapturingLoggerProvider? logs = null)
    {
        var server = new TestServer(configure, logs);
        await server.InitializeAsync();
        return server;
    }

    /// <summary>
    /// Starts a server with a one-minute heartbeat, for tests whose clients stop reading for a while
    /// (the conformance server's 300 ms + 200 ms heartbeat would close them on a busy machine).
    /// </summary>
    public static Task<TestServer> StartWithLongHeartbeatAsync() => StartAsync(options =>
    {
        options.EngineIO.PingInterval = TimeSpan.FromMinutes(1);
        options.EngineIO.PingTimeout = TimeSpan.FromMinutes(1);
    });

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public SocketIOServer Server => _app!.Services.GetRequiredService<SocketIOServer>();

    public IServiceProvider Services => _app!.Services;

    /// <summary>The disconnect reason (in Node's words) of a socket of <c>/test</c> that has disconnected, or null.</summary>
    public string? ReasonOf(string socketId) => _reasons.TryGetValue(socketId, out var reason) ? reason : null;

    public async Task InitializeAsync()
    {
        _app = ConformanceApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // Handlers that fail on purpose would fill the output with expected stack traces.
            builder.Logging.AddFilter("TypedSocketIO", LogLevel.Critical);
            if (_logs is not null)
            {
                builder.Logging.AddProvider(_logs);
                builder.Logging.AddFilter<CapturingLoggerProvider>("TypedSocketIO", LogLevel.Trace);
            }

            builder.Services.AddSingleton<Typed.TypedLedger>();
            builder.Services.AddSocketIO(options =>
                {
                    options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, Typed.TypedJsonContext.Default);
                    _configure?.Invoke(options);
                })
                .AddNamespace<Typed.TypedNamespace>();
        });
        AddTestNamespaces(Server);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().TrimEnd('/');
        try
        {
            await WarmUpAsync();
        }
        catch (Exception) when (_configure is not null)
        {
            // Servers with changed options may refuse the warm-up (an allow-list, a hook): it is only an optimisation.
        }
    }

    /// <summary>
    /// One round trip over each transport before the tests start, so that JIT compilation of a
    /// cold server does not eat the 500 ms a client waits for its first ping.
    /// </summary>
    private async Task WarmUpAsync()
    {
        await using (var websocket = await RawWebSocketClient.ConnectAsync(BaseUrl))
        {
            await websocket.ReceiveTextAsync();
            await websocket.SendTextAsync("40/test,");
            await websocket.ReceiveUntilAsync(packet => packet.StartsWith("40/test,", StringComparison.Ordinal));
            await websocket.SendTextAsync("42/test,1[\"count\",\"warm-up\"]");
            await websocket.ReceiveUntilAsync(packet => packet.StartsWith("43/test,1", StringComparison.Ordinal));
        }

        using var polling = new RawPollingClient(BaseUrl);
        await polling.HandshakeAsync();
        await polling.PostAsync("40/test,");
        await polling.PollUntilAsync(packet => packet.StartsWith("40/test,", StringComparison.Ordinal));
        await polling.PostAsync("41/test,\u001e1"); // leave the namespace, then close the session
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private void AddTestNamespaces(SocketIOServer io)
    {
        io.Of("/admin")
            .Use(socket =>
            {
                var token = socket.Handshake.Auth.ValueKind == JsonValueKind.Object
                    && socket.Handshake.Auth.TryGetProperty("token", out var value) ? value.GetString() : null;
                if (token != "secret")
                {
                    throw new ConnectionRefusedException("unauthorized", new Dictionary<string, int> { ["code"] = 401 });
                }

                return ValueTask.CompletedTask;
            })
            .OnConnect(socket => socket.EmitAsync("welcome", socket.Id));

        var test = io.Of("/test");
        test.OnDisconnecting((socket, _) =>
            {
                _roomsAtDisconnecting[socket.Id] = [.. socket.Rooms.Order(StringComparer.Ordinal)];
                return ValueTask.CompletedTask;
            })
            .OnDisconnect((socket, reason) =>
            {
                _reasons[socket.Id] = reason.ToWireString();
                return ValueTask.CompletedTask;
            })
            .On("join", async e =>
            {
                await e.Socket.JoinAsync(e.Arguments.GetString(0)!);
                await e.AckAsync((object)SortedRooms(e.Socket)); // one argument, not spread as params
            })
            .On("leave", async e =>
            {
                await e.Socket.LeaveAsync(e.Arguments.GetString(0)!);
                await e.AckAsync((object)SortedRooms(e.Socket)); // one argument, not spread as params
            })
            .On("to-room", async e =>
            {
                await test.To(e.Arguments.GetString(0)!).EmitAsync("room-message", e.Arguments.GetElement(1));
                await e.AckAsync("ok");
            })
            .On("to-room-except-me", async e =>
            {
                await e.Socket.To(e.Arguments.GetString(0)!).EmitAsync("room-message", e.Arguments.GetElement(1));
                await e.AckAsync("ok");
            })
            .On("to-rooms", async e =>
            {
                var rooms = e.Arguments.Get<string[]>(0)!;
                await test.To(rooms).EmitAsync("room-message", e.Arguments.GetElement(1));
                await e.AckAsync("ok");
            })
            .On("except-room", async e =>
            {
                await test.Except(e.Arguments.GetString(0)!).EmitAsync("broadcast", e.Arguments.GetElement(1));
                await e.AckAsync("ok");
            })
            .On("ask", async e =>
            {
                var timeout = TimeSpan.FromMilliseconds(e.Arguments.Get<int>(1));
                try
                {
                    var answer = await e.Socket.EmitWithAckAsync("question", [e.Arguments.GetElement(0)], timeout);
                    await e.AckAsync(new Dictionary<string, JsonElement> { ["answer"] = answer.GetElement(0) });
                }
                catch (TimeoutException)
                {
                    await e.AckAsync(new Dictionary<string, string> { ["error"] = "timeout" });
                }
            })
            .On("ask-room", async e =>
            {
                var room = e.Arguments.GetString(0)!;
                var timeout = TimeSpan.FromMilliseconds(e.Arguments.Get<int>(1));
                try
                {
                    var answers = await test.To(room).Timeout(timeout).EmitWithAckAsync("poll");
                    await e.AckAsync((object)SortedFirstArguments(answers));
                }
                catch (BroadcastAckTimeoutException timedOut)
                {
                    await e.AckAsync(new Dictionary<string, object> { ["error"] = "timeout", ["answers"] = SortedFirstArguments(timedOut.Responses) });
                }
            })
            .On("disconnect-me", e => e.Socket.DisconnectAsync(e.Arguments.Count > 0 && e.Arguments.Get<bool>(0)))
            .On("reason-of", e => e.AckAsync((object?)(_reasons.TryGetValue(e.Arguments.GetString(0)!, out var reason) ? reason : null)))
            .On("rooms-at-disconnecting", e =>
                e.AckAsync((object?)(_roomsAtDisconnecting.TryGetValue(e.Arguments.GetString(0)!, out var rooms) ? rooms : null)))
            .On("poll-pending", e => e.AckAsync(
                test.SocketsById.TryGetValue(e.Arguments.GetString(0)!, out var polled) && polled.Client.Connection.IsPolling))
            .On("count", async e =>
            {
                var sockets = await test.To(e.Arguments.GetString(0)!).FetchSocketsAsync();
                await e.AckAsync(sockets.Count);
            })
            .On("close-room", async e =>
            {
                await test.CloseRoomAsync(e.Arguments.GetString(0)!);
                await e.AckAsync("ok");
            })
            .On("emit-all-namespaces", async e =>
            {
                await io.EmitToAllNamespacesAsync("everywhere", e.Arguments.GetElement(0));
                await e.AckAsync("ok");
            })
            .On("throw", _ => throw new InvalidOperationException("a handler failed on purpose"))
            .On("*", e => e.Socket.EmitAsync("unknown-event", e.Name));
    }

    private static string[] SortedRooms(Socket socket) => [.. socket.Rooms.Order(StringComparer.Ordinal)];

    private static string[] SortedFirstArguments(IReadOnlyList<EventArguments> answers) =>
        [.. answers.Select(answer => answer.Count == 0 ? "" : answer.GetElement(0).ToString()).Order(StringComparer.Ordinal)];
}
