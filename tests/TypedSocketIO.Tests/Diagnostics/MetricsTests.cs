using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Diagnostics;

/// <summary>
/// The <c>TypedSocketIO</c> meter read as an exporter reads it (a <see cref="MeterListener"/>),
/// against a real server on loopback: a known sequence of traffic gives exact counts and tags.
/// Each server's meter comes from its own app's <see cref="IMeterFactory"/>, so other servers
/// in the test process do not disturb the counts.
/// </summary>
public sealed class MetricsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly (string, string) Polling = ("socketio.transport", "polling");
    private static readonly (string, string) WebSocket = ("socketio.transport", "websocket");
    private static readonly (string, string) Received = ("network.io.direction", "receive");
    private static readonly (string, string) Transmitted = ("network.io.direction", "transmit");

    [Fact]
    public async Task A_known_sequence_of_traffic_gives_exact_counts_with_their_tags()
    {
        await using var server = await MinimalServer.StartAsync(configure: LongHeartbeat);
        using var metrics = new MetricRecorder(server.App.Services.GetRequiredService<IMeterFactory>());
        var ns = server.SocketIO.Of("/metrics");
        ns.On("echo", e => e.AckAsync(e.Arguments.GetElement(0)));
        var inNs = ("socketio.namespace", "/metrics");
        var traffic = new Traffic();

        // A polling session joins /metrics ...
        using var polling = new RawPollingClient(server.BaseUrl);
        traffic.PollingOut("0" + (await polling.HandshakeAsync()).GetRawText());
        await polling.PostAsync(traffic.PollingIn("40/metrics,"));
        var connectAnswer = traffic.PollingOut(await polling.PollUntilAsync(p => p.StartsWith("40/metrics,", StringComparison.Ordinal)));
        var socketId = connectAnswer[(connectAnswer.IndexOf(":\"", StringComparison.Ordinal) + 2)..^2];

        // ... upgrades to a WebSocket ...
        await using var upgraded = await RawWebSocketClient.ConnectAsync(server.BaseUrl, $"EIO=4&transport=websocket&sid={polling.Sid}");
        await upgraded.SendTextAsync(traffic.WebSocketIn("2probe"));
        Assert.Equal("3probe", traffic.WebSocketOut(await upgraded.ReceiveTextAsync()));
        await upgraded.SendTextAsync(traffic.WebSocketIn("5"));

        // ... sends three events that the server acknowledges ...
        for (var i = 1; i <= 3; i++)
        {
            await upgraded.SendTextAsync(traffic.WebSocketIn($"42/metrics,{i}[\"echo\",{i}]"));
            Assert.Equal($"43/metrics,{i}[{i}]", traffic.WebSocketOut(await upgraded.ReceiveUntilAsync(p => p.StartsWith("43/", StringComparison.Ordinal))));
        }

        // ... leaves the server's question unanswered ...
        var socket = ns.SocketsById[socketId];
        await Assert.ThrowsAsync<TimeoutException>(() => socket.EmitWithAckAsync("question", [], TimeSpan.FromMilliseconds(200)));
        Assert.Equal("42/metrics,0[\"question\"]", traffic.WebSocketOut(await upgraded.ReceiveUntilAsync(p => p.StartsWith("42/", StringComparison.Ordinal))));

        // ... receives a broadcast with a second client, over a WebSocket from the start ...
        await using var other = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        traffic.WebSocketOut(await other.ReceiveTextAsync());
        await other.SendTextAsync(traffic.WebSocketIn("40/metrics,"));
        traffic.WebSocketOut(await other.ReceiveUntilAsync(p => p.StartsWith("40/metrics,", StringComparison.Ordinal)));
        await ns.EmitAsync("news", "hello");
        foreach (var client in new[] { upgraded, other })
        {
            Assert.Equal("42/metrics,[\"news\",\"hello\"]", traffic.WebSocketOut(await client.ReceiveUntilAsync(p => p.StartsWith("42/", StringComparison.Ordinal))));
        }

        // ... and leaves the namespace.
        await upgraded.SendTextAsync(traffic.WebSocketIn("41/metrics,"));
        await Eventually.TrueAsync(() => metrics.Sum("socketio.server.disconnects", inNs) >= 1, Wait);

        Assert.Equal([1, -1], Values(metrics.Of("socketio.server.active_connections", Polling)));
        Assert.Equal([1, 1], Values(metrics.Of("socketio.server.active_connections", WebSocket)));
        Assert.Equal(1, metrics.Sum("socketio.server.upgrades"));
        Assert.Equal([1, 1, -1], Values(metrics.Of("socketio.server.active_sockets", inNs)));
        Assert.Equal(1, metrics.Sum("socketio.server.disconnects", inNs, ("socketio.disconnect.reason", "client namespace disconnect")));
        Assert.Single(metrics.Of("socketio.server.disconnects"));

        Assert.Equal([1, -1], Values(metrics.Of("socketio.server.pending_acks", inNs)));
        Assert.Equal(1, metrics.Sum("socketio.server.ack_timeouts", inNs));
        Assert.Equal([2], Values(metrics.Of("socketio.server.broadcast.targets", inNs)));

        var durations = metrics.Of("socketio.server.handler.duration", inNs, ("socketio.event", "echo"));
        Assert.Equal(3, durations.Length);
        Assert.All(durations, d => Assert.InRange(d.Value, 0, Wait.TotalSeconds));
        Assert.All(durations, d => Assert.False(d.Tags.ContainsKey("error.type")));
        Assert.Equal(3, metrics.Of("socketio.server.handler.duration").Length);

        // Every packet either side sent, counted where it was written or read, in bytes before transport framing.
        await Eventually.TrueAsync(() => metrics.Sum("socketio.server.packets", WebSocket, Received) >= traffic.WebSocketInPackets, Wait);
        Assert.Equal(traffic.PollingInPackets, metrics.Sum("socketio.server.packets", Polling, Received));
        Assert.Equal(traffic.PollingOutPackets, metrics.Sum("socketio.server.packets", Polling, Transmitted));
        Assert.Equal(traffic.WebSocketInPackets, metrics.Sum("socketio.server.packets", WebSocket, Received));
        Assert.Equal(traffic.WebSocketOutPackets, metrics.Sum("socketio.server.packets", WebSocket, Transmitted));
        Assert.Equal(traffic.PollingInBytes, metrics.Sum("socketio.server.bytes", Polling, Received));
        Assert.Equal(traffic.PollingOutBytes, metrics.Sum("socketio.server.bytes", Polling, Transmitted));
        Assert.Equal(traffic.WebSocketInBytes, metrics.Sum("socketio.server.bytes", WebSocket, Received));
        Assert.Equal(traffic.WebSocketOutBytes, metrics.Sum("socketio.server.bytes", WebSocket, Transmitted));
        Assert.Equal((1, 2, 7, 9), (traffic.PollingInPackets, traffic.PollingOutPackets, traffic.WebSocketInPackets, traffic.WebSocketOutPackets));
    }

    [Fact]
    public async Task A_broadcast_ack_timeout_counts_each_socket_that_did_not_answer()
    {
        await using var server = await MinimalServer.StartAsync(configure: LongHeartbeat);
        using var metrics = new MetricRecorder(server.App.Services.GetRequiredService<IMeterFactory>());
        var ns = server.SocketIO.Of("/fan-out");
        await using var answering = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/fan-out");
        await using var silent = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/fan-out");
        await using var third = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/fan-out");
        var inNs = ("socketio.namespace", "/fan-out");

        var broadcast = ns.All.Timeout(TimeSpan.FromMilliseconds(300)).EmitWithAckAsync("poll");
        foreach (var client in new[] { answering, silent, third })
        {
            Assert.Equal("42/fan-out,0[\"poll\"]", await client.ReceiveUntilAsync(p => p.StartsWith("42/", StringComparison.Ordinal)));
        }

        await answering.SendTextAsync("43/fan-out,0[\"yes\"]");
        var failure = await Assert.ThrowsAsync<BroadcastAckTimeoutException>(() => broadcast);

        Assert.Single(failure.Responses);
        Assert.Equal([3], Values(metrics.Of("socketio.server.broadcast.targets", inNs)));
        Assert.Equal(2, metrics.Sum("socketio.server.ack_timeouts", inNs));
        Assert.Equal([-1, -1, -1, 1, 1, 1], Values(metrics.Of("socketio.server.pending_acks", inNs)).Order());
    }

    [Fact]
    public async Task The_instruments_have_the_documented_kinds_and_units()
    {
        await using var server = await MinimalServer.StartAsync(configure: LongHeartbeat);
        using var metrics = new MetricRecorder(server.App.Services.GetRequiredService<IMeterFactory>());

        var expected = new (string Name, Type Kind, string Unit)[]
        {
            ("socketio.server.active_connections", typeof(UpDownCounter<long>), "{connection}"),
            ("socketio.server.upgrades", typeof(Counter<long>), "{upgrade}"),
            ("socketio.server.active_sockets", typeof(UpDownCounter<long>), "{socket}"),
            ("socketio.server.packets", typeof(Counter<long>), "{packet}"),
            ("socketio.server.bytes", typeof(Counter<long>), "By"),
            ("socketio.server.pending_acks", typeof(UpDownCounter<long>), "{ack}"),
            ("socketio.server.ack_timeouts", typeof(Counter<long>), "{ack}"),
            ("socketio.server.broadcast.targets", typeof(Histogram<int>), "{socket}"),
            ("socketio.server.handler.duration", typeof(Histogram<double>), "s"),
            ("socketio.server.disconnects", typeof(Counter<long>), "{socket}"),
        };
        foreach (var (name, kind, unit) in expected)
        {
            var instrument = metrics.InstrumentNamed(name);
            Assert.True(instrument is not null, $"{name} is not published");
            Assert.Equal(kind, instrument.GetType());
            Assert.Equal(unit, instrument.Unit);
            Assert.False(string.IsNullOrEmpty(instrument.Description), $"{name} has no description");
        }
    }

    [Fact]
    public async Task A_client_inventing_event_names_cannot_grow_the_event_tag_past_its_bound()
    {
        await using var server = await MinimalServer.StartAsync(configure: LongHeartbeat);
        using var metrics = new MetricRecorder(server.App.Services.GetRequiredService<IMeterFactory>());
        server.SocketIO.Of("/names").On("*", _ => { });
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/names");

        const int Names = 150;
        for (var i = 0; i < Names; i++)
        {
            await client.SendTextAsync($"42/names,[\"invented-{i}\"]");
        }

        var inNs = ("socketio.namespace", "/names");
        await Eventually.TrueAsync(() => metrics.Of("socketio.server.handler.duration", inNs).Length >= Names, Wait);
        var tags = metrics.Of("socketio.server.handler.duration", inNs).Select(m => m.Tags["socketio.event"]).ToArray();
        Assert.Equal(Names, tags.Length);
        Assert.Equal(100, tags.Distinct().Count(tag => tag != "_OTHER"));
        Assert.Equal(Names - 100, tags.Count(tag => tag == "_OTHER"));
    }

    private static double[] Values(MetricRecorder.Measurement[] measurements) => [.. measurements.Select(m => m.Value)];

    private static void LongHeartbeat(SocketIOOptions options)
    {
        // No ping may add packets to the counts.
        options.EngineIO.PingInterval = TimeSpan.FromMinutes(1);
        options.EngineIO.PingTimeout = TimeSpan.FromMinutes(1);
    }

    /// <summary>The packets the test's clients sent and received, by transport, as the server should count them.</summary>
    private sealed class Traffic
    {
        public int PollingInPackets { get; private set; }

        public int PollingOutPackets { get; private set; }

        public int WebSocketInPackets { get; private set; }

        public int WebSocketOutPackets { get; private set; }

        public long PollingInBytes { get; private set; }

        public long PollingOutBytes { get; private set; }

        public long WebSocketInBytes { get; private set; }

        public long WebSocketOutBytes { get; private set; }

        public string PollingIn(string packet)
        {
            PollingInPackets++;
            PollingInBytes += Encoding.UTF8.GetByteCount(packet);
            return packet;
        }

        public string PollingOut(string packet)
        {
            PollingOutPackets++;
            PollingOutBytes += Encoding.UTF8.GetByteCount(packet);
            return packet;
        }

        public string WebSocketIn(string packet)
        {
            WebSocketInPackets++;
            WebSocketInBytes += Encoding.UTF8.GetByteCount(packet);
            return packet;
        }

        public string WebSocketOut(string? packet)
        {
            Assert.NotNull(packet);
            WebSocketOutPackets++;
            WebSocketOutBytes += Encoding.UTF8.GetByteCount(packet);
            return packet;
        }
    }
}
