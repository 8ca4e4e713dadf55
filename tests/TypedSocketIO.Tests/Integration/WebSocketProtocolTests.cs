using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using TypedSocketIO.Tests.Infrastructure;
using static TypedSocketIO.Tests.Infrastructure.RawWebSocketFrames;

namespace TypedSocketIO.Tests.Integration;

/// <summary>
/// RFC 6455 end to end over a raw TCP socket: the HTTP/1.1 upgrade written by hand, masked
/// frames built here, the server's frames parsed here. /engine.io/ echoes each message.
/// </summary>
public sealed class WebSocketProtocolTests(TestServer server) : IClassFixture<TestServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Upgrade_is_answered_with_101_and_the_accept_key_of_the_client_key()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.ConnectAsync(server.BaseUrl, timeout.Token);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

        var head = await socket.RequestAsync("/engine.io/?EIO=4&transport=websocket", key, "13", timeout.Token);

        Assert.StartsWith("HTTP/1.1 101 ", head.StatusLine, StringComparison.Ordinal);
        Assert.Equal(ExpectedAccept(key), head.Header("Sec-WebSocket-Accept"));
        Assert.Equal("websocket", head.Header("Upgrade"), StringComparer.OrdinalIgnoreCase);
        Assert.Contains("upgrade", head.Header("Connection") ?? "", StringComparison.OrdinalIgnoreCase);
        var open = await socket.ReadFrameAsync(timeout.Token);
        Assert.NotNull(open);
        Assert.Equal(Text, open.Value.Header.Opcode);
        Assert.StartsWith("0{", Encoding.UTF8.GetString(open.Value.Payload), StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, string?> RefusedHandshakes() => new()
    {
        { "no key", null, "13" },
        { "no version", Convert.ToBase64String(new byte[16]), null },
        { "a key of 15 bytes", Convert.ToBase64String(new byte[15]), "13" },
        { "a key of 17 bytes (24 characters)", Convert.ToBase64String(new byte[17]), "13" },
        { "a key that is not base64", "!!!!!!!!!!!!!!!!!!!!!!==", "13" },
    };

    [Theory]
    [MemberData(nameof(RefusedHandshakes))]
    public async Task Upgrade_is_refused_with_400_when_the_handshake_is_invalid(string why, string? key, string? version)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.ConnectAsync(server.BaseUrl, timeout.Token);

        var head = await socket.RequestAsync("/engine.io/?EIO=4&transport=websocket", key, version, timeout.Token);

        Assert.True(head.StatusLine.StartsWith("HTTP/1.1 400 ", StringComparison.Ordinal), $"{why}: {head.StatusLine}");
    }

    [Theory]
    [InlineData("/engine.io/?EIO=4&transport=websocket", "8")]
    [InlineData("/engine.io/?EIO=4&transport=websocket", "14")]
    [InlineData("/socket.io/?EIO=4&transport=websocket", "7, 8")]
    public async Task Upgrade_with_another_version_is_refused_with_426_and_the_version_to_use(string target, string version)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.ConnectAsync(server.BaseUrl, timeout.Token);

        var head = await socket.RequestAsync(target, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), version, timeout.Token);

        Assert.StartsWith("HTTP/1.1 426 ", head.StatusLine, StringComparison.Ordinal);
        Assert.Equal("13", head.Header("Sec-WebSocket-Version"));
        Assert.Equal("websocket", head.Header("Upgrade"));
    }

    [Fact]
    public async Task An_upgrade_of_a_polling_session_with_another_version_is_refused_with_426_and_the_session_goes_on()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var http = new HttpClient();
        var open = await http.GetStringAsync(server.BaseUrl + "/engine.io/?EIO=4&transport=polling", timeout.Token);
        var sid = System.Text.Json.JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString();
        await using var socket = await RawWebSocket.ConnectAsync(server.BaseUrl, timeout.Token);

        var head = await socket.RequestAsync($"/engine.io/?EIO=4&transport=websocket&sid={sid}", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), "8", timeout.Token);

        Assert.StartsWith("HTTP/1.1 426 ", head.StatusLine, StringComparison.Ordinal);
        Assert.Equal("13", head.Header("Sec-WebSocket-Version"));
        var posted = await http.PostAsync($"{server.BaseUrl}/engine.io/?EIO=4&transport=polling&sid={sid}", new StringContent("4still here"), timeout.Token);
        Assert.Equal("ok", await posted.Content.ReadAsStringAsync(timeout.Token));
    }

    [Fact]
    public async Task A_fragmented_message_with_a_ping_between_fragments_is_one_message_and_the_ping_gets_its_pong()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/engine.io/", timeout.Token);

        await socket.SendAsync(Masked(Text, "4hel"u8, fin: false), timeout.Token);
        await socket.SendAsync(Masked(Ping, "hi"u8), timeout.Token);
        await socket.SendAsync(Masked(Continuation, "lo wor"u8, fin: false), timeout.Token);
        await socket.SendAsync(Masked(Continuation, "ld"u8), timeout.Token);

        byte[]? pong = null;
        string? echo = null;
        while (pong is null || echo is null)
        {
            var frame = await socket.ReadEngineFrameAsync(timeout.Token);
            Assert.NotNull(frame);
            switch (frame.Value.Header.Opcode)
            {
                case Pong:
                    Assert.Null(pong);
                    pong = frame.Value.Payload;
                    break;
                case Text:
                    Assert.Null(echo);
                    echo = Encoding.UTF8.GetString(frame.Value.Payload);
                    break;
                default:
                    Assert.Fail($"unexpected frame {frame.Value.Header}");
                    break;
            }
        }

        Assert.Equal("hi"u8.ToArray(), pong);
        Assert.Equal("4hello world", echo);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(125)]
    public async Task A_ping_on_its_own_is_answered_with_a_pong_carrying_its_payload(int length)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/engine.io/", timeout.Token);
        var payload = RandomNumberGenerator.GetBytes(length);

        await socket.SendAsync(Masked(Ping, payload), timeout.Token);

        var pong = await socket.ReadEngineFrameAsync(timeout.Token);
        Assert.NotNull(pong);
        Assert.Equal(Pong, pong.Value.Header.Opcode);
        Assert.Equal(payload, pong.Value.Payload);
    }

    [Fact]
    public async Task A_client_close_frame_is_answered_with_a_close_frame_of_status_1000_then_the_connection_ends()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/engine.io/", timeout.Token);

        await socket.SendAsync(Masked(Close, CloseStatus(1000)), timeout.Token);

        Assert.Equal(1000, await socket.ReadCloseStatusAsync(timeout.Token));
        Assert.Null(await socket.ReadFrameAsync(timeout.Token)); // the server closed the TCP connection: a read gives 0
    }

    public static TheoryData<string, byte[]> ProtocolErrors() => new()
    {
        { "an unmasked frame", Frame(Text, "4hi"u8, mask: null) },
        { "RSV1 set", Frame(Text, "4hi"u8, [1, 2, 3, 4], rsv: 4) },
        { "RSV3 set", Frame(Binary, "4hi"u8, [1, 2, 3, 4], rsv: 1) },
        { "a reserved opcode", Frame(0x3, "4hi"u8, [1, 2, 3, 4]) },
        { "a fragmented ping", Masked(Ping, "hi"u8, fin: false) },
        { "a ping of 126 bytes", Masked(Ping, new byte[126]) },
        { "a continuation with no message started", Masked(Continuation, "4hi"u8) },
        { "a text frame in the middle of a fragmented message", [.. Masked(Text, "4h"u8, fin: false), .. Masked(Text, "4hi"u8)] },
        { "a close frame with a 1-byte payload", Masked(Close, [3]) },
        { "a close frame with code 999", Masked(Close, CloseStatus(999)) },
        { "a close frame with code 1004 (reserved)", Masked(Close, CloseStatus(1004)) },
        { "a close frame with code 1005 (no status: never sent)", Masked(Close, CloseStatus(1005)) },
        { "a close frame with code 1006 (abnormal closure: never sent)", Masked(Close, CloseStatus(1006)) },
        { "a close frame with code 1015 (TLS failure: never sent)", Masked(Close, CloseStatus(1015)) },
        { "a close frame with code 2999 (unassigned)", Masked(Close, [.. CloseStatus(2999), .. "why"u8]) },
        { "a close frame with code 5000", Masked(Close, CloseStatus(5000)) },
    };

    [Theory]
    [MemberData(nameof(ProtocolErrors))]
    public async Task A_protocol_error_closes_the_connection_with_status_1002(string why, byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/engine.io/", timeout.Token);

        await socket.SendAsync(bytes, timeout.Token);

        Assert.True(await socket.ReadCloseStatusAsync(timeout.Token) == 1002, $"{why}: not closed with 1002");
        await socket.WaitForEndAsync(timeout.Token);
    }

    [Theory]
    [InlineData("a truncated two-byte sequence", new byte[] { (byte)'4', 0xC3, 0x28 })]
    [InlineData("a lone continuation byte", new byte[] { (byte)'4', 0x80 })]
    [InlineData("an encoded surrogate", new byte[] { (byte)'4', 0xED, 0xA0, 0x80 })]
    public async Task A_text_message_that_is_not_UTF8_closes_the_connection_with_status_1007(string why, byte[] payload)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/engine.io/", timeout.Token);

        await socket.SendAsync(Masked(Text, payload), timeout.Token);

        Assert.True(await socket.ReadCloseStatusAsync(timeout.Token) == 1007, $"{why}: not closed with 1007");
        await socket.WaitForEndAsync(timeout.Token);
    }

    [Fact]
    public async Task A_close_frame_whose_reason_is_not_UTF8_closes_the_connection_with_status_1002()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/engine.io/", timeout.Token);

        await socket.SendAsync(Masked(Close, [.. CloseStatus(1000), 0xC3, 0x28]), timeout.Token);

        Assert.Equal(1002, await socket.ReadCloseStatusAsync(timeout.Token));
        await socket.WaitForEndAsync(timeout.Token);
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(3000)]
    [InlineData(4999)]
    public async Task A_close_frame_with_a_code_a_client_may_send_and_a_UTF8_reason_is_answered_with_1000(ushort status)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/engine.io/", timeout.Token);

        await socket.SendAsync(Masked(Close, [.. CloseStatus(status), .. "au revoir, \u00e9t\u00e9"u8]), timeout.Token);

        Assert.Equal(1000, await socket.ReadCloseStatusAsync(timeout.Token));
        await socket.WaitForEndAsync(timeout.Token);
    }

    [Fact]
    public async Task A_binary_message_is_not_read_as_UTF8()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/engine.io/", timeout.Token);

        await socket.SendAsync(Masked(Binary, [0xC3, 0x28, 0xFF]), timeout.Token);

        var echo = await socket.ReadEngineFrameAsync(timeout.Token);
        Assert.NotNull(echo);
        Assert.Equal(Binary, echo.Value.Header.Opcode);
        Assert.Equal([0xC3, 0x28, 0xFF], echo.Value.Payload);
    }

    [Fact]
    public async Task A_message_larger_than_MaxPayload_closes_the_connection_with_status_1009_in_one_frame_or_in_fragments()
    {
        await using var small = await TestServer.StartAsync(options =>
        {
            options.EngineIO.MaxPayload = 1000;
            options.EngineIO.PingInterval = TimeSpan.FromSeconds(30); // no heartbeat while the test runs
        });
        using var timeout = new CancellationTokenSource(Timeout);
        var tooLarge = new byte[1001];
        tooLarge.AsSpan().Fill((byte)'a');
        tooLarge[0] = (byte)'4';

        await using (var socket = await RawWebSocket.OpenEngineIOAsync(small.BaseUrl, "/socket.io/", timeout.Token))
        {
            await socket.SendAsync(Masked(Text, tooLarge), timeout.Token);

            Assert.Equal(1009, await socket.ReadCloseStatusAsync(timeout.Token));
            await socket.WaitForEndAsync(timeout.Token);
        }

        await using (var socket = await RawWebSocket.OpenEngineIOAsync(small.BaseUrl, "/socket.io/", timeout.Token))
        {
            await socket.SendAsync(Masked(Text, tooLarge.AsSpan(0, 600), fin: false), timeout.Token);
            await socket.SendAsync(Masked(Continuation, tooLarge.AsSpan(600)), timeout.Token);

            Assert.Equal(1009, await socket.ReadCloseStatusAsync(timeout.Token));
            await socket.WaitForEndAsync(timeout.Token);
        }
    }

    [Fact]
    public async Task A_continuation_whose_64_bit_length_overflows_the_message_length_closes_the_connection_with_status_1009()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/engine.io/", timeout.Token);

        await socket.SendAsync([.. Masked(Text, "4hello"u8, fin: false), .. Header(true, Continuation, long.MaxValue - 3, [1, 2, 3, 4])], timeout.Token);

        Assert.Equal(1009, await socket.ReadCloseStatusAsync(timeout.Token));
        await socket.WaitForEndAsync(timeout.Token);
    }

    [Fact]
    public async Task A_ping_while_a_polling_session_upgrades_gets_its_pong_and_the_upgrade_goes_on()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var http = new HttpClient();
        var open = await http.GetStringAsync(server.BaseUrl + "/engine.io/?EIO=4&transport=polling", timeout.Token);
        var sid = System.Text.Json.JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString();
        await using var socket = await RawWebSocket.ConnectAsync(server.BaseUrl, timeout.Token);
        var head = await socket.RequestAsync($"/engine.io/?EIO=4&transport=websocket&sid={sid}", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), "13", timeout.Token);
        Assert.StartsWith("HTTP/1.1 101 ", head.StatusLine, StringComparison.Ordinal);

        await socket.SendAsync(Masked(Ping, "mid-upgrade"u8), timeout.Token);
        var pong = await socket.ReadFrameAsync(timeout.Token);
        await socket.SendAsync(Masked(Text, "2probe"u8), timeout.Token);
        var probe = await socket.ReadFrameAsync(timeout.Token);
        await socket.SendAsync([.. Masked(Text, "5"u8), .. Masked(Text, "4after the upgrade"u8)], timeout.Token);
        var echo = await socket.ReadEngineFrameAsync(timeout.Token);

        Assert.Equal(Pong, pong!.Value.Header.Opcode);
        Assert.Equal("mid-upgrade", Encoding.UTF8.GetString(pong.Value.Payload));
        Assert.Equal("3probe", Encoding.UTF8.GetString(probe!.Value.Payload));
        Assert.Equal("4after the upgrade", Encoding.UTF8.GetString(echo!.Value.Payload));
    }

    [Fact]
    public async Task A_200_KB_text_message_written_in_small_pieces_is_echoed_intact()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/engine.io/", timeout.Token);
        var text = "4" + string.Concat(Enumerable.Range(0, 200_000 / 10).Select(i => $"{i % 100000:D5}abcde"));
        var frame = Frame(Text, Encoding.UTF8.GetBytes(text), RandomNumberGenerator.GetBytes(4));

        await socket.SendInPiecesAsync(frame, 997, timeout.Token);

        var echo = await socket.ReadEngineFrameAsync(timeout.Token);
        Assert.NotNull(echo);
        Assert.Equal(Text, echo.Value.Header.Opcode);
        Assert.Equal(10, echo.Value.Header.HeaderLength); // a 64-bit length
        Assert.True(text == Encoding.UTF8.GetString(echo.Value.Payload), "the echo differs from the message");
    }

    [Fact]
    public async Task A_100_KB_binary_message_in_three_fragments_written_in_small_pieces_is_echoed_intact()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/engine.io/", timeout.Token);
        var data = RandomNumberGenerator.GetBytes(100_000);
        byte[] frames =
        [
            .. Frame(Binary, data.AsSpan(0, 70_000), RandomNumberGenerator.GetBytes(4), fin: false),
            .. Frame(Continuation, data.AsSpan(70_000, 100), RandomNumberGenerator.GetBytes(4), fin: false),
            .. Frame(Continuation, data.AsSpan(70_100), RandomNumberGenerator.GetBytes(4)),
        ];

        await socket.SendInPiecesAsync(frames, 1013, timeout.Token);

        var echo = await socket.ReadEngineFrameAsync(timeout.Token);
        Assert.NotNull(echo);
        Assert.Equal(Binary, echo.Value.Header.Opcode);
        Assert.True(data.AsSpan().SequenceEqual(echo.Value.Payload), "the echo differs from the message");
    }

    private static string ExpectedAccept(string key) => RawWebSocket.ExpectedAccept(key);
}
