using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TypedSocketIO.Diagnostics;
using TypedSocketIO.Dispatch;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Protocol;
using TypedSocketIO.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedSocketIO.Tests.Diagnostics;

/// <summary>
/// What the telemetry costs on the paths every packet and every event take, counted in bytes
/// allocated on the calling thread: nothing while nobody listens, and nothing for the metrics
/// while a listener reads them (a span, when traced, is the one allocation).
/// </summary>
[Collection(TelemetryListenerCollection.Name)]
public sealed class TelemetryOverheadTests(ITestOutputHelper output)
{
    private const int Calls = 10_000;

    [Fact]
    public async Task The_per_packet_and_per_event_telemetry_allocates_nothing_with_or_without_a_metrics_listener()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/overhead");
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/overhead");
        var socket = ns.SocketsById[client.SocketId];
        var metrics = server.SocketIO.Metrics;
        Assert.False(HandlerTelemetry.Source.HasListeners(), "another test left a listener on the activity source");

        var idle = AllocatedPerCall(metrics, socket);
        output.WriteLine($"no listener: {idle.Packet} B per packet (read + written), {idle.Event} B per event");
        Assert.Equal((0, 0), idle);

        // A listener that only counts, so that what is measured is the instruments' cost, not the listener's.
        var scope = server.App.Services.GetRequiredService<IMeterFactory>();
        long measurements = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => measurements++);
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => measurements++);
        listener.Start();
        var metered = AllocatedPerCall(metrics, socket);
        output.WriteLine($"metrics listener: {metered.Packet} B per packet, {metered.Event} B per event");
        Assert.Equal((0, 0), metered);
        Assert.Equal(4L * (Calls + 100) + Calls + 100, measurements); // packets and bytes both ways, and a duration per event

        // Traced, an event's span is its one cost (reported, not bounded: it is the Activity's own size).
        using var spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SocketIOTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(spans);
        var traced = AllocatedPerCall(metrics, socket);
        output.WriteLine($"metrics and spans: {traced.Packet} B per packet, {traced.Event} B per event");
        Assert.Equal(0, traced.Packet);
    }

    /// <summary>Bytes allocated per packet read and written, and per event's telemetry, on this thread (the listener's callbacks aside).</summary>
    private static (long Packet, long Event) AllocatedPerCall(SocketIOMetrics metrics, Socket socket)
    {
        List<EngineFrame> frames = [EngineFrame.Message("2[\"e\"]"u8)];
        var incoming = new IncomingEvent("e"u8.ToArray(), EventArguments.Empty, -1);
        Packets(metrics, frames, 100); // warm-up: first calls JIT and fill caches
        Events(metrics, socket, incoming, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Packets(metrics, frames, Calls);
        var packets = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        Events(metrics, socket, incoming, Calls);
        var events = GC.GetAllocatedBytesForCurrentThread() - before;
        return (packets / Calls, events / Calls);
    }

    private static void Packets(SocketIOMetrics metrics, List<EngineFrame> frames, int count)
    {
        for (var i = 0; i < count; i++)
        {
            metrics.PacketReceived(EngineIOTransports.WebSocket, 7);
            metrics.PacketsSent(EngineIOTransports.WebSocket, frames);
        }
    }

    private static void Events(SocketIOMetrics metrics, Socket socket, IncomingEvent incoming, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var telemetry = HandlerTelemetry.Start(metrics, socket, incoming);
            telemetry.LeaveCurrent();
            telemetry.Succeed();
        }
    }
}
