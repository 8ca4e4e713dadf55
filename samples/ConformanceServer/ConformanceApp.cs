using TypedSocketIO.EngineIO;

namespace TypedSocketIO.Samples.Conformance;

/// <summary>
/// Builds the conformance server: Socket.IO at <c>/socket.io/</c> and an Engine.IO echo server
/// at <c>/engine.io/</c>, with the timings the compliance suites' READMEs ask for.
/// </summary>
public static class ConformanceApp
{
    /// <summary>The address the compliance suites connect to.</summary>
    public const string DefaultUrl = "http://localhost:3000";

    /// <summary>Builds the app; <paramref name="configure"/> may add more namespaces or change options before it starts.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddSocketIO(options =>
        {
            ApplyTimings(options.EngineIO);
            options.ConnectTimeout = TimeSpan.FromMilliseconds(1000);
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapSocketIO();
        app.MapEngineIO("/engine.io", new EchoHandler(), ApplyTimings);

        var io = app.Services.GetRequiredService<SocketIOServer>();
        io.MainNamespace
            .OnConnect(socket => socket.EmitAsync("auth", socket.Handshake.Auth))
            .On("message", e => e.Socket.EmitAsync("message-back", e.Arguments))
            .On("message-with-ack", e => e.AckAsync(e.Arguments));
        io.Of("/custom")
            .OnConnect(socket => socket.EmitAsync("auth", socket.Handshake.Auth));
        return app;
    }

    private static void ApplyTimings(EngineIOOptions options)
    {
        options.PingInterval = TimeSpan.FromMilliseconds(300);
        options.PingTimeout = TimeSpan.FromMilliseconds(200);
        options.MaxPayload = 1_000_000;
        // Cross-origin on purpose: the compliance suites may run in a browser page served from
        // elsewhere, and their reference servers allow any origin ({ cors: { origin: "*" } }).
        options.Cors.AllowAnyOrigin = true;
    }

    /// <summary>Echoes every Engine.IO message: text as text, binary as binary.</summary>
    private sealed class EchoHandler : IEngineIOHandler
    {
        public void OnConnected(EngineIOConnection connection)
        {
        }

        public ValueTask OnMessageAsync(EngineIOConnection connection, EngineIOMessage message)
        {
            if (message.IsBinary)
            {
                connection.SendBinary(message.Data);
            }
            else
            {
                connection.SendText(message.Text);
            }

            return ValueTask.CompletedTask;
        }

        public void OnClosed(EngineIOConnection connection, string reason)
        {
        }
    }
}
