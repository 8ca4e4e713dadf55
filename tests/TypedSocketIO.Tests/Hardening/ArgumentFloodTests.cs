using System.Text;
using System.Text.Json;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>
/// One packet with a great many arguments: the server's work grows with what the client sent, never
/// with its square, and past <see cref="SocketIOOptions.MaxArguments"/> the packet is a parse error.
/// </summary>
public sealed class ArgumentFloodTests(TestServer server) : IClassFixture<TestServer>
{
    private const int Arguments = 200_000;

    /// <summary>Relaying 200 000 arguments takes milliseconds when the work is linear, minutes when it is quadratic.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_200_000_argument_event_is_echoed_whole_when_MaxArguments_allows_it()
    {
        await using var raised = await TestServer.StartAsync(options =>
        {
            options.MaxArguments = Arguments;
            // Only the deadline judges the time: a slow relay must not end as a heartbeat timeout instead.
            options.EngineIO.PingInterval = TimeSpan.FromMinutes(1);
            options.EngineIO.PingTimeout = TimeSpan.FromMinutes(1);
        });
        await using var client = await RawWebSocketClient.ConnectAsync(raised.BaseUrl);
        await client.ReceiveTextAsync();
        await client.SendTextAsync("40");
        await client.ReceiveUntilAsync(p => p.StartsWith("40", StringComparison.Ordinal));
        var values = Values(Arguments);

        // The conformance server's "message" handler emits "message-back" with the event's arguments.
        var echo = Task.Run(async () =>
        {
            await client.SendTextAsync("42[\"message\"," + values + "]");
            return await client.ReceiveUntilAsync(p => p.StartsWith("42[\"message-back\"", StringComparison.Ordinal));
        });

        Assert.Equal("42[\"message-back\"," + values + "]", await echo.WaitAsync(Deadline));
    }

    [Fact]
    public async Task More_arguments_than_MaxArguments_close_the_connection_as_a_parse_error()
    {
        await using var offender = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        var offenderId = await ConnectTestNamespaceAsync(offender);

        var closed = Task.Run(async () =>
        {
            await offender.SendTextAsync("42/test,[\"count\"," + Values(Arguments) + "]");
            return await offender.WaitForCloseAsync();
        });

        Assert.True(await closed.WaitAsync(Deadline));
        await using var bystander = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await ConnectTestNamespaceAsync(bystander);
        await bystander.SendTextAsync($"42/test,1[\"reason-of\",\"{offenderId}\"]");
        Assert.Equal("43/test,1[\"parse error\"]", await bystander.ReceiveUntilAsync(p => p.StartsWith("43/test,1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_event_with_exactly_MaxArguments_arguments_is_accepted()
    {
        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await client.ReceiveTextAsync();
        await client.SendTextAsync("40");
        await client.ReceiveUntilAsync(p => p.StartsWith("40", StringComparison.Ordinal));
        var values = Values(new SocketIOOptions().MaxArguments);

        await client.SendTextAsync("42[\"message\"," + values + "]");

        Assert.Equal("42[\"message-back\"," + values + "]", await client.ReceiveUntilAsync(p => p.StartsWith("42[\"message-back\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_ack_with_more_values_than_MaxArguments_closes_the_connection()
    {
        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await ConnectTestNamespaceAsync(client);

        await client.SendTextAsync("43/test,1[" + Values(new SocketIOOptions().MaxArguments + 1) + "]");

        Assert.True(await client.WaitForCloseAsync().WaitAsync(Deadline));
    }

    /// <summary>The digits 0-9 over and over, comma-separated: order mistakes show.</summary>
    private static string Values(int count)
    {
        var text = new StringBuilder(count * 2);
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append((char)('0' + (i % 10)));
        }

        return text.ToString();
    }

    private static async Task<string> ConnectTestNamespaceAsync(RawWebSocketClient client)
    {
        await client.ReceiveTextAsync();
        await client.SendTextAsync("40/test,");
        var connected = await client.ReceiveUntilAsync(p => p.StartsWith("40/test,", StringComparison.Ordinal));
        return JsonDocument.Parse(connected!["40/test,".Length..]).RootElement.GetProperty("sid").GetString()!;
    }
}
