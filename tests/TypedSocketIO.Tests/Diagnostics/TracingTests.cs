using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Diagnostics;

/// <summary>
/// The <c>TypedSocketIO</c> activity source read as an exporter reads it (an <see cref="ActivityListener"/>):
/// one server span per handled event, parented on the W3C trace context of the Engine.IO handshake.
/// </summary>
[Collection(TelemetryListenerCollection.Name)]
public sealed class TracingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_event_span_is_a_server_span_whose_parent_is_the_traceparent_of_the_handshake()
    {
        using var spans = new SpanRecorder();
        await using var server = await MinimalServer.StartAsync(configure: LongHeartbeat);
        // The handler answers with the span it runs in, as the parent of its own outgoing calls.
        server.SocketIO.Of("/traced").On("where", e => e.AckAsync(Activity.Current?.SpanId.ToHexString() ?? "no span"));
        var traceId = ActivityTraceId.CreateRandom();
        var parentId = ActivitySpanId.CreateRandom();

        using var polling = new RawPollingClient(server.BaseUrl);
        await polling.HandshakeAsync(("traceparent", $"00-{traceId}-{parentId}-01"), ("tracestate", "tsio=1"));
        await polling.PostAsync("40/traced,");
        var answer = await polling.PollUntilAsync(p => p.StartsWith("40/traced,", StringComparison.Ordinal));
        var socketId = answer[(answer.IndexOf(":\"", StringComparison.Ordinal) + 2)..^2];
        await polling.PostAsync("42/traced,1[\"where\"]");
        var overPolling = await polling.PollUntilAsync(p => p.StartsWith("43/traced,1", StringComparison.Ordinal));

        // The context is the session's: after the upgrade, events still belong to the client's trace.
        await using var upgraded = await RawWebSocketClient.ConnectAsync(server.BaseUrl, $"EIO=4&transport=websocket&sid={polling.Sid}");
        await upgraded.SendTextAsync("2probe");
        Assert.Equal("3probe", await upgraded.ReceiveTextAsync());
        await upgraded.SendTextAsync("5");
        await upgraded.SendTextAsync("42/traced,2[\"where\"]");
        var overWebSocket = await upgraded.ReceiveUntilAsync(p => p.StartsWith("43/traced,2", StringComparison.Ordinal));

        var recorded = await spans.WaitForAsync("/traced", 2, Wait);
        Assert.Equal(2, recorded.Length);
        foreach (var (transport, ack) in new[] { ("polling", overPolling), ("websocket", overWebSocket) })
        {
            var span = Assert.Single(recorded, s => (string?)s.GetTagItem("socketio.transport") == transport);
            Assert.Equal("/traced where", span.DisplayName);
            Assert.Equal(ActivityKind.Server, span.Kind);
            Assert.Equal(traceId, span.TraceId);
            Assert.Equal(parentId, span.ParentSpanId);
            Assert.True(span.HasRemoteParent);
            Assert.Equal("tsio=1", span.TraceStateString);
            Assert.Equal("/traced", span.GetTagItem("socketio.namespace"));
            Assert.Equal("where", span.GetTagItem("socketio.event"));
            Assert.Equal(socketId, span.GetTagItem("socketio.socket.id"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.EndsWith($"[\"{span.SpanId.ToHexString()}\"]", ack);
        }
    }

    [Fact]
    public async Task Without_a_traceparent_an_event_span_starts_a_trace_of_its_own()
    {
        using var spans = new SpanRecorder();
        await using var server = await MinimalServer.StartAsync(configure: LongHeartbeat);
        server.SocketIO.Of("/untraced").On("ping-me", e => e.AckAsync("pong"));

        await using var first = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/untraced");
        await using var second = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/untraced");
        foreach (var client in new[] { first, second })
        {
            await client.SendTextAsync("42/untraced,1[\"ping-me\"]");
            await client.ReceiveUntilAsync(p => p.StartsWith("43/untraced,1", StringComparison.Ordinal));
        }

        var recorded = await spans.WaitForAsync("/untraced", 2, Wait);
        Assert.All(recorded, span => Assert.Equal(default, span.ParentSpanId));
        Assert.All(recorded, span => Assert.Null(span.Parent));
        Assert.NotEqual(recorded[0].TraceId, recorded[1].TraceId);
    }

    [Fact]
    public async Task A_handler_that_throws_ends_its_span_with_error_status_and_its_duration_with_the_error_type()
    {
        using var spans = new SpanRecorder();
        await using var server = await MinimalServer.StartAsync(configure: LongHeartbeat);
        using var metrics = new MetricRecorder(server.App.Services.GetRequiredService<IMeterFactory>());
        server.SocketIO.Of("/failing")
            .On("throw-now", _ => throw new InvalidOperationException("failed at once"))
            .On("throw-later", async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("failed after an await");
            })
            .On("still-there", e => e.AckAsync("yes"));

        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/failing");
        await client.SendTextAsync("42/failing,[\"throw-now\"]");
        await client.SendTextAsync("42/failing,[\"throw-later\"]");

        var recorded = await spans.WaitForAsync("/failing", 2, Wait);
        foreach (var (name, message) in new[] { ("throw-now", "failed at once"), ("throw-later", "failed after an await") })
        {
            var span = Assert.Single(recorded, s => s.DisplayName == "/failing " + name);
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            Assert.Equal(message, span.StatusDescription);
            Assert.Equal("System.InvalidOperationException", span.GetTagItem("error.type"));
            var exception = Assert.Single(span.Events, e => e.Name == "exception");
            Assert.Contains(exception.Tags, tag => tag.Key == "exception.message" && (string?)tag.Value == message);
        }

        await Eventually.TrueAsync(() => metrics.Of("socketio.server.handler.duration", ("socketio.namespace", "/failing")).Length == 2, Wait);
        Assert.All(
            metrics.Of("socketio.server.handler.duration", ("socketio.namespace", "/failing")),
            duration => Assert.Equal("System.InvalidOperationException", duration.Tags["error.type"]));

        // The connection is unharmed: a failing handler is the handler's problem, not the client's.
        await client.SendTextAsync("42/failing,1[\"still-there\"]");
        Assert.Equal("43/failing,1[\"yes\"]", await client.ReceiveUntilAsync(p => p.StartsWith("43/", StringComparison.Ordinal)));
    }

    private static void LongHeartbeat(SocketIOOptions options)
    {
        options.EngineIO.PingInterval = TimeSpan.FromMinutes(1);
        options.EngineIO.PingTimeout = TimeSpan.FromMinutes(1);
    }
}
