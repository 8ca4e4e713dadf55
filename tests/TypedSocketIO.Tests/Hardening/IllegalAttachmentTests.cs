using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>
/// Binary packets whose placeholders do not match their attachments, sent to a handler that relays
/// its arguments to a room (the chat pattern): the sender is closed as a parse error, and the room,
/// whose clients' parsers would choke on such a packet, receives nothing of it.
/// </summary>
public sealed class IllegalAttachmentTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("451-[\"relay\",{\"_placeholder\":true,\"num\":1}]", 1)] // past the last attachment
    [InlineData("451-[\"relay\",{\"_placeholder\":true,\"num\":\"0\"}]", 1)] // not a number
    [InlineData("452-[\"relay\",{\"_placeholder\":true,\"num\":0},[{\"_placeholder\":true,\"num\":0}]]", 2)] // named twice
    [InlineData("452-[\"relay\",{\"_placeholder\":true,\"num\":1}]", 2)] // attachment 0 never named
    public async Task A_binary_packet_with_illegal_placeholders_closes_its_sender_and_never_reaches_the_room(string packet, int attachments)
    {
        await using var server = await MinimalServer.StartAsync();
        var reasons = new ConcurrentDictionary<string, DisconnectReason>();
        server.SocketIO.MainNamespace
            .On("join", async e =>
            {
                await e.Socket.JoinAsync("room");
                await e.AckAsync("joined");
            })
            .On("relay", e => e.Socket.To("room").EmitAsync("relayed", e.Arguments))
            .OnDisconnect((socket, reason) =>
            {
                reasons[socket.Id] = reason;
                return ValueTask.CompletedTask;
            });

        await using var receiver = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        var receiverId = await ConnectAsync(receiver);
        await receiver.SendTextAsync("421[\"join\"]");
        Assert.Equal("431[\"joined\"]", await receiver.ReceiveUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal)));

        await using var offender = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        var offenderId = await ConnectAsync(offender);
        await offender.SendTextAsync(packet);
        for (var i = 0; i < attachments && offender.Socket.State == WebSocketState.Open; i++)
        {
            await TrySendBinaryAsync(offender, [0xBA, 0xD0, (byte)i]);
        }

        Assert.True(await offender.WaitForCloseAsync().WaitAsync(Deadline));
        await Eventually.TrueAsync(() => reasons.ContainsKey(offenderId), Deadline);
        Assert.Equal(DisconnectReason.ParseError, reasons[offenderId]);

        // A legal relay, placeholders nested and out of order: it must be the first thing the room sees.
        await using var sender = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await ConnectAsync(sender);
        await sender.SendTextAsync("452-" + LegalArguments("relay"));
        await sender.SendBinaryAsync([1, 1]);
        await sender.SendBinaryAsync([2, 2]);

        var received = await ReceiveMessagesAsync(receiver, 3).WaitAsync(Deadline);
        Assert.Equal("452-" + LegalArguments("relayed"), Encoding.UTF8.GetString(received[0].Data));
        Assert.Equal([(byte)1, 1], received[1].Data);
        Assert.Equal([(byte)2, 2], received[2].Data);
        Assert.True(server.SocketIO.MainNamespace.SocketsById.ContainsKey(receiverId));
        Assert.False(reasons.ContainsKey(receiverId));
    }

    private static string LegalArguments(string eventName) =>
        "[\"" + eventName + "\",{\"b\":{\"_placeholder\":true,\"num\":1}},[{\"_placeholder\":true,\"num\":0}]]";

    /// <summary>Connects to the main namespace; returns the socket id.</summary>
    private static async Task<string> ConnectAsync(RawWebSocketClient client)
    {
        await client.ReceiveTextAsync();
        await client.SendTextAsync("40");
        var connected = await client.ReceiveUntilAsync(p => p.StartsWith("40", StringComparison.Ordinal));
        return JsonDocument.Parse(connected![2..]).RootElement.GetProperty("sid").GetString()!;
    }

    /// <summary>The next <paramref name="count"/> messages other than pings (which it answers), text or binary.</summary>
    private static async Task<List<(byte[] Data, bool IsBinary)>> ReceiveMessagesAsync(RawWebSocketClient client, int count)
    {
        var messages = new List<(byte[] Data, bool IsBinary)>();
        while (messages.Count < count)
        {
            var message = await client.ReceiveAsync() ?? throw new InvalidOperationException("the server closed the receiver");
            if (!message.IsBinary && message.Data is [(byte)'2'])
            {
                await client.SendTextAsync("3");
                continue;
            }

            messages.Add(message);
        }

        return messages;
    }

    /// <summary>Sends an attachment unless the server has already closed the socket (as it should).</summary>
    private static async Task TrySendBinaryAsync(RawWebSocketClient client, byte[] data)
    {
        try
        {
            await client.SendBinaryAsync(data);
        }
        catch (WebSocketException)
        {
        }
    }
}
