using System.Text.Json;
using SocketIOClient.Transport;
using TypedSocketIO.Tests.Infrastructure;
using ClientSocket = SocketIOClient.SocketIO;
using ClientOptions = SocketIOClient.SocketIOOptions;

namespace TypedSocketIO.Tests.Integration;

/// <summary>The SocketIOClient NuGet package (a third-party .NET client) against TypedSocketIO, over both transports.</summary>
public sealed class DotNetClientTests(TestServer server) : IClassFixture<TestServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static TheoryData<TransportProtocol> Transports => [TransportProtocol.WebSocket, TransportProtocol.Polling];

    private ClientSocket NewClient(string ns, TransportProtocol transport, object? auth = null) =>
        new(server.BaseUrl + ns, new ClientOptions
        {
            Transport = transport,
            EIO = 4,
            Reconnection = false,
            Auth = auth!,
            ConnectionTimeout = Wait,
        });

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Connects_with_auth_and_receives_it_back(TransportProtocol transport)
    {
        using var client = NewClient("", transport, new { token = "abc" });
        var auth = new TaskCompletionSource<JsonElement>();
        client.On("auth", response => auth.TrySetResult(response.GetValue(0)));
        await client.ConnectAsync();

        var received = await auth.Task.WaitAsync(Wait);
        Assert.Equal("abc", received.GetProperty("token").GetString());
        Assert.Single(server.Server.MainNamespace.SocketsById.Values, s => s.Id == client.Id);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Gets_message_back_with_the_same_arguments_binary_included(TransportProtocol transport)
    {
        using var client = NewClient("", transport);
        var back = new TaskCompletionSource<SocketIOClient.SocketIOResponse>();
        client.On("message-back", response => back.TrySetResult(response));
        await client.ConnectAsync();

        await client.EmitAsync("message", 42, "text", new { nested = new[] { 1, 2 } }, new byte[] { 1, 2, 3 });

        var response = await back.Task.WaitAsync(Wait);
        Assert.Equal(42, response.GetValue<int>(0));
        Assert.Equal("text", response.GetValue<string>(1));
        Assert.Equal(2, response.GetValue(2).GetProperty("nested")[1].GetInt32());
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.Single(response.InComingBytes));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Receives_the_ack_of_a_handler(TransportProtocol transport)
    {
        using var client = NewClient("", transport);
        await client.ConnectAsync();
        var ack = new TaskCompletionSource<SocketIOClient.SocketIOResponse>();

        await client.EmitAsync("message-with-ack", response => ack.TrySetResult(response), "one", 2);

        var response = await ack.Task.WaitAsync(Wait);
        Assert.Equal("one", response.GetValue<string>(0));
        Assert.Equal(2, response.GetValue<int>(1));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Is_refused_by_middleware_with_the_message(TransportProtocol transport)
    {
        using var client = NewClient("/admin", transport, new { token = "wrong" });
        var error = new TaskCompletionSource<string>();
        client.OnError += (_, message) => error.TrySetResult(message);
        _ = client.ConnectAsync();

        Assert.Contains("unauthorized", await error.Task.WaitAsync(Wait));
        Assert.False(client.Connected);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Answers_a_server_emit_with_ack(TransportProtocol transport)
    {
        using var client = NewClient("/test", transport);
        client.On("question", response => response.CallbackAsync("answer to " + response.GetValue<string>(0)));
        await client.ConnectAsync();
        var ack = new TaskCompletionSource<SocketIOClient.SocketIOResponse>();

        await client.EmitAsync("ask", response => ack.TrySetResult(response), "life", 3000);

        var answer = (await ack.Task.WaitAsync(Wait)).GetValue(0);
        Assert.Equal("answer to life", answer.GetProperty("answer").GetString());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Room_messages_reach_members_and_not_others(TransportProtocol transport)
    {
        var room = "room-" + Guid.NewGuid().ToString("N");
        using var member = NewClient("/test", transport);
        using var outsider = NewClient("/test", transport);
        using var sender = NewClient("/test", transport);
        var memberGot = new TaskCompletionSource<string>();
        var outsiderGot = new TaskCompletionSource<string>();
        member.On("room-message", response => memberGot.TrySetResult(response.GetValue<string>(0)));
        outsider.On("room-message", response => outsiderGot.TrySetResult(response.GetValue<string>(0)));
        await Task.WhenAll(member.ConnectAsync(), outsider.ConnectAsync(), sender.ConnectAsync());
        var joined = new TaskCompletionSource();
        await member.EmitAsync("join", _ => joined.TrySetResult(), room);
        await joined.Task.WaitAsync(Wait);

        var sent = new TaskCompletionSource();
        await sender.EmitAsync("to-room", _ => sent.TrySetResult(), room, "hello room");
        await sent.Task.WaitAsync(Wait);

        Assert.Equal("hello room", await memberGot.Task.WaitAsync(Wait));
        // The ack came after the broadcast was queued to every target: had the outsider been
        // one, its copy would have been queued before the sender's ack.
        var probe = new TaskCompletionSource();
        await outsider.EmitAsync("count", _ => probe.TrySetResult(), room);
        await probe.Task.WaitAsync(Wait);
        Assert.False(outsiderGot.Task.IsCompleted);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Is_told_when_the_server_disconnects_it(TransportProtocol transport)
    {
        using var client = NewClient("/test", transport);
        var disconnected = new TaskCompletionSource<string>();
        client.OnDisconnected += (_, reason) => disconnected.TrySetResult(reason);
        await client.ConnectAsync();

        await client.EmitAsync("disconnect-me", false);

        Assert.Equal("io server disconnect", await disconnected.Task.WaitAsync(Wait));
    }
}
