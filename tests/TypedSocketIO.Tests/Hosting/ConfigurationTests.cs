using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO.Tests.Hosting;

/// <summary>Options bound from configuration (appsettings.json's "SocketIO" section), without reflection.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void Binds_every_documented_setting_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SocketIO:Path"] = "/rt",
            ["SocketIO:PingInterval"] = "1500",
            ["SocketIO:PingTimeout"] = "00:00:02",
            ["SocketIO:MaxHttpBufferSize"] = "2048",
            ["SocketIO:ConnectTimeout"] = "3000",
            ["SocketIO:AckTimeout"] = "4000",
            ["SocketIO:BroadcastAckTimeout"] = "5000",
            ["SocketIO:MaxAttachments"] = "3",
            ["SocketIO:MaxConcurrentHandlersPerSocket"] = "4",
            ["SocketIO:MaxArguments"] = "5000",
            ["SocketIO:MaxJsonDepth"] = "7",
            ["SocketIO:AttachmentTimeout"] = "6000",
            ["SocketIO:AuthTokenScheme"] = "Bearer",
            ["SocketIO:UpgradeTimeout"] = "00:00:07",
            ["SocketIO:MaxBufferedBytes"] = "65536",
            ["SocketIO:MaxHandshakesPerSecondPerAddress"] = "20",
            ["SocketIO:AllowUpgrades"] = "false",
            ["SocketIO:Transports:0"] = "websocket",
            ["SocketIO:MaxConnections"] = "10",
            ["SocketIO:Cors:AllowedOrigins:0"] = "https://app.example",
            ["SocketIO:Cors:AllowCredentials"] = "true",
            ["SocketIO:Cors:AllowedHeaders:0"] = "x-trace",
            ["SocketIO:Cookie:Name"] = "sio",
            ["SocketIO:Cookie:Path"] = "/app",
            ["SocketIO:Cookie:HttpOnly"] = "false",
            ["SocketIO:Cookie:SameSite"] = "Strict",
            ["SocketIO:Cookie:Secure"] = "true",
        }).Build();
        var services = new ServiceCollection();

        services.AddSocketIO(configuration.GetSection("SocketIO"));
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<SocketIOOptions>>().Value;

        Assert.Equal("/rt", options.Path);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.EngineIO.PingInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.EngineIO.PingTimeout);
        Assert.Equal(2048, options.EngineIO.MaxPayload);
        Assert.Equal(TimeSpan.FromSeconds(3), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), options.AckTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BroadcastAckTimeout);
        Assert.Equal(3, options.MaxAttachments);
        Assert.Equal(4, options.MaxConcurrentHandlersPerSocket);
        Assert.Equal(5000, options.MaxArguments);
        Assert.Equal(7, options.MaxJsonDepth);
        Assert.Equal(TimeSpan.FromSeconds(6), options.AttachmentTimeout);
        Assert.Equal("Bearer", options.AuthTokenScheme);
        Assert.Equal(TimeSpan.FromSeconds(7), options.EngineIO.UpgradeTimeout);
        Assert.Equal(65536, options.EngineIO.MaxBufferedBytes);
        Assert.Equal(20, options.EngineIO.MaxHandshakesPerSecondPerAddress);
        Assert.False(options.EngineIO.AllowUpgrades);
        Assert.Equal(EngineIOTransports.WebSocket, options.EngineIO.Transports);
        Assert.Equal(10, options.EngineIO.MaxConnections);
        Assert.Equal(["https://app.example"], options.EngineIO.Cors.AllowedOrigins);
        Assert.True(options.EngineIO.Cors.AllowCredentials);
        Assert.Equal(["x-trace"], options.EngineIO.Cors.AllowedHeaders);
        var cookie = options.EngineIO.Cookie!;
        Assert.Equal(("sio", "/app", false, Microsoft.AspNetCore.Http.SameSiteMode.Strict, true), (cookie.Name, cookie.Path, cookie.HttpOnly, cookie.SameSite, cookie.Secure));
    }

    [Fact]
    public void Binds_a_buffered_bytes_limit_beyond_two_gigabytes()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SocketIO:MaxBufferedBytes"] = "5000000000",
        }).Build();
        using var services = new ServiceCollection().AddSocketIO(configuration.GetSection("SocketIO")).Services.BuildServiceProvider();

        Assert.Equal(5_000_000_000L, services.GetRequiredService<IOptions<SocketIOOptions>>().Value.EngineIO.MaxBufferedBytes);
    }

    [Fact]
    public void Binds_the_alternative_spellings_and_an_any_origin_policy()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MaxPayload"] = "4096", // Engine.IO's name; MaxHttpBufferSize is Node's
            ["Cors:AllowAnyOrigin"] = "true",
            ["Cookie:Name"] = "io", // a cookie section alone turns the cookie on, with its defaults
        }).Build();
        var services = new ServiceCollection();

        services.AddSocketIO(configuration);
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<SocketIOOptions>>().Value;

        Assert.Equal(4096, options.EngineIO.MaxPayload);
        Assert.True(options.EngineIO.Cors.AllowAnyOrigin);
        Assert.Equal(("io", "/", true, Microsoft.AspNetCore.Http.SameSiteMode.Lax, false),
            (options.EngineIO.Cookie!.Name, options.EngineIO.Cookie.Path, options.EngineIO.Cookie.HttpOnly, options.EngineIO.Cookie.SameSite, options.EngineIO.Cookie.Secure));
    }

    [Fact]
    public void Rejects_an_unknown_transport_with_a_clear_error()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Transports:0"] = "carrier-pigeon",
        }).Build();
        var services = new ServiceCollection();
        services.AddSocketIO(configuration);

        var error = Assert.Throws<InvalidOperationException>(() =>
            services.BuildServiceProvider().GetRequiredService<IOptions<SocketIOOptions>>().Value);
        Assert.Contains("carrier-pigeon", error.Message);
    }

    [Fact]
    public void Code_configuration_runs_after_configuration_binding()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PingInterval"] = "1000",
        }).Build();
        var services = new ServiceCollection();

        services.AddSocketIO(configuration);
        services.Configure<SocketIOOptions>(options => options.EngineIO.PingInterval *= 2);

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<SocketIOOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(2), options.EngineIO.PingInterval);
    }
}
