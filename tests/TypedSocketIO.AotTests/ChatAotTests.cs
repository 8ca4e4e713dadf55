using System.Net;
using System.Text.RegularExpressions;
using TypedSocketIO.AotTests.Infrastructure;
using Xunit.Abstractions;

namespace TypedSocketIO.AotTests;

/// <summary>
/// The Chat sample compiled with NativeAOT, as a user would run it: the native binary, the npm
/// socket.io-client (tests/js/aot) over each transport, the page in a real browser.
/// </summary>
[Collection(PublishedChatCollection.Name)]
public sealed partial class ChatAotTests(PublishedChat chat, ITestOutputHelper output)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public void Publish_gives_a_native_binary_without_trim_or_aot_warnings()
    {
        output.WriteLine(chat.PublishTime is { } time
            ? $"published in {time.TotalSeconds:F0} s"
            : $"an existing publish: {chat.PublishDirectory}");
        output.WriteLine($"{chat.BinaryPath}: {new FileInfo(chat.BinaryPath).Length:N0} bytes");

        var header = new byte[4];
        using (var binary = File.OpenRead(chat.BinaryPath))
        {
            binary.ReadExactly(header);
        }

        Assert.Equal("\x7F" + "ELF", string.Concat(header.Select(b => (char)b)));
        Assert.False(File.Exists(Path.Combine(chat.PublishDirectory, "Chat.dll")), "a NativeAOT publish has no Chat.dll");

        var warnings = chat.PublishLog.Split('\n').Where(line => line.Contains("warning", StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
        foreach (var warning in warnings)
        {
            output.WriteLine(warning);
        }

        Assert.DoesNotMatch(TrimOrAotDiagnostic(), chat.PublishLog);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public Task Refuses_a_client_without_a_nickname(string transport) =>
        RunAsync("aot/chat-refused.mjs", chat.BaseUrl, transport);

    [Theory]
    [MemberData(nameof(Transports))]
    public Task Room_members_get_the_message_and_the_sender_its_sequence_number(string transport) =>
        RunAsync("aot/chat-message.mjs", chat.BaseUrl, transport);

    [Theory]
    [MemberData(nameof(Transports))]
    public Task Typing_indicator_reaches_the_others_in_the_room_only(string transport) =>
        RunAsync("aot/chat-typing.mjs", chat.BaseUrl, transport);

    [Theory]
    [MemberData(nameof(Transports))]
    public Task Room_members_see_who_joins_and_leaves(string transport) =>
        RunAsync("aot/chat-presence.mjs", chat.BaseUrl, transport);

    [Theory]
    [MemberData(nameof(Transports))]
    public Task Room_list_follows_who_enters_and_leaves_and_only_members_post(string transport) =>
        RunAsync("aot/chat-rooms.mjs", chat.BaseUrl, transport);

    [Fact]
    public async Task Serves_the_page_and_the_npm_client_script()
    {
        using var http = new HttpClient { BaseAddress = new Uri(chat.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };

        using var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>TypedSocketIO Chat</title>", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"lib/socket.io.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"chat.js\"></script>", html, StringComparison.Ordinal);

        using var client = await http.GetAsync("/lib/socket.io.min.js");
        Assert.Equal(HttpStatusCode.OK, client.StatusCode);
        Assert.Equal("text/javascript", client.Content.Headers.ContentType?.MediaType);
        var served = await client.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("/*!\n * Socket.IO v", System.Text.Encoding.UTF8.GetString(served, 0, Math.Min(64, served.Length)), StringComparison.Ordinal);
        var npm = Path.Combine(RepositoryPaths.ChatSample, "node_modules", "socket.io-client", "dist", "socket.io.min.js");
        // The build runs npm ci when the package is missing, so its file is always there to compare with.
        Assert.True(File.Exists(npm), $"{npm} is missing: the build of samples/Chat runs `npm ci`");
        var expected = await File.ReadAllBytesAsync(npm);
        Assert.True(served.SequenceEqual(expected), "/lib/socket.io.min.js is the npm package's file");

        foreach (var (path, type) in new[] { ("/chat.js", "text/javascript"), ("/chat.css", "text/css") })
        {
            using var asset = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(type, asset.Content.Headers.ContentType?.MediaType);
        }

        using var missing = await http.GetAsync("/no-such-file.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_page_connects_and_chats_in_headless_Chromium()
    {
        await using var chromium = await HeadlessChromium.StartAsync();
        output.WriteLine($"chromium PID {chromium.Pid}, DevTools at {chromium.DevToolsUrl}");

        var result = await NodeRunner.RunAsync("aot/chat-browser.mjs", ScriptTimeout, chat.BaseUrl, "websocket", chromium.DevToolsUrl);

        Assert.False(result.TimedOut, $"{result.Output}\n-- chromium:\n{chromium.Log}");
        Assert.True(result.ExitCode == 0, $"{result.Output}\n-- server:\n{chat.ServerLog}\n-- chromium:\n{chromium.Log}");
    }

    public static TheoryData<string> Transports => new() { "websocket", "polling", "upgrade" };

    private static async Task RunAsync(string script, params string[] args)
    {
        var result = await NodeRunner.RunAsync(script, ScriptTimeout, args);
        Assert.False(result.TimedOut, result.Output);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [GeneratedRegex(@"(warning|error) IL[23]\d{3}")]
    private static partial Regex TrimOrAotDiagnostic();
}
