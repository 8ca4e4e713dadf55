using Microsoft.Playwright;
using TypedSocketIO.AdminUI.Tests.Infrastructure;

namespace TypedSocketIO.AdminUI.Tests;

/// <summary>
/// The Admin UI's own page (the npm package's ui/dist), served by <c>MapSocketIOAdminUI</c>, in a
/// headless Chromium (Debian's, driven by Playwright): it logs in through its connection form and
/// lists the server's sockets and rooms. Only loopback traffic: the page's web fonts are refused.
/// </summary>
public sealed class AdminUIPageTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan Overall = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_page_logs_in_with_its_connection_form_and_lists_the_connected_sockets_and_their_rooms()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the Debian package chromium.");
        var deadline = DateTime.UtcNow + Overall;
        float Remaining() => (float)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds);

        await using var server = await AdminServer.StartAsync();
        await using var user = await WireClient.OpenAsync(server.BaseUrl);
        await user.SendAsync("40");
        var sid = SidOf(await user.ReceiveStartingWithAsync("40"));
        await user.SendAsync("421[\"join\",\"lobby\"]");
        Assert.Equal("431[]", await user.ReceiveStartingWithAsync("43"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
            Timeout = Remaining(),
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        page.SetDefaultTimeout(Remaining());
        var serverHost = new Uri(server.BaseUrl).Authority;
        await page.RouteAsync("**/*", route => new Uri(route.Request.Url).Authority == serverHost ? route.ContinueAsync() : route.AbortAsync());
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(server.BaseUrl + "/admin-ui");
        await page.GetByLabel("Server URL").FillAsync(server.BaseUrl);
        await page.GetByLabel("Username").FillAsync(AdminServer.Username);
        await page.GetByLabel("Password").FillAsync(AdminServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = Remaining() });

        await page.EvaluateAsync("location.hash = '#/sockets/'");
        await page.GetByRole(AriaRole.Cell, new() { Name = sid, Exact = true }).WaitForAsync(new() { Timeout = Remaining() });
        await page.EvaluateAsync("location.hash = '#/rooms/'");
        await page.GetByRole(AriaRole.Cell, new() { Name = "lobby", Exact = true }).WaitForAsync(new() { Timeout = Remaining() });

        Assert.Empty(errors);
        Assert.Single(server.SocketIO.Of("/admin").SocketsById); // the page's own socket
    }

    private static string SidOf(string connectAnswer) =>
        System.Text.Json.JsonDocument.Parse(connectAnswer[connectAnswer.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("sid").GetString()!;
}
