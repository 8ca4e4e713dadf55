using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TypedSocketIO.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TypedSocketIO.BrowserTests;

/// <summary>
/// The Chat sample in a real browser, as two people use it: Playwright drives two tabs of Debian's
/// headless Chromium against the app running as its own process. Screenshots of both tabs go to
/// TestResults/browser/ (the paths are printed), on failure too.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed partial class ChatPageTests(ChatApp chat, ITestOutputHelper output)
{
    /// <summary>The whole test, browser start included; past it the test fails and the browser is closed.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private const float Wait = ChatPage.Wait;

    [Fact]
    public async Task Two_people_chat_in_a_room_with_typing_and_delivery_ticks_and_a_reload_brings_back_the_room_and_its_history()
    {
        var watch = Stopwatch.StartNew();
        var pages = new List<ChatPage>();
        await using var chromium = await DebianChromium.LaunchAsync(Deadline);
        output.WriteLine($"Chat app PID {chat.Pid} at {chat.BaseUrl}; Chromium {chromium.Browser.Version} started in {watch.Elapsed.TotalSeconds:F1} s");
        try
        {
            await TwoPeopleChatAsync(chromium.Browser, chat.BaseUrl + "/", pages).WaitAsync(Deadline - watch.Elapsed);
            await SaveScreenshotsAsync(pages, "chat");
        }
        catch (Exception failure)
        {
            await SaveScreenshotsAsync(pages, "chat-failed");
            var deadline = failure is TimeoutException ? $"the test's deadline of {Deadline.TotalSeconds:F0} s passed\n" : "";
            throw new Xunit.Sdk.XunitException($"{deadline}{failure.Message}\n-- pages:\n{Describe(pages)}\n-- chat app log:\n{chat.Log}");
        }

        output.WriteLine($"done in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private async Task TwoPeopleChatAsync(IBrowser browser, string url, List<ChatPage> pages)
    {
        // Ada signs in through the form (the page puts her in the lobby) and opens a room.
        var ada = await ChatPage.OpenAsync(browser, "ada", url);
        pages.Add(ada);
        await ada.SignInAsync("ada");
        await ada.ExpectInRoomAsync("lobby");
        await Expect(ada.CurrentRoom).ToHaveTextAsync("#lobby", new() { Timeout = Wait });
        var room = $"design-{Environment.ProcessId}";
        await ada.JoinThroughFormAsync(room);
        await Expect(ada.RoomEntry(room)).ToHaveAttributeAsync("aria-current", "true", new() { Timeout = Wait });

        // Bob signs in, finds the room in the list (one person in it) and switches to it.
        var bob = await ChatPage.OpenAsync(browser, "bob", url);
        pages.Add(bob);
        await bob.SignInAsync("bob");
        await bob.ExpectInRoomAsync("lobby");
        await Expect(bob.RoomEntry(room).Locator(".count")).ToHaveTextAsync("1", new() { Timeout = Wait });
        await bob.RoomEntry(room).ClickAsync();
        await bob.ExpectInRoomAsync(room);
        await Expect(bob.Members).ToHaveTextAsync("Here: ada, bob", new() { Timeout = Wait });
        await Expect(ada.Members).ToHaveTextAsync("Here: ada, bob", new() { Timeout = Wait });
        await Expect(ada.Notices.Last).ToHaveTextAsync($"bob joined #{room}", new() { Timeout = Wait });
        await Expect(ada.RoomEntry(room).Locator(".count")).ToHaveTextAsync("2", new() { Timeout = Wait });

        // Bob types: Ada sees it; he sends with Enter: Ada gets the message, Bob the tick.
        await bob.Text.PressSequentiallyAsync("hi ada", new() { Delay = 20, Timeout = Wait });
        await Expect(ada.Typing).ToHaveTextAsync("bob is typing…", new() { Timeout = Wait });
        await SaveScreenshotAsync(ada, "chat-typing");
        await bob.Text.PressAsync("Enter", new() { Timeout = Wait });
        var bobsTick = await ExpectDeliveredAsync(bob, "hi ada");
        await Expect(ada.MessagesOf("bob").Locator(".text")).ToHaveTextAsync(["hi ada"], new() { Timeout = Wait });
        await Expect(ada.MessagesOf("bob")).ToHaveAttributeAsync("data-seq", bobsTick.ToString(CultureInfo.InvariantCulture), new() { Timeout = Wait });
        await Expect(ada.Typing).ToHaveTextAsync("", new() { Timeout = Wait });

        // Ada answers with the Send button: Bob gets it, Ada the tick (a later sequence number).
        await ada.Text.FillAsync("welcome, bob");
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var adasTick = await ExpectDeliveredAsync(ada, "welcome, bob");
        Assert.True(adasTick > bobsTick, $"Ada's sequence number {adasTick} comes after Bob's {bobsTick}");
        await Expect(bob.MessagesOf("ada").Locator(".text")).ToHaveTextAsync(["welcome, bob"], new() { Timeout = Wait });
        await Expect(ada.Page.Locator("#messages li.mine")).ToHaveCountAsync(1, new() { Timeout = Wait });

        // Bob reloads: the tab brings him back to the room, with its history (his message ticked).
        await bob.Page.ReloadAsync(new() { Timeout = Wait });
        await bob.ExpectConnectedAsync();
        await bob.ExpectInRoomAsync(room);
        await Expect(bob.Messages.Locator(".text")).ToHaveTextAsync(["hi ada", "welcome, bob"], new() { Timeout = Wait });
        await Expect(bob.MessagesOf("bob").Locator(".ack")).ToHaveTextAsync($"✓ #{bobsTick}", new() { Timeout = Wait });
        await Expect(bob.Notices.Last).ToHaveTextAsync($"You joined #{room} (its last 2 messages above)", new() { Timeout = Wait });
        await Expect(bob.Members).ToHaveTextAsync("Here: ada, bob", new() { Timeout = Wait });
        await Expect(ada.Notices.Filter(new() { HasTextRegex = new($"^bob (left|joined) #{Regex.Escape(room)}$") }))
            .ToHaveTextAsync([$"bob joined #{room}", $"bob left #{room}", $"bob joined #{room}"], new() { Timeout = Wait });

        foreach (var page in pages)
        {
            Assert.True(page.Errors.Count == 0, $"{page.Name}'s page had errors:\n{string.Join('\n', page.Errors)}");
        }
    }

    /// <summary>Waits for the tick on the sender's own message; returns its sequence number.</summary>
    private static async Task<long> ExpectDeliveredAsync(ChatPage sender, string text)
    {
        var mine = sender.Page.Locator("#messages li.mine").Filter(new() { Has = sender.Page.Locator(".text", new() { HasTextRegex = new($"^{Regex.Escape(text)}$") }) });
        await Expect(mine).ToHaveAttributeAsync("data-delivery", "delivered", new() { Timeout = Wait });
        await Expect(mine.Locator(".ack")).ToHaveTextAsync(Tick(), new() { Timeout = Wait });
        var tick = await mine.Locator(".ack").TextContentAsync(new() { Timeout = Wait }) ?? "";
        return long.Parse(Tick().Match(tick).Groups["sequence"].Value, CultureInfo.InvariantCulture);
    }

    private async Task SaveScreenshotsAsync(List<ChatPage> pages, string prefix)
    {
        foreach (var page in pages)
        {
            await SaveScreenshotAsync(page, prefix);
        }
    }

    private async Task SaveScreenshotAsync(ChatPage page, string prefix)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "TestResults", "browser");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{prefix}-{page.Name}.png");
        try
        {
            await page.SaveScreenshotAsync(path);
            output.WriteLine($"screenshot of {page.Name}'s page: {path}");
        }
        catch (PlaywrightException e)
        {
            output.WriteLine($"no screenshot of {page.Name}'s page: {e.Message}");
        }
    }

    private static string Describe(List<ChatPage> pages) =>
        string.Join('\n', pages.Select(page => $"{page.Name}: {page.Page.Url}; errors: {string.Join(" | ", page.Errors)}"));

    [GeneratedRegex(@"^✓ #(?<sequence>\d+)$")]
    private static partial Regex Tick();
}
