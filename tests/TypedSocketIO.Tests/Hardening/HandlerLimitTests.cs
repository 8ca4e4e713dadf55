using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>A client cannot start more handlers at once than the per-socket limit, and the limit cannot deadlock acks.</summary>
public sealed partial class HandlerLimitTests
{
    private const int DefaultLimit = 16;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_flood_of_slow_events_runs_at_most_the_limit_at_once_and_every_event_is_handled_in_order()
    {
        const int Events = 1000;
        // While every slot is taken the connection reads nothing, pongs included.
        await using var server = await TestServer.StartWithLongHeartbeatAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new ConcurrentQueue<int>();
        var running = 0;
        var mostRunning = 0;
        var handled = 0;
        server.Server.Of("/limit-flood").On("block", async e =>
        {
            started.Enqueue(e.Arguments.Get<int>(0));
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostRunning, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref handled);
        });
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/limit-flood");

        for (var i = 0; i < Events; i++)
        {
            await client.SendTextAsync($"42/limit-flood,[\"block\",{i}]");
        }

        await Eventually.TrueAsync(() => Volatile.Read(ref running) >= DefaultLimit, Wait);
        release.SetResult();

        await Eventually.TrueAsync(() => Volatile.Read(ref handled) == Events, Wait);
        Assert.Equal(DefaultLimit, Volatile.Read(ref mostRunning));
        Assert.Equal(Enumerable.Range(0, Events), started);
    }

    [Fact]
    public async Task Handlers_that_wait_for_the_same_clients_ack_do_not_deadlock_when_the_limit_is_reached()
    {
        // Every handler asks the client a question and waits for its answer. The client sends all
        // its events first, then answers: the answers arrive behind events waiting for a place.
        const int Events = 3 * DefaultLimit;
        await using var server = await TestServer.StartWithLongHeartbeatAsync();
        server.Server.Of("/limit-ask").On("ask", async e =>
        {
            var answer = await e.Socket.EmitWithAckAsync("question", [e.Arguments.Get<int>(0)], TimeSpan.FromSeconds(60));
            await e.AckAsync(answer.Get<int>(0));
        });
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/limit-ask");

        for (var i = 0; i < Events; i++)
        {
            await client.SendTextAsync($"42/limit-ask,{i}[\"ask\",{i}]");
        }

        var answered = new HashSet<int>();
        using var deadline = new CancellationTokenSource(Wait);
        while (answered.Count < Events)
        {
            var packet = await client.ReceiveTextAsync(Wait) ?? throw new InvalidOperationException("the server closed the connection");
            deadline.Token.ThrowIfCancellationRequested();
            if (Question().Match(packet) is { Success: true } question)
            {
                var value = int.Parse(question.Groups[2].Value);
                await client.SendTextAsync($"43/limit-ask,{question.Groups[1].Value}[{value * 10}]");
            }
            else if (Answer().Match(packet) is { Success: true } answer)
            {
                var id = int.Parse(answer.Groups[1].Value);
                Assert.Equal(id * 10, int.Parse(answer.Groups[2].Value));
                answered.Add(id);
            }
            else if (packet == "2")
            {
                await client.SendTextAsync("3");
            }
        }

        Assert.Equal(Events, answered.Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }


    [GeneratedRegex("""^42/limit-ask,(\d+)\["question",(\d+)\]$""")]
    private static partial Regex Question();

    [GeneratedRegex("""^43/limit-ask,(\d+)\[(\d+)\]$""")]
    private static partial Regex Answer();
}
