using Microsoft.Extensions.Logging;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>
/// A client cannot flood the server's log: messages its input causes are let through ten per kind
/// per ten seconds, then one line says how many were left out. The server's clock stands still
/// unless the test moves it.
/// </summary>
public sealed class LogFloodTests
{
    private const int BadArguments = 211;
    private const int Suppressed = 111;

    [Fact]
    public async Task Ten_thousand_events_with_bad_arguments_log_ten_warnings_then_one_line_with_the_rest()
    {
        var clock = new ManualClock();
        var logs = new CapturingLoggerProvider();
        await using var server = await TestServer.StartAsync(options =>
        {
            options.EngineIO.TimeProvider = clock;
            options.EngineIO.PingInterval = TimeSpan.FromSeconds(30); // no heartbeat to answer while flooding
        }, logs);
        await using var client = await ConnectTypedAsync(server.BaseUrl);

        for (var i = 0; i < 10_000; i++)
        {
            await client.SendTextAsync("42/typed,[\"add\",\"one\",\"two\"]");
        }

        await AddAsync(client); // answered after the flood: every bad event has been dispatched

        Assert.Equal(10, logs.Logs.Count(log => log.EventId.Id == BadArguments));
        Assert.DoesNotContain(logs.Logs, log => log.EventId.Id == Suppressed);

        clock.Advance(TimeSpan.FromSeconds(10));

        var summary = Assert.Single(logs.Logs, log => log.EventId.Id == Suppressed);
        Assert.Equal(LogLevel.Warning, summary.Level);
        Assert.Equal("TypedSocketIO", summary.Category);
        Assert.Equal("Suppressed 9990 more BadArguments messages (event 211) in the last 10 s.", summary.Message);

        // The next interval lets the first ten through again.
        await client.SendTextAsync("42/typed,[\"add\",\"one\",\"two\"]");
        await AddAsync(client);
        Assert.Equal(11, logs.Logs.Count(log => log.EventId.Id == BadArguments));
    }

    [Fact]
    public async Task Each_kind_of_message_has_its_own_allowance()
    {
        var clock = new ManualClock();
        var logs = new CapturingLoggerProvider();
        await using var server = await TestServer.StartAsync(options =>
        {
            options.EngineIO.TimeProvider = clock;
            options.EngineIO.PingInterval = TimeSpan.FromSeconds(30);
        }, logs);
        await using var client = await ConnectTypedAsync(server.BaseUrl);
        for (var i = 0; i < 50; i++)
        {
            await client.SendTextAsync("42/typed,[\"add\",\"one\",\"two\"]");
        }

        await AddAsync(client);

        // Sessions closed for protocol violations (an event for a namespace never joined), one each.
        for (var i = 0; i < 30; i++)
        {
            await using var violator = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
            await violator.ReceiveTextAsync();
            await violator.SendTextAsync("42/nowhere,[\"x\"]");
            Assert.True(await violator.WaitForCloseAsync());
        }

        Assert.Equal(10, logs.Logs.Count(log => log.EventId.Id == BadArguments));
        Assert.Equal(10, logs.Logs.Count(log => log.EventId.Id == 206));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(
            ["Suppressed 20 more ProtocolViolation messages (event 206) in the last 10 s.", "Suppressed 40 more BadArguments messages (event 211) in the last 10 s."],
            logs.Logs.Where(log => log.EventId.Id == Suppressed).Select(log => log.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Under_concurrent_callers_exactly_ten_get_through_and_the_report_counts_every_other_one()
    {
        var clock = new ManualClock();
        var logs = new CapturingLoggerProvider();
        var logger = new RateLimitedLogger(logs.CreateLogger("test"), [BadArguments], clock);

        Parallel.For(0, 40_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            logger.Log(LogLevel.Warning, new EventId(BadArguments, "BadArguments"), i, null, static (state, _) => $"bad {state}"));

        Assert.Equal(10, logs.Logs.Count);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("Suppressed 39990 more BadArguments messages (event 211) in the last 10 s.", logs.Logs.Last().Message);
    }

    [Fact]
    public void An_interval_that_left_nothing_out_ends_without_a_report()
    {
        var clock = new ManualClock();
        var logs = new CapturingLoggerProvider();
        var logger = new RateLimitedLogger(logs.CreateLogger("test"), [BadArguments], clock);
        void LogTen()
        {
            for (var i = 0; i < 10; i++)
            {
                logger.Log(LogLevel.Warning, new EventId(BadArguments), i, null, static (state, _) => $"bad {state}");
            }
        }

        LogTen();
        clock.Advance(TimeSpan.FromSeconds(10));
        LogTen();

        Assert.Equal(20, logs.Logs.Count);
        Assert.DoesNotContain(logs.Logs, log => log.EventId.Id == Suppressed);
    }

    [Fact]
    public void Messages_a_client_cannot_cause_are_never_held_back()
    {
        var logs = new CapturingLoggerProvider();
        var logger = new RateLimitedLogger(logs.CreateLogger("test"), [BadArguments], new ManualClock());

        for (var i = 0; i < 1000; i++)
        {
            logger.Log(LogLevel.Debug, new EventId(100, "SessionOpened"), i, null, static (state, _) => $"opened {state}");
        }

        Assert.Equal(1000, logs.Logs.Count);
    }

    private static async Task<RawWebSocketClient> ConnectTypedAsync(string baseUrl)
    {
        var client = await RawWebSocketClient.ConnectAsync(baseUrl);
        await client.ReceiveTextAsync();
        await client.SendTextAsync("40/typed,{\"key\":\"typed\"}");
        Assert.NotNull(await client.ReceiveUntilAsync(packet => packet.StartsWith("40/typed,", StringComparison.Ordinal)));
        return client;
    }

    private static async Task AddAsync(RawWebSocketClient client)
    {
        await client.SendTextAsync("42/typed,1[\"add\",1,2]");
        Assert.Equal("43/typed,1[3]", await client.ReceiveUntilAsync(packet => packet.StartsWith("43/typed,", StringComparison.Ordinal)));
    }
}
