using System.Diagnostics;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>
/// The raw clients' waits against a server that pings every 300 ms and never sends what is
/// waited for: a wait that restarted its timeout on every frame would never end.
/// </summary>
public sealed class RawClientDeadlineTests(TestServer server) : IClassFixture<TestServer>
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(50); // the deadline reads a coarser clock than the stopwatch

    [Fact]
    public async Task Waiting_for_a_close_that_never_comes_fails_by_its_deadline_while_pings_keep_arriving()
    {
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl); // in a namespace: nothing but the client ends it
        var clock = Stopwatch.StartNew();

        var closed = await client.WaitForCloseAsync(Short);

        Assert.False(closed);
        Assert.InRange(clock.Elapsed, Short - ClockSlack, Bound); // pings came all along (every 300 ms), and did not extend it
    }

    [Fact]
    public async Task Waiting_for_a_message_that_never_comes_throws_by_its_deadline_while_pings_keep_arriving()
    {
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl); // in a namespace: nothing but the client ends it
        var pings = 0;
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReceiveUntilAsync(text =>
        {
            pings += text == "2" ? 1 : 0;
            return false;
        }, Short));

        Assert.InRange(clock.Elapsed, Short - ClockSlack, Bound);
        Assert.True(pings >= 2, $"{pings} pings arrived during the wait: the server was not idle");
    }

    [Fact]
    public async Task Polling_for_a_packet_that_never_comes_fails_by_its_deadline_while_pings_keep_arriving()
    {
        using var client = new RawPollingClient(server.BaseUrl);
        await client.HandshakeAsync();
        await client.PostAsync("40/test,"); // in a namespace: the connect timeout does not close it
        await client.PollUntilAsync(p => p.StartsWith("40/test,"));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PollUntilAsync(_ => false, Short));

        Assert.InRange(clock.Elapsed, Short - ClockSlack, Bound);
    }
}
