using System.Diagnostics;
using System.Net;
using System.Text;

namespace TypedSocketIO.Benchmarks.Load;

/// <summary>How long and how big each scenario is.</summary>
internal sealed record Settings
{
    public double WarmupS { get; init; } = 3;
    public double DurationS { get; init; } = 10;
    public int EchoConnections { get; init; } = 100;
    public int EchoInflight { get; init; } = 8;
    public int PayloadBytes { get; init; } = 64;
    public int LatencyConnections { get; init; } = 10;
    public int BroadcastReceivers { get; init; } = 1000;
    public int BroadcastWindow { get; init; } = 8;
    public int ConnectCount { get; init; } = 5000;
    public int ConnectConcurrency { get; init; } = 50;

    /// <summary>How long the connect scenario keeps its connections idle (longer to take a heap dump of the server).</summary>
    public double ConnectHoldS { get; init; } = 2;
    public int PollingConnections { get; init; } = 50;
    public int PollingInflight { get; init; } = 8;

    public static Settings Quick => new() { WarmupS = 1, DurationS = 3, ConnectCount = 1000 };
}

/// <summary>The scenarios, each against one running server, each returning one result row.</summary>
internal sealed class Scenarios(IPEndPoint endpoint, Measure measure, Settings settings, string server)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>A JSON string of exactly <c>PayloadBytes</c> ASCII characters, quoted.</summary>
    private byte[] QuotedPayload()
    {
        var text = new StringBuilder(settings.PayloadBytes + 2).Append('"');
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (var i = 0; i < settings.PayloadBytes; i++)
        {
            text.Append(alphabet[(i * 7) % alphabet.Length]);
        }

        return Encoding.ASCII.GetBytes(text.Append('"').ToString());
    }

    private Dictionary<string, object?> Row(string scenario) => new()
    {
        ["server"] = server,
        ["scenario"] = scenario,
    };

    /// <summary>Echo with N connections × K in flight; throughput and latency percentiles.</summary>
    public async Task<Dictionary<string, object?>> EchoAsync(string scenario, int connections, int inflight)
    {
        var run = new RunState();
        var payload = QuotedPayload();
        using var stop = new CancellationTokenSource();
        var (clients, connectErrors) = await ConnectManyAsync(connections, Math.Min(connections, 32), null).ConfigureAwait(false);
        var sinks = clients.Select(client => new EchoSink(client, run, payload)).ToArray();
        var loops = new List<Task>(sinks.Length);
        foreach (var sink in sinks)
        {
            sink.Start(inflight);
            loops.Add(Task.Run(() => sink.Client.RunAsync(sink, stop.Token)));
        }

        var (before, after, windowS) = await MeasureWindowAsync(run).ConfigureAwait(false);
        await StopAsync(stop, clients, loops).ConfigureAwait(false);

        var latency = new Histogram();
        long ops = 0, errors = connectErrors;
        foreach (var sink in sinks)
        {
            latency.Add(sink.Latency);
            ops += sink.Completed;
            errors += sink.Errors;
        }

        var row = Row(scenario);
        row["connections"] = clients.Count;
        row["inflight"] = inflight;
        row["payloadBytes"] = settings.PayloadBytes;
        row["ops"] = ops;
        row["opsPerSec"] = ops / windowS;
        AddLatency(row, latency, "");
        row["errors"] = errors;
        AddFraming(row, clients);
        AddCpu(row, before, after, ops);
        return row;
    }

    /// <summary>One sender broadcasting to N receivers, at most W broadcasts not yet everywhere; deliveries/s and end-to-end latency.</summary>
    public async Task<Dictionary<string, object?>> BroadcastAsync()
    {
        var run = new RunState();
        using var stop = new CancellationTokenSource();
        var (receivers, connectErrors) = await ConnectManyAsync(settings.BroadcastReceivers, 32, null).ConfigureAwait(false);
        var state = new BroadcastState(receivers.Count);
        var sinks = receivers.Select(_ => new ReceiverSink(run, state)).ToArray();
        var loops = new List<Task>();
        for (var i = 0; i < receivers.Count; i++)
        {
            var (client, sink) = (receivers[i], sinks[i]);
            loops.Add(Task.Run(() => client.RunAsync(sink, stop.Token)));
        }

        using var connect = new CancellationTokenSource(ConnectTimeout);
        var sender = await WsClient.ConnectAsync(endpoint, connect.Token).ConfigureAwait(false);
        var senderSink = new SenderSink();
        loops.Add(Task.Run(() => sender.RunAsync(senderSink, stop.Token)));
        await Task.Delay(500).ConfigureAwait(false); // every receiver is in the namespace before the first broadcast

        long sent = 0, stalls = 0;
        var payloadPadding = Math.Max(0, settings.PayloadBytes - 31);
        var sending = Task.Run(async () =>
        {
            while (run.Phase != RunState.Stopping && !stop.IsCancellationRequested)
            {
                while (sent - Interlocked.Read(ref state.FullyDelivered) >= settings.BroadcastWindow && run.Phase != RunState.Stopping)
                {
                    if (!await state.Completed.WaitAsync(2000).ConfigureAwait(false))
                    {
                        // A broadcast that never reaches everyone must not stop the run: count it and move on.
                        stalls++;
                        Interlocked.Increment(ref state.FullyDelivered);
                    }
                }

                var seq = sent++;
                state.Delivered[seq & (BroadcastState.Ring - 1)] = 0;
                sender.AppendMessage(BroadcastFrame(seq, payloadPadding));
                await sender.FlushAsync(stop.Token).ConfigureAwait(false);
            }
        });

        var (before, after, windowS) = await MeasureWindowAsync(run).ConfigureAwait(false);
        try
        {
            await sending.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException or IOException or System.Net.Sockets.SocketException)
        {
        }

        receivers.Add(sender);
        await StopAsync(stop, receivers, loops).ConfigureAwait(false);

        var latency = new Histogram();
        long deliveries = 0, errors = connectErrors;
        foreach (var sink in sinks)
        {
            latency.Add(sink.Latency);
            deliveries += sink.Deliveries;
            errors += sink.Errors;
        }

        var row = Row("broadcast");
        row["receivers"] = state.Receivers;
        row["window"] = settings.BroadcastWindow;
        row["payloadBytes"] = settings.PayloadBytes;
        row["broadcastsSent"] = sent;
        row["acks"] = Interlocked.Read(ref senderSink.Acks);
        row["ops"] = deliveries;
        row["opsPerSec"] = deliveries / windowS;
        AddLatency(row, latency, "");
        row["stalls"] = stalls;
        row["senderGotOwnBroadcast"] = senderSink.OwnBroadcastsReceived;
        row["errors"] = errors + senderSink.OwnBroadcastsReceived;
        AddFraming(row, receivers);
        AddCpu(row, before, after, deliveries);
        return row;
    }

    private static byte[] BroadcastFrame(long seq, int padding)
    {
        // 42<seq>["broadcast","<seq:D10>:<timestamp:D19>:<padding>"]
        var text = new StringBuilder(96)
            .Append("42").Append(seq).Append("[\"broadcast\",\"")
            .Append((seq % 10_000_000_000).ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(':')
            .Append(Stopwatch.GetTimestamp().ToString("D19", System.Globalization.CultureInfo.InvariantCulture)).Append(':')
            .Append('x', padding).Append("\"]");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// Opens N connections (Engine.IO open and Socket.IO CONNECT answered) in two halves, keeps
    /// them idle, and measures the server's memory after a full collection before, between and
    /// after the halves. Two figures per connection come out: the whole growth over N (which also
    /// holds one-time costs: code compiled and threads started during the burst) and the growth
    /// of the second half alone (what one more idle connection costs).
    /// </summary>
    public async Task<Dictionary<string, object?>> ConnectAsync()
    {
        // Warm the server's connection path, then take its idle memory after a full collection.
        var (warm, _) = await ConnectManyAsync(50, 10, null).ConfigureAwait(false);
        foreach (var client in warm)
        {
            client.Dispose();
        }

        await Task.Delay(1000).ConfigureAwait(false);
        var heapBefore = await measure.CollectServerGarbageAsync().ConfigureAwait(false);
        await Task.Delay(500).ConfigureAwait(false);
        var rssBefore = measure.ServerRssBytes();

        using var stop = new CancellationTokenSource();
        var handshakes = new Histogram();
        var firstHalf = settings.ConnectCount / 2;

        var before = await measure.TakeAsync().ConfigureAwait(false);
        var (clients, errors) = await ConnectManyAsync(firstHalf, settings.ConnectConcurrency, handshakes).ConfigureAwait(false);
        var afterFirst = await measure.TakeAsync().ConfigureAwait(false);
        var loops = clients.Select(client => Task.Run(() => client.RunAsync(IdleSink.Instance, stop.Token))).ToList();

        await Task.Delay(1000).ConfigureAwait(false);
        var heapHalf = await measure.CollectServerGarbageAsync().ConfigureAwait(false);
        await Task.Delay(1000).ConfigureAwait(false);
        var rssHalf = measure.ServerRssBytes();
        var connectedFirst = clients.Count;

        var beforeSecond = await measure.TakeAsync().ConfigureAwait(false);
        var (more, moreErrors) = await ConnectManyAsync(settings.ConnectCount - firstHalf, settings.ConnectConcurrency, handshakes).ConfigureAwait(false);
        var afterSecond = await measure.TakeAsync().ConfigureAwait(false);
        loops.AddRange(more.Select(client => Task.Run(() => client.RunAsync(IdleSink.Instance, stop.Token))));
        clients.AddRange(more);
        errors += moreErrors;

        await Task.Delay(TimeSpan.FromSeconds(settings.ConnectHoldS)).ConfigureAwait(false);
        var heapAfter = await measure.CollectServerGarbageAsync().ConfigureAwait(false);
        await Task.Delay(1000).ConfigureAwait(false);
        var rssAfter = measure.ServerRssBytes();
        await StopAsync(stop, clients, loops).ConfigureAwait(false);

        // The two connecting windows, without the collection and the wait between them.
        var after = afterFirst.Plus(beforeSecond, afterSecond);
        var seconds = before.WallS(after);
        var secondHalf = clients.Count - connectedFirst;
        var row = Row("connect");
        row["connections"] = clients.Count;
        row["concurrency"] = settings.ConnectConcurrency;
        row["ops"] = clients.Count;
        row["opsPerSec"] = clients.Count / seconds;
        AddLatency(row, handshakes, "");
        row["rssBeforeBytes"] = rssBefore;
        row["rssHalfBytes"] = rssHalf;
        row["rssAfterBytes"] = rssAfter;
        row["idleBytesPerConnection"] = clients.Count == 0 ? 0 : (rssAfter - rssBefore) / (double)clients.Count;
        row["idleMarginalBytesPerConnection"] = secondHalf == 0 ? 0 : (rssAfter - rssHalf) / (double)secondHalf;
        row["heapBeforeBytes"] = heapBefore;
        row["heapHalfBytes"] = heapHalf;
        row["heapAfterBytes"] = heapAfter;
        row["idleHeapBytesPerConnection"] = heapBefore is { } h0 && heapAfter is { } h2 && clients.Count > 0 ? (h2 - h0) / (double)clients.Count : null;
        row["idleMarginalHeapBytesPerConnection"] = heapHalf is { } h1 && heapAfter is { } h2b && secondHalf > 0 ? (h2b - h1) / (double)secondHalf : null;
        row["errors"] = errors;
        AddCpu(row, before, after, clients.Count);
        return row;
    }

    /// <summary>
    /// The connection rate of a warm server: more bursts of N connections opened the same way,
    /// each closed before the next, in a process that has already opened (and closed) N. Bursts
    /// keep getting faster for a while (both processes are still compiling hot code and growing
    /// their thread pools), so the first three only warm up; the row is the median of the last
    /// three. Every burst's rate is kept in the row. Run after "connect".
    /// </summary>
    public async Task<Dictionary<string, object?>> ConnectWarmAsync()
    {
        const int WarmUpBursts = 3, MeasuredBursts = 3;
        var bursts = new List<(double Rate, Dictionary<string, object?> Row)>();
        for (var burst = 0; burst < WarmUpBursts + MeasuredBursts; burst++)
        {
            using var stop = new CancellationTokenSource();
            var handshakes = new Histogram();
            var before = await measure.TakeAsync().ConfigureAwait(false);
            var (clients, errors) = await ConnectManyAsync(settings.ConnectCount, settings.ConnectConcurrency, handshakes).ConfigureAwait(false);
            var after = await measure.TakeAsync().ConfigureAwait(false);
            var loops = clients.Select(client => Task.Run(() => client.RunAsync(IdleSink.Instance, stop.Token))).ToList();
            await StopAsync(stop, clients, loops).ConfigureAwait(false);

            var row = Row("connect-warm");
            var rate = clients.Count / before.WallS(after);
            row["connections"] = clients.Count;
            row["concurrency"] = settings.ConnectConcurrency;
            row["ops"] = clients.Count;
            row["opsPerSec"] = rate;
            AddLatency(row, handshakes, "");
            row["errors"] = errors;
            AddCpu(row, before, after, clients.Count);
            bursts.Add((rate, row));
        }

        var median = bursts.Skip(WarmUpBursts).OrderBy(b => b.Rate).ElementAt(MeasuredBursts / 2).Row;
        median["burstRates"] = bursts.Select(b => Math.Round(b.Rate)).ToArray(); // in the order they ran
        return median;
    }

    /// <summary>Echo over HTTP long-polling: N sessions × K in flight.</summary>
    public async Task<Dictionary<string, object?>> PollingEchoAsync()
    {
        var run = new RunState();
        var payload = QuotedPayload();
        using var stop = new CancellationTokenSource();
        var sessions = new List<PollingSession>();
        long errors = 0;
        for (var i = 0; i < settings.PollingConnections; i++)
        {
            try
            {
                using var connect = new CancellationTokenSource(ConnectTimeout);
                sessions.Add(await PollingSession.ConnectAsync(endpoint, run, payload, connect.Token).ConfigureAwait(false));
            }
            catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                errors++;
                if (errors == 1)
                {
                    Console.Error.WriteLine($"[{server}] polling connect failed: {exception.Message}");
                }
            }
        }

        var loops = sessions.Select(session => Task.Run(() => session.RunAsync(settings.PollingInflight, stop.Token))).ToList();
        var (before, after, windowS) = await MeasureWindowAsync(run).ConfigureAwait(false);
        stop.Cancel();
        foreach (var session in sessions)
        {
            session.Dispose();
        }

        try
        {
            await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine($"warning: {loops.Count(loop => !loop.IsCompleted)} polling sessions did not stop within 10 s (poll loops {sessions.Count(s => s.PollTask?.IsCompleted == false)}, post loops {sessions.Count(s => s.PostTask?.IsCompleted == false)})");
        }

        var latency = new Histogram();
        long ops = 0, requests = 0;
        foreach (var session in sessions)
        {
            latency.Add(session.Latency);
            ops += session.Completed;
            errors += session.Errors;
            requests += session.Requests;
        }

        var row = Row("polling");
        row["connections"] = sessions.Count;
        row["inflight"] = settings.PollingInflight;
        row["payloadBytes"] = settings.PayloadBytes;
        row["ops"] = ops;
        row["opsPerSec"] = ops / windowS;
        AddLatency(row, latency, "");
        row["httpRequests"] = requests;
        row["errors"] = errors;
        AddCpu(row, before, after, ops);
        return row;
    }

    /// <summary>Warm-up, then the measured window; returns the snapshots around it and its exact length.</summary>
    private async Task<(Snapshot Before, Snapshot After, double WindowS)> MeasureWindowAsync(RunState run)
    {
        await Task.Delay(TimeSpan.FromSeconds(settings.WarmupS)).ConfigureAwait(false);
        var before = await measure.TakeAsync().ConfigureAwait(false);
        var start = Stopwatch.GetTimestamp();
        run.Phase = RunState.Measuring;
        await Task.Delay(TimeSpan.FromSeconds(settings.DurationS)).ConfigureAwait(false);
        run.Phase = RunState.Stopping;
        var end = Stopwatch.GetTimestamp();
        var after = await measure.TakeAsync().ConfigureAwait(false);
        return (before, after, (end - start) / (double)Stopwatch.Frequency);
    }

    private async Task<(List<WsClient> Clients, long Errors)> ConnectManyAsync(int count, int concurrency, Histogram? handshakes)
    {
        var clients = new WsClient?[count];
        var next = -1;
        long errors = 0;
        var workers = Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var timeout = new CancellationTokenSource(ConnectTimeout);
                    clients[index] = await WsClient.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
                    if (handshakes is not null)
                    {
                        var elapsed = RunState.ElapsedNanos(started, Stopwatch.GetTimestamp());
                        lock (handshakes)
                        {
                            handshakes.Record(elapsed);
                        }
                    }
                }
                catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                    {
                        Console.Error.WriteLine($"[{server}] connect failed: {exception.Message}");
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return (clients.Where(client => client is not null).Select(client => client!).ToList(), errors);
    }

    private static async Task StopAsync(CancellationTokenSource stop, List<WsClient> clients, List<Task> loops)
    {
        stop.Cancel();
        foreach (var client in clients)
        {
            client.Dispose();
        }

        try
        {
            await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine($"warning: {loops.Count(loop => !loop.IsCompleted)} connection loops did not stop within 10 s");
        }

        await Task.Delay(300).ConfigureAwait(false); // let the server notice the closes before the next scenario
    }

    private static void AddLatency(Dictionary<string, object?> row, Histogram latency, string prefix)
    {
        row[prefix + "samples"] = latency.Count;
        row[prefix + "p50Us"] = latency.Percentile(50) / 1000.0;
        row[prefix + "p99Us"] = latency.Percentile(99) / 1000.0;
        row[prefix + "p999Us"] = latency.Percentile(99.9) / 1000.0;
        row[prefix + "maxUs"] = latency.Max / 1000.0;
    }

    private static void AddFraming(Dictionary<string, object?> row, List<WsClient> clients)
    {
        long frames = 0, receives = 0, sends = 0, framesSent = 0;
        foreach (var client in clients)
        {
            frames += client.FramesReceived;
            receives += client.ReceiveCalls;
            sends += client.SendCalls;
            framesSent += client.FramesSent;
        }

        row["generatorFramesPerReceive"] = receives == 0 ? 0 : frames / (double)receives;
        row["generatorFramesPerSend"] = sends == 0 ? 0 : framesSent / (double)sends;
    }

    private void AddCpu(Dictionary<string, object?> row, Snapshot before, Snapshot after, long ops)
    {
        var wall = before.WallS(after);
        var serverCpu = after.ServerCpuS - before.ServerCpuS;
        var generatorCpu = after.GeneratorCpuS - before.GeneratorCpuS;
        var machine = after.MachineBusyS - before.MachineBusyS;
        row["cpuWallS"] = wall;
        row["serverCpuPct"] = 100 * serverCpu / wall;
        row["generatorCpuPct"] = 100 * generatorCpu / wall;
        row["otherCpuPct"] = 100 * Math.Max(0, machine - serverCpu - generatorCpu) / wall;
        row["generatorCpuShare"] = serverCpu + generatorCpu == 0 ? 0 : generatorCpu / (serverCpu + generatorCpu);
        row["serverCpuUsPerOp"] = ops == 0 ? null : 1e6 * serverCpu / ops;
        row["serverAllocBytesPerOp"] = before.ServerAllocatedBytes is { } a && after.ServerAllocatedBytes is { } b && ops > 0
            ? (b - a) / (double)ops
            : null;
    }
}
