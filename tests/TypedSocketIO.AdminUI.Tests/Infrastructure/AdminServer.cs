using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TypedSocketIO.AdminUI.Tests.Infrastructure;

/// <summary>A user's typed data on a socket, shown by the UI.</summary>
public sealed record UserProfile(string Name);

[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class AdminTestJson : JsonSerializerContext;

/// <summary>
/// An app with <c>AddSocketIO().AddAdminUI(...)</c> on a free loopback port and a main namespace
/// whose handlers let a client drive what the admin namespace reports: <c>join</c> a room,
/// ask its <c>rooms</c>, say <c>hello</c> (answered with a <c>welcome</c> event), <c>set-name</c>
/// (typed socket data). The Admin UI page is served at <c>/admin-ui</c> from tests/js's npm install.
/// </summary>
public sealed class AdminServer : IAsyncDisposable
{
    public const string Username = "admin";
    public const string Password = "correct horse";

    /// <summary>A bcrypt hash of <see cref="Password"/> at the lowest cost, so that tests stay fast.</summary>
    public static readonly string PasswordHash = BCrypt.Net.BCrypt.HashPassword(Password, workFactor: 4);

    public static string UiDirectory => Path.Combine(RepositoryPaths.JsTests, "node_modules", "@socket.io", "admin-ui", "ui", "dist");

    private AdminServer(WebApplication app, string baseUrl)
    {
        App = app;
        BaseUrl = baseUrl;
    }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public SocketIOServer SocketIO => App.Services.GetRequiredService<SocketIOServer>();

    /// <summary>Starts the app with <see cref="Username"/> and <see cref="PasswordHash"/>, in <paramref name="mode"/>, changed by <paramref name="configure"/>.</summary>
    public static async Task<AdminServer> StartAsync(AdminUIMode mode = AdminUIMode.Development, Action<AdminUIOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSocketIO(options => options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, AdminTestJson.Default))
            .AddAdminUI(options =>
            {
                options.Username = Username;
                options.PasswordHash = PasswordHash;
                options.Mode = mode;
                options.StatsInterval = TimeSpan.FromMilliseconds(200);
                configure?.Invoke(options);
            });
        var app = builder.Build();
        app.MapSocketIO();
        app.MapSocketIOAdminUI("/admin-ui", UiDirectory);
        AddUserHandlers(app.Services.GetRequiredService<SocketIOServer>().MainNamespace);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AdminServer(app, address.TrimEnd('/'));
    }

    private static void AddUserHandlers(ServerNamespace ns)
    {
        ns.On("join", async e =>
        {
            await e.Socket.JoinAsync(e.Arguments.GetString(0)!);
            await e.AckAsync();
        });
        ns.On("rooms", e => e.AckAsync((object)e.Socket.Rooms.Order(StringComparer.Ordinal).ToArray()));
        ns.On("hello", async e =>
        {
            await e.Socket.EmitAsync("welcome", "hi", 3);
            await e.AckAsync();
        });
        ns.On("set-name", async e =>
        {
            e.Socket.SetData(new UserProfile(e.Arguments.GetString(0)!));
            await e.AckAsync();
        });
    }

    /// <summary>Runs tests/js/admin/<paramref name="script"/>.mjs against this server and fails the test with its output if it fails.</summary>
    public async Task RunScriptAsync(string script, params string[] args)
    {
        var timeout = TimeSpan.FromSeconds(40);
        var result = await NodeRunner.RunAsync($"admin/{script}.mjs", timeout, [BaseUrl, "websocket", .. args]);
        Assert.False(result.TimedOut, $"{script} did not finish within {timeout}:\n{result.Output}");
        Assert.True(result.ExitCode == 0, $"{script} failed:\n{result.Output}");
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
