using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hosting.Options;

/// <summary>
/// The limits on what one packet or one client may make the server do, set below their defaults:
/// <see cref="SocketIOOptions.MaxJsonDepth"/>, <see cref="SocketIOOptions.MaxAttachments"/> and
/// <see cref="SocketIOOptions.MaxConcurrentHandlersPerSocket"/>.
/// </summary>
public sealed class PacketLimitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task MaxJsonDepth_4_takes_a_4_deep_event_and_closes_the_connection_on_a_5_deep_one()
    {
        await using var server = await TestServer.StartAsync(options => options.MaxJsonDepth = 4);
        var reasons = DisconnectRecorder.On(server.Server.Of("/depth").On("nest", e => e.AckAsync("taken")));
        var (client, socketId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/depth");
        await using var _ = client;

        // The event array is the first level: [ "nest", [ [ [ 1 ] ] ] ] is 4 deep.
        await client.SendTextAsync("42/depth,1[\"nest\",[[[1]]]]");
        Assert.Equal("43/depth,1[\"taken\"]", await client.ReceiveUntilAsync(p => p.StartsWith("43/", StringComparison.Ordinal)));

        await client.SendTextAsync("42/depth,2[\"nest\",[[[{\"a\":1}]]]]");

        Assert.True(await client.WaitForCloseAsync(Wait), "a 5-deep event did not close the connection");
        Assert.Equal(DisconnectReason.ParseError, await reasons.ReasonOf(socketId));
    }

    [Fact]
    public async Task MaxAttachments_2_takes_two_attachments_and_closes_the_connection_on_three()
    {
        await using var server = await TestServer.StartAsync(options => options.MaxAttachments = 2);
        var reasons = DisconnectRecorder.On(server.Server.Of("/attachments").On("take", e => e.AckAsync(e.Arguments.AttachmentCount)));
        var (client, socketId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/attachments");
        await using var _ = client;

        await client.SendTextAsync("452-/attachments,1[\"take\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await client.SendBinaryAsync([1]);
        await client.SendBinaryAsync([2]);
        Assert.Equal("43/attachments,1[2]", await client.ReceiveUntilAsync(p => p.StartsWith("43/", StringComparison.Ordinal)));

        // Refused from its header: no attachment needs to follow.
        await client.SendTextAsync("453-/attachments,2[\"take\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":2}]");

        Assert.True(await client.WaitForCloseAsync(Wait), "three attachments did not close the connection");
        Assert.Equal(DisconnectReason.ParseError, await reasons.ReasonOf(socketId));
    }

    [Fact]
    public async Task MaxConcurrentHandlersPerSocket_2_runs_at_most_two_handlers_of_a_socket_at_once()
    {
        const int Events = 20;
        await using var server = await TestServer.StartAsync(options =>
        {
            options.MaxConcurrentHandlersPerSocket = 2;
            // While both places are taken the connection reads nothing, pongs included.
            options.EngineIO.PingInterval = TimeSpan.FromMinutes(1);
            options.EngineIO.PingTimeout = TimeSpan.FromMinutes(1);
        });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var mostRunning = 0;
        var handled = 0;
        server.Server.Of("/two-at-once").On("block", async _ =>
        {
            var now = Interlocked.Increment(ref running);
            for (var seen = Volatile.Read(ref mostRunning); now > seen; seen = Volatile.Read(ref mostRunning))
            {
                Interlocked.CompareExchange(ref mostRunning, now, seen);
            }

            await gate.Task;
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref handled);
        });
        var (client, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/two-at-once");
        await using var _1 = client;

        for (var i = 0; i < Events; i++)
        {
            await client.SendTextAsync("42/two-at-once,[\"block\"]");
        }

        await Eventually.TrueAsync(() => Volatile.Read(ref running) >= 2, Wait);
        gate.SetResult();
        await Eventually.TrueAsync(() => Volatile.Read(ref handled) == Events, Wait);

        Assert.Equal(2, Volatile.Read(ref mostRunning));
    }
}
