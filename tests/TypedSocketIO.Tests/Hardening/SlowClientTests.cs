using System.Collections.Concurrent;
using System.Text;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>Clients that stop reading, and many emitters aimed at one client.</summary>
[Collection(MemoryMeasuringCollection.Name)]
public sealed class SlowClientTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_client_that_stops_reading_is_disconnected_and_memory_stays_bounded_while_others_keep_receiving()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.EngineIO.MaxBufferedBytes = 1024 * 1024;
            // A client that stops reading stops answering pings too: keep the heartbeat out of the way.
            options.EngineIO.PingInterval = TimeSpan.FromMinutes(1);
            options.EngineIO.PingTimeout = TimeSpan.FromMinutes(1);
        });
        var reasons = new ConcurrentDictionary<string, DisconnectReason>();
        server.Server.Of("/test").OnDisconnect((socket, reason) =>
        {
            reasons[socket.Id] = reason;
            return ValueTask.CompletedTask;
        });

        // The stalled client connects and then never reads again.
        await using var stalled = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await stalled.ReceiveTextAsync();
        await stalled.SendTextAsync("40/test,");
        var stalledId = ConnectedSid(await stalled.ReceiveUntilAsync(p => p.StartsWith("40/test,")));

        // The healthy client reads everything.
        await using var healthy = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await healthy.ReceiveTextAsync();
        await healthy.SendTextAsync("40/test,");
        await healthy.ReceiveUntilAsync(p => p.StartsWith("40/test,"));
        var received = 0;
        const int Messages = 20_000;
        var healthyDone = Task.Run(async () =>
        {
            while (received < Messages && await healthy.ReceiveUntilAsync(p => p.StartsWith("42/test,[\"flood\"")) is not null)
            {
                received++;
            }
        });

        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var payload = new string('x', 10_000); // 20 000 × 10 kB = 200 MB to each client
        var ns = server.Server.Of("/test");
        long peak = 0;
        for (var i = 0; i < Messages; i++)
        {
            await ns.EmitAsync("flood", payload);
            if (i % 50 == 49)
            {
                // Emit at the pace the healthy client reads: it must get everything, on time.
                var sent = i + 1;
                await Eventually.TrueAsync(() => Volatile.Read(ref received) >= sent - 50, Wait);
            }

            if (i % 1000 == 0)
            {
                // Live memory only: the flood's garbage is not what a bounded queue must bound.
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }

        await healthyDone.WaitAsync(Wait);
        Assert.Equal(Messages, received);
        await Eventually.TrueAsync(() => reasons.ContainsKey(stalledId), Wait);
        Assert.Equal(DisconnectReason.SendBufferFull, reasons[stalledId]);
        // Had the stalled client's queue been unbounded it would hold ~200 MB by now.
        Assert.True(peak < 64 * 1024 * 1024, $"managed memory grew by {peak / 1024 / 1024} MB");
    }

    [Fact]
    public async Task Concurrent_binary_emits_to_one_socket_keep_attachments_with_their_packet_and_each_emitter_in_order()
    {
        await using var server = await TestServer.StartAsync(_ => { });
        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await client.ReceiveTextAsync();
        await client.SendTextAsync("40/test,");
        var sid = ConnectedSid(await client.ReceiveUntilAsync(p => p.StartsWith("40/test,")));
        var socket = server.Server.Of("/test").SocketsById[sid];

        const int Emitters = 8, PerEmitter = 200;
        var emitting = Enumerable.Range(0, Emitters).Select(emitter => Task.Run(async () =>
        {
            for (var sequence = 0; sequence < PerEmitter; sequence++)
            {
                var first = Encoding.ASCII.GetBytes($"{emitter}:{sequence}:a");
                var second = Encoding.ASCII.GetBytes($"{emitter}:{sequence}:b");
                await socket.EmitAsync("pair", emitter, sequence, first, second);
            }
        })).ToArray();

        var lastSequence = Enumerable.Repeat(-1, Emitters).ToArray();
        for (var received = 0; received < Emitters * PerEmitter; received++)
        {
            var header = await NextTextAsync(client);
            Assert.StartsWith("452-/test,[\"pair\",", header);
            var values = header["452-/test,[\"pair\",".Length..].Split(',');
            var (emitter, sequence) = (int.Parse(values[0]), int.Parse(values[1]));
            var a = await client.ReceiveAsync();
            var b = await client.ReceiveAsync();
            Assert.Equal($"{emitter}:{sequence}:a", Encoding.ASCII.GetString(a!.Value.Data));
            Assert.Equal($"{emitter}:{sequence}:b", Encoding.ASCII.GetString(b!.Value.Data));
            Assert.True(sequence == lastSequence[emitter] + 1, $"emitter {emitter}: {sequence} after {lastSequence[emitter]}");
            lastSequence[emitter] = sequence;
        }

        await Task.WhenAll(emitting);
    }

    private static async Task<string> NextTextAsync(RawWebSocketClient client)
    {
        while (true)
        {
            var message = await client.ReceiveAsync() ?? throw new InvalidOperationException("closed");
            Assert.False(message.IsBinary, "a binary frame arrived where a packet header was due");
            var text = Encoding.UTF8.GetString(message.Data);
            if (text == "2")
            {
                await client.SendTextAsync("3");
                continue;
            }

            return text;
        }
    }

    internal static string ConnectedSid(string? connectPacket) =>
        System.Text.Json.JsonDocument.Parse(connectPacket![connectPacket!.IndexOf('{')..]).RootElement.GetProperty("sid").GetString()!;
}
