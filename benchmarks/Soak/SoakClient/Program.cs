using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace TypedSocketIO.Benchmarks.Soak;

/// <summary>
/// The soak client: ramps up N connections, runs mixed traffic on each for a bounded time,
/// prints progress (connections, messages, errors, server and client RSS), then verifies and
/// summarises. Exit code 0 only if nothing failed.
/// </summary>
internal static class Program
{
    public static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static async Task<int> Main(string[] args)
    {
        SoakOptions options;
        try
        {
            options = SoakOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(SoakOptions.Usage);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(SoakOptions.Usage);
            return 0;
        }

        var run = new SoakRun(options);
        return await run.RunAsync().ConfigureAwait(false);
    }
}

/// <summary>One soak run, from ramp-up to summary.</summary>
internal sealed class SoakRun(SoakOptions options)
{
    private readonly SoakConnection?[] _live = new SoakConnection?[options.Connections];
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new() { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(10) };
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.Zero,
    });

    private long _serverPeakRss;
    private long _clientPeakRss;
    private readonly List<string> _timeline = [];

    private static double Now => Program.Clock.Elapsed.TotalSeconds;

    public async Task<int> RunAsync()
    {
        var wsUri = new UriBuilder(options.Url) { Scheme = options.Url.Scheme == "https" ? "wss" : "ws", Path = "/socket.io/", Query = "EIO=4&transport=websocket" }.Uri;
        Console.WriteLine($"soak: {options.Connections} connections, ramp {options.RampPerSecond}/s, {options.Seconds} s of traffic after the ramp, " +
            $"batches of 1..{options.BatchMax} events every ~{options.IntervalMs} ms per connection (~{options.Connections * (1 + options.BatchMax) / 2.0 * 1000 / options.IntervalMs:F0} events/s in all), home rooms of {options.RoomSize}, " +
            $"{options.ChurnRooms} churn rooms, {options.ReconnectFraction:P0} of connections reconnecting every {options.LifetimeMinSeconds}-{options.LifetimeMaxSeconds} s; " +
            $"server {wsUri} (pid {(options.ServerPid > 0 ? options.ServerPid.ToString(CultureInfo.InvariantCulture) : "unknown")})");

        if (await ServerStatsAsync().ConfigureAwait(false) is null)
        {
            Console.Error.WriteLine($"soak: the server does not answer at {options.Url}soak/stats");
            return 2;
        }

        var serverRssIdleAtStart = ProcMemory.Read(options.ServerPid);
        var serverCpuAtStart = ProcMemory.CpuSeconds(options.ServerPid);
        var reporter = ReportLoopAsync();
        var slots = new Task[options.Connections];

        // Ramp: start slot i at i / rate seconds.
        var rampStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < options.Connections; i++)
        {
            var due = rampStart + (long)(i * (double)Stopwatch.Frequency / options.RampPerSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait).ConfigureAwait(false);
            }

            var slot = i;
            slots[i] = Task.Run(() => RunSlotAsync(slot, wsUri));
        }

        // The ramp ends when every slot has connected once (or given up), at most 30 s after the last start.
        var rampDeadline = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        while (Volatile.Read(ref _firstConnectsSettled) < options.Connections && Stopwatch.GetTimestamp() < rampDeadline)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        var rampSeconds = Stopwatch.GetElapsedTime(rampStart).TotalSeconds;
        Mark($"ramp done: {Volatile.Read(ref Stats.Connected)} connected after {rampSeconds:F1} s");

        await Task.Delay(TimeSpan.FromSeconds(options.Seconds)).ConfigureAwait(false);
        Mark("traffic stops: every connection finishes its last batch");
        await _stop.CancelAsync().ConfigureAwait(false);
        var trafficSeconds = Stopwatch.GetElapsedTime(rampStart).TotalSeconds;

        var stopBound = TimeSpan.FromSeconds(options.AckTimeoutSeconds + 20);
        await Task.WhenAll(slots).WaitAsync(stopBound).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (slots.Any(s => !s.IsCompleted))
        {
            var stuck = slots.Count(s => !s.IsCompleted);
            Interlocked.Add(ref Stats.StuckAtStop, stuck);
            Stats.Sample("stuck", $"{stuck} connection(s) still busy {stopBound.TotalSeconds} s after the stop");
        }

        foreach (var faulted in slots.Where(s => s.IsFaulted))
        {
            Interlocked.Increment(ref Stats.ProtocolErrors);
            Stats.Sample("crash", "slot crashed: " + faulted.Exception?.GetBaseException());
        }

        // Let the last broadcasts land: wait until nothing has arrived for 1 s (at most 15 s).
        var quietSince = Stopwatch.GetTimestamp();
        var lastSaid = Volatile.Read(ref Stats.SaidReceived);
        var quietDeadline = Stopwatch.GetTimestamp() + 15 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < quietDeadline && Stopwatch.GetElapsedTime(quietSince) < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(200).ConfigureAwait(false);
            var said = Volatile.Read(ref Stats.SaidReceived);
            if (said != lastSaid)
            {
                lastSaid = said;
                quietSince = Stopwatch.GetTimestamp();
            }
        }

        var live = _live.Where(c => c is not null && c.Failure is null).Cast<SoakConnection>().ToList();
        var endPairs = EndCheck(live);
        var serverBeforeClose = await ServerStatsAsync().ConfigureAwait(false);
        var serverRssLoaded = ProcMemory.Read(options.ServerPid);
        var serverCpu = ProcMemory.CpuSeconds(options.ServerPid) - serverCpuAtStart;
        var clientCpu = ProcMemory.CpuSeconds(Environment.ProcessId);

        // What the connected sockets really hold: a full collection on the server with all of them still open.
        var serverLoadedGc = await ServerStatsAsync("soak/gc").ConfigureAwait(false);
        await Task.Delay(300).ConfigureAwait(false);
        var serverRssLoadedGc = ProcMemory.Read(options.ServerPid);
        Mark($"end check done over {live.Count} live connections ({endPairs} sender/member pairs); closing them");

        // Close everything, half gracefully (41 + WebSocket close), half abruptly, and see that the server lets go.
        var closeStart = Stopwatch.GetTimestamp();
        await Task.WhenAll(live.Select((c, i) => c.CloseAsync(graceful: i % 2 == 0))).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        JsonElement? serverAfterClose = null;
        var drainDeadline = Stopwatch.GetTimestamp() + 20 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < drainDeadline)
        {
            serverAfterClose = await ServerStatsAsync().ConfigureAwait(false);
            if (serverAfterClose is { } s && s.GetProperty("sessions").GetInt64() == 0 && s.GetProperty("sockets").GetInt64() == 0)
            {
                break;
            }

            await Task.Delay(250).ConfigureAwait(false);
        }

        Mark($"all closed; the server saw it after {Stopwatch.GetElapsedTime(closeStart).TotalSeconds:F1} s");
        var serverRssIdle = ProcMemory.Read(options.ServerPid);
        var serverAfterGc = await ServerStatsAsync("soak/gc").ConfigureAwait(false);
        await Task.Delay(500).ConfigureAwait(false);
        var serverRssAfterGc = ProcMemory.Read(options.ServerPid);
        _stop.Cancel();
        await _reportStop.CancelAsync().ConfigureAwait(false);
        await reporter.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        return Summarise(new Figures(rampSeconds, serverBeforeClose, serverLoadedGc, serverAfterClose, serverAfterGc, serverRssIdleAtStart, serverRssLoaded, serverRssLoadedGc, serverRssIdle, serverRssAfterGc, serverCpu, clientCpu, trafficSeconds));
    }

    private int _firstConnectsSettled;
    private readonly CancellationTokenSource _reportStop = new();

    /// <summary>One slot: a connection, replaced on purpose (reconnecting slots) or after a failure, until the stop.</summary>
    private async Task RunSlotAsync(int slot, Uri wsUri)
    {
        var random = new Random(HashCode.Combine(options.Seed, slot));
        var homeRoom = "home-" + (slot / options.RoomSize).ToString(CultureInfo.InvariantCulture);
        var reconnecting = random.NextDouble() < options.ReconnectFraction;
        var settled = false;
        var failuresInARow = 0;
        var first = true;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var connection = new SoakConnection(slot, homeRoom, options, random);
                if (!await connection.ConnectAsync(wsUri, _invoker, _stop.Token).ConfigureAwait(false))
                {
                    if (_stop.IsCancellationRequested)
                    {
                        return;
                    }

                    if (++failuresInARow >= 3)
                    {
                        Interlocked.Increment(ref Stats.SlotsGivenUp);
                        Stats.Sample("gave up", $"slot {slot} gave up after 3 failed connects");
                        return;
                    }

                    await Task.Delay(500 * failuresInARow, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                }

                failuresInARow = 0;
                if (!first)
                {
                    Interlocked.Increment(ref Stats.Reconnects);
                }

                first = false;
                if (!settled)
                {
                    settled = true;
                    Interlocked.Increment(ref _firstConnectsSettled);
                }

                _live[slot] = connection;
                var until = reconnecting
                    ? Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * (options.LifetimeMinSeconds + (random.NextDouble() * (options.LifetimeMaxSeconds - options.LifetimeMinSeconds))))
                    : long.MaxValue;
                var healthy = await connection.RunTrafficAsync(until, _stop.Token).ConfigureAwait(false);
                if (!healthy)
                {
                    // Counted where it failed; the slot goes on with a new connection.
                    _live[slot] = null;
                    await connection.CloseAsync(graceful: false).ConfigureAwait(false);
                    continue;
                }

                if (_stop.IsCancellationRequested)
                {
                    return; // stays open for the end check
                }

                // A reconnecting slot's lifetime is over: leave (gracefully or not) and come back as someone new.
                _live[slot] = null;
                await connection.CloseAsync(graceful: random.NextDouble() < 0.5).ConfigureAwait(false);
            }
        }
        finally
        {
            if (!settled)
            {
                Interlocked.Increment(ref _firstConnectsSettled);
            }
        }
    }

    /// <summary>
    /// For every pair of live connections in one home room: every say the sender had acked
    /// after the member's own join was acknowledged must have reached the member, and nothing
    /// beyond the sender's last acked say. Returns the number of pairs checked.
    /// </summary>
    private static long EndCheck(List<SoakConnection> live)
    {
        long pairs = 0;
        foreach (var room in live.GroupBy(c => c.HomeRoom))
        {
            var members = room.Where(c => c.HomeJoinedTicks != 0).ToList();
            foreach (var sender in members)
            {
                var sent = sender.HomeSaySentTicks;
                var acked = sender.HomeSayAcked;
                foreach (var member in members)
                {
                    if (ReferenceEquals(member, sender))
                    {
                        continue;
                    }

                    pairs++;

                    // The first of the sender's says sent after the member was in the room.
                    var firstDue = sent.FindIndex(t => t > member.HomeJoinedTicks) + 1;
                    var seen = member.HomeStreamOf(sender.Sid);
                    if (seen is { } s && s.Last > acked)
                    {
                        Interlocked.Add(ref Stats.EndPhantom, s.Last - acked);
                        Stats.Sample("end phantom", $"{member.Sid} saw #{s.Last} from {sender.Sid}, which acked up to #{acked}");
                    }

                    if (firstDue == 0 || firstDue > acked)
                    {
                        continue; // nothing was owed
                    }

                    long missing;
                    if (seen is not { } stream)
                    {
                        missing = acked - firstDue + 1;
                    }
                    else
                    {
                        missing = Math.Max(0, stream.First - firstDue) + Math.Max(0, acked - stream.Last);
                    }

                    if (missing > 0)
                    {
                        Interlocked.Add(ref Stats.EndMissing, missing);
                        Stats.Sample("end missing", $"{member.Sid} misses {missing} of {sender.Sid}'s says in {room.Key} (owed #{firstDue}..#{acked}, saw {(seen is { } x ? $"#{x.First}..#{x.Last}" : "none")})");
                    }
                }
            }
        }

        return pairs;
    }

    private async Task ReportLoopAsync()
    {
        var next = Stopwatch.GetTimestamp();
        var reportEvery = (long)(options.ReportSeconds * Stopwatch.Frequency);
        long lastAcked = 0, lastSaid = 0;
        var lastTime = Stopwatch.GetTimestamp();
        Console.WriteLine("  time   connected  reconn      sent     acked  acks/s   said-rcvd  said/s  max-ack  errors  verify   srv sockets   server RSS   client RSS");
        while (!_reportStop.IsCancellationRequested)
        {
            // Sample RSS every second for the peaks, print every ReportSeconds.
            SampleRss();
            if (Stopwatch.GetTimestamp() >= next)
            {
                next += reportEvery;
                var now = Stopwatch.GetTimestamp();
                var seconds = Math.Max(0.001, Stopwatch.GetElapsedTime(lastTime, now).TotalSeconds);
                var acked = Volatile.Read(ref Stats.Acked);
                var said = Volatile.Read(ref Stats.SaidReceived);
                var server = await ServerStatsAsync().ConfigureAwait(false);
                var sockets = server?.GetProperty("sockets").GetInt64().ToString(CultureInfo.InvariantCulture) ?? "?";
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{Now,6:F1}s {Volatile.Read(ref Stats.Connected),10} {Volatile.Read(ref Stats.Reconnects),7} {Volatile.Read(ref Stats.Sent),9} {acked,9} {(acked - lastAcked) / seconds,7:F0} {said,11} {(said - lastSaid) / seconds,7:F0} {Stats.AckLatency.TakeIntervalMaxMs(),6:F0}ms {Stats.Errors,7} {Stats.VerificationFailures,7} {sockets,13} {ProcMemory.Mb(ProcMemory.Read(options.ServerPid)),12} {ProcMemory.Mb(ProcMemory.Read(Environment.ProcessId)),12}");
                Console.WriteLine(line);
                lastAcked = acked;
                lastSaid = said;
                lastTime = now;
            }

            await Task.Delay(1000, _reportStop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void SampleRss()
    {
        var server = ProcMemory.Read(options.ServerPid);
        var client = ProcMemory.Read(Environment.ProcessId);
        if (server > _serverPeakRss)
        {
            _serverPeakRss = server;
        }

        if (client > _clientPeakRss)
        {
            _clientPeakRss = client;
        }
    }

    private async Task<JsonElement?> ServerStatsAsync(string path = "soak/stats")
    {
        try
        {
            var text = await _http.GetStringAsync(path).ConfigureAwait(false);
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    private void Mark(string what)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"[{Now,6:F1}s] {what}");
        _timeline.Add(line);
        Console.WriteLine(line);
    }

    private sealed record Figures(double RampSeconds, JsonElement? BeforeClose, JsonElement? LoadedGc, JsonElement? AfterClose, JsonElement? AfterGc,
        long ServerRssAtStart, long ServerRssLoaded, long ServerRssLoadedGc, long ServerRssIdle, long ServerRssAfterGc, double ServerCpu, double ClientCpu, double TrafficSeconds);

    private int Summarise(Figures f)
    {
        var (rampSeconds, beforeClose, afterClose, afterGc) = (f.RampSeconds, f.BeforeClose, f.AfterClose, f.AfterGc);
        SampleRss();
        var hwm = ProcMemory.Read(options.ServerPid, "VmHWM");
        var serverPeak = Math.Max(_serverPeakRss, hwm);
        var n = options.Connections;
        string Stat(JsonElement? e, string name) => e is { } x && x.TryGetProperty(name, out var p) ? p.ToString() : "?";

        // What the server still holds once every client has gone: sessions, sockets, rooms must be 0.
        long leaked = 0;
        foreach (var name in new[] { "sessions", "sockets", "rooms" })
        {
            if (afterClose is not { } a || a.GetProperty(name).GetInt64() != 0)
            {
                leaked++;
                Stats.Sample("leftover", $"server still holds {name} = {Stat(afterClose, name)} after every client closed");
            }
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("==================== soak summary ====================");
        Console.WriteLine(string.Create(inv, $"duration         {Now:F1} s (ramp {rampSeconds:F1} s, traffic {options.Seconds} s after the ramp)"));
        Console.WriteLine(string.Create(inv, $"connections      {n} slots; {Stats.Connects} connects, {Stats.Reconnects} reconnects ({Stats.GracefulCloses} graceful / {Stats.AbruptCloses} abrupt closes)"));
        Console.WriteLine(string.Create(inv, $"events sent      {Stats.Sent} (echo {Stats.Echoes}, say {Stats.Says}, join {Stats.Joins}, leave {Stats.Leaves}); acked {Stats.Acked}"));
        Console.WriteLine(string.Create(inv, $"said received    {Stats.SaidReceived}; pings answered {Stats.PingsAnswered}"));
        Console.WriteLine(string.Create(inv, $"ack latency      p50 {Stats.AckLatency.QuantileMs(0.50):F2} ms, p99 {Stats.AckLatency.QuantileMs(0.99):F2} ms, p99.9 {Stats.AckLatency.QuantileMs(0.999):F2} ms, max {Stats.AckLatency.MaxMs:F1} ms"));
        var live = beforeClose is { } b ? b.GetProperty("sockets").GetInt64() : n;
        Console.WriteLine(string.Create(inv, $"server RSS       idle before {ProcMemory.Mb(f.ServerRssAtStart)}; peak {ProcMemory.Mb(serverPeak)} (VmHWM {ProcMemory.Mb(hwm)}); at end of traffic {ProcMemory.Mb(f.ServerRssLoaded)} with {live} sockets"));
        Console.WriteLine(string.Create(inv, $"                 per connection: {(f.ServerRssLoaded - f.ServerRssAtStart) / 1024.0 / Math.Max(1, live):F1} KB (end-of-traffic RSS - idle RSS) / sockets; peak/connections {serverPeak / 1024.0 / Math.Max(1, n):F1} KB"));
        Console.WriteLine(string.Create(inv, $"                 after a full GC with the {live} sockets still open {ProcMemory.Mb(f.ServerRssLoadedGc)}; after all closed {ProcMemory.Mb(f.ServerRssIdle)}; after a full GC then {ProcMemory.Mb(f.ServerRssAfterGc)}"));
        Console.WriteLine(string.Create(inv, $"CPU              server {f.ServerCpu:F1} s, client {f.ClientCpu:F1} s over {f.TrafficSeconds:F1} s of ramp + traffic ({f.ServerCpu / Math.Max(0.001, f.TrafficSeconds) * 100:F0} % and {f.ClientCpu / Math.Max(0.001, f.TrafficSeconds) * 100:F0} % of one core)"));
        long Bytes(JsonElement? e, string name) => e is { } x && x.TryGetProperty(name, out var p) ? p.GetInt64() : 0;
        var liveHeap = Bytes(f.LoadedGc, "heapBytes") - Bytes(afterGc, "heapBytes");
        Console.WriteLine(string.Create(inv, $"server heap      at end of traffic {ProcMemory.Mb(Bytes(beforeClose, "heapBytes"))}; after a full GC with the sockets open {ProcMemory.Mb(Bytes(f.LoadedGc, "heapBytes"))} (POH {ProcMemory.Mb(Bytes(f.LoadedGc, "pohBytes"))}, LOH {ProcMemory.Mb(Bytes(f.LoadedGc, "lohBytes"))}); after all closed + GC {ProcMemory.Mb(Bytes(afterGc, "heapBytes"))} (POH {ProcMemory.Mb(Bytes(afterGc, "pohBytes"))})"));
        Console.WriteLine(string.Create(inv, $"                 live managed heap per socket {liveHeap / 1024.0 / Math.Max(1, live):F1} KB (heap after GC with sockets open - heap after GC once closed) / sockets"));
        Console.WriteLine(string.Create(inv, $"GC               server: {(Stat(afterGc, "serverGC") == "True" || Stat(afterGc, "serverGC") == "true" ? "Server GC" : "Workstation GC")}, gen2 collections {Stat(afterGc, "gen2")} (2 of them forced by the soak), pauses {Stat(f.LoadedGc, "gcPauseMs")} ms in all (the forced one included); client: gen2 {GC.CollectionCount(2)}, pauses {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms in all"));
        Console.WriteLine($"server counts    before close: sessions {Stat(beforeClose, "sessions")}, sockets {Stat(beforeClose, "sockets")}, rooms {Stat(beforeClose, "rooms")}; " +
            $"after close: sessions {Stat(afterClose, "sessions")}, sockets {Stat(afterClose, "sockets")}, rooms {Stat(afterClose, "rooms")}");
        Console.WriteLine($"server handled   connects {Stat(afterGc, "connects")}, disconnects {Stat(afterGc, "disconnects")} {Stat(afterGc, "reasons")}, echo {Stat(afterGc, "echoes")}, say {Stat(afterGc, "says")}, join {Stat(afterGc, "joins")}, leave {Stat(afterGc, "leaves")}");
        Console.WriteLine(string.Create(inv, $"client RSS       peak {ProcMemory.Mb(_clientPeakRss)}"));
        Console.WriteLine();
        Console.WriteLine("errors");
        Row("connect failures", Stats.ConnectFailures);
        Row("unexpected closes", Stats.UnexpectedCloses);
        Row("ack timeouts", Stats.AckTimeouts);
        Row("send failures", Stats.SendFailures);
        Row("protocol errors", Stats.ProtocolErrors);
        Row("slots given up", Stats.SlotsGivenUp);
        Row("stuck at stop", Stats.StuckAtStop);
        Row("server leftovers", leaked);
        Console.WriteLine("verification (acked messages exactly once, in order)");
        Row("acks missing", Stats.AckMissing);
        Row("acks duplicated/unknown", Stats.AckUnknown);
        Row("acks out of order", Stats.AckOutOfOrder);
        Row("acks with a wrong seq", Stats.AckWrongValue);
        Row("join/leave room count wrong", Stats.RoomCountMismatch);
        Row("own said missing before ack", Stats.OwnSaidMissing);
        Row("said duplicated/out of order", Stats.SaidDuplicate);
        Row("said gaps (missing seqs)", Stats.SaidGap);
        Row("said for a room not joined", Stats.SaidUnexpected);
        Row("end check: says missing", Stats.EndMissing);
        Row("end check: says never acked", Stats.EndPhantom);
        Row("sent - acked - missing", Stats.AcksUnaccounted);
        if (Stats.ErrorSamples.Any())
        {
            Console.WriteLine("first problems");
            foreach (var sample in Stats.ErrorSamples)
            {
                Console.WriteLine("  " + sample);
            }
        }

        var failed = Stats.Errors + leaked + Stats.VerificationFailures + Math.Abs(Stats.AcksUnaccounted) > 0;
        Console.WriteLine(failed ? "RESULT: FAILED" : "RESULT: PASSED (every acked message arrived exactly once and in order)");
        return failed ? 1 : 0;

        static void Row(string name, long value) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-32} {value,10}{(value == 0 ? "" : "   <-- FAILED")}"));
    }
}

/// <summary>The command line.</summary>
internal sealed class SoakOptions
{
    public const string Usage = """
        SoakClient [options]
          --url URL                 server base address (default http://127.0.0.1:5310/)
          --server-pid PID          the server's process id, for its RSS (/proc/PID/status)
          --connections N           concurrent connections (default 500)
          --seconds S               traffic time after the ramp (default 20)
          --ramp R                  new connections per second during the ramp (default 500)
          --rate R                  events per second over all connections, once ramped (default 2000);
                                    sets each connection's mean pause between batches
          --interval-ms MS          that pause, directly (instead of --rate)
          --batch N                 most events per batch, sent back to back (default 4)
          --room-size N             connections per home room (default 10)
          --churn-rooms N           rooms joined and left at random (default 200)
          --reconnect-fraction F    share of connections that leave and come back (default 0.1)
          --lifetime MIN-MAX        seconds a reconnecting connection lives (default 5-15)
          --ack-timeout S           an ack not back within S seconds is missing (default 30)
          --report S                progress line every S seconds (default 5)
          --seed N                  random seed (default 1)
        """;

    public Uri Url { get; private set; } = new("http://127.0.0.1:5310/");

    public int ServerPid { get; private set; }

    public int Connections { get; private set; } = 500;

    public int Seconds { get; private set; } = 20;

    public int RampPerSecond { get; private set; } = 500;

    public int IntervalMs { get; private set; }

    public int Rate { get; private set; } = 2000;

    public int BatchMax { get; private set; } = 4;

    public int RoomSize { get; private set; } = 10;

    public int ChurnRooms { get; private set; } = 200;

    public double ReconnectFraction { get; private set; } = 0.1;

    public double LifetimeMinSeconds { get; private set; } = 5;

    public double LifetimeMaxSeconds { get; private set; } = 15;

    public int AckTimeoutSeconds { get; private set; } = 30;

    public double ReportSeconds { get; private set; } = 5;

    public int Seed { get; private set; } = 1;

    public bool Help { get; private set; }

    public static SoakOptions Parse(string[] args)
    {
        var o = new SoakOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"{args[i - 1]}: a positive integer");
            double Real() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw new ArgumentException($"{args[i - 1]}: a number");
            switch (args[i])
            {
                case "--url":
                    var url = Value();
                    o.Url = new Uri(url.EndsWith('/') ? url : url + "/");
                    break;
                case "--server-pid": o.ServerPid = Int(); break;
                case "--connections": o.Connections = Int(); break;
                case "--seconds": o.Seconds = Int(); break;
                case "--ramp": o.RampPerSecond = Int(); break;
                case "--interval-ms": o.IntervalMs = Int(); break;
                case "--rate": o.Rate = Int(); break;
                case "--batch": o.BatchMax = Int(); break;
                case "--room-size": o.RoomSize = Int(); break;
                case "--churn-rooms": o.ChurnRooms = Int(); break;
                case "--reconnect-fraction": o.ReconnectFraction = Math.Min(1, Real()); break;
                case "--lifetime":
                    var parts = Value().Split('-');
                    if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var min)
                        || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var max) || min <= 0 || max < min)
                    {
                        throw new ArgumentException("--lifetime: MIN-MAX seconds, e.g. 5-15");
                    }

                    o.LifetimeMinSeconds = min;
                    o.LifetimeMaxSeconds = max;
                    break;
                case "--ack-timeout": o.AckTimeoutSeconds = Int(); break;
                case "--report": o.ReportSeconds = Math.Max(1, Real()); break;
                case "--seed": o.Seed = Int(); break;
                case "-h" or "--help": o.Help = true; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (o.IntervalMs == 0)
        {
            // A batch holds (1 + BatchMax) / 2 events on average.
            var meanBatch = (1 + o.BatchMax) / 2.0;
            o.IntervalMs = (int)Math.Max(1, Math.Round(1000.0 * o.Connections * meanBatch / o.Rate));
        }

        return o;
    }
}
