using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TypedSocketIO.BrowserTests.Infrastructure;

/// <summary>
/// One person's tab on the chat page, in a browser context of its own, with what a person would
/// look at: the status, the room list, the conversation. Every wait has <see cref="Wait"/> as its
/// timeout; script errors and console errors of the page are recorded.
/// </summary>
public sealed class ChatPage
{
    /// <summary>The timeout of each action and each expectation.</summary>
    public const float Wait = 10_000;

    private readonly List<string> _errors = [];

    private ChatPage(string name, IPage page)
    {
        Name = name;
        Page = page;
        page.PageError += (_, error) => Record($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error: {message.Text}");
            }
        };
    }

    public string Name { get; }

    public IPage Page { get; }

    /// <summary>Script and console errors the page had so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public ILocator Status => Page.Locator("#status");

    public ILocator CurrentRoom => Page.Locator("#current-room");

    public ILocator Members => Page.Locator("#members");

    public ILocator Typing => Page.Locator("#typing");

    public ILocator Text => Page.Locator("#text");

    public ILocator Messages => Page.Locator("#messages li.message");

    public ILocator Notices => Page.Locator("#messages li.notice");

    /// <summary>The room list's entry for <paramref name="room"/>.</summary>
    public ILocator RoomEntry(string room) => Page.Locator($"#room-list button.room[data-room=\"{room}\"]");

    /// <summary>The messages of <paramref name="nickname"/>.</summary>
    public ILocator MessagesOf(string nickname) =>
        Messages.Filter(new() { Has = Page.Locator(".nickname", new() { HasTextRegex = new($"^{nickname}$") }) });

    public static async Task<ChatPage> OpenAsync(IBrowser browser, string name, string url)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 720 } });
        context.SetDefaultTimeout(Wait);
        context.SetDefaultNavigationTimeout(Wait);
        var page = new ChatPage(name, await context.NewPageAsync());
        var response = await page.Page.GotoAsync(url);
        if (response is not { Ok: true })
        {
            throw new InvalidOperationException($"GET {url}: {response?.Status.ToString() ?? "no response"}");
        }

        return page;
    }

    /// <summary>Signs in through the nickname form and waits until the page is connected.</summary>
    public async Task SignInAsync(string nickname)
    {
        await Page.Locator("#nickname").FillAsync(nickname);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await ExpectConnectedAsync();
    }

    public Task ExpectConnectedAsync() =>
        Expect(Status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = Wait });

    public Task ExpectInRoomAsync(string room) =>
        Expect(CurrentRoom).ToHaveAttributeAsync("data-room", room, new() { Timeout = Wait });

    /// <summary>Joins (or creates) a room through the "Join or create" form.</summary>
    public async Task JoinThroughFormAsync(string room)
    {
        await Page.Locator("#room").FillAsync(room);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await ExpectInRoomAsync(room);
    }

    /// <summary>Saves a screenshot of the whole page to <paramref name="path"/>.</summary>
    public Task SaveScreenshotAsync(string path) =>
        Page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = Wait });

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
