using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>
/// What a handshake is counted against: an IPv4 address, or the /64 network of an IPv6 address
/// (a host hands itself any address of its /64, so one count per address would be no limit at all).
/// The clock stands still unless a test moves it, so every count falls in one window.
/// </summary>
public sealed class HandshakeRateLimiterTests
{
    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::2")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("::1", "::1")]
    public void Addresses_of_one_client_share_one_count(string first, string second)
    {
        var limiter = new HandshakeRateLimiter(1, new ManualClock());

        Assert.True(limiter.TryAcquire(IPAddress.Parse(first)));
        Assert.False(limiter.TryAcquire(IPAddress.Parse(second)));
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    [InlineData("192.0.2.7", "192.0.2.8")]
    [InlineData("127.0.0.1", "::1")]
    [InlineData("::ffff:192.0.2.7", "::192.0.2.7")] // mapped is IPv4; the deprecated "compatible" form is IPv6 (::/64)
    public void Addresses_of_different_clients_have_their_own_counts(string first, string second)
    {
        var limiter = new HandshakeRateLimiter(1, new ManualClock());

        Assert.True(limiter.TryAcquire(IPAddress.Parse(first)));
        Assert.True(limiter.TryAcquire(IPAddress.Parse(second)));
    }

    [Fact]
    public void Clients_whose_address_is_unknown_share_one_count()
    {
        var limiter = new HandshakeRateLimiter(1, new ManualClock());

        Assert.True(limiter.TryAcquire(null));
        Assert.False(limiter.TryAcquire(null));
        Assert.True(limiter.TryAcquire(IPAddress.Broadcast)); // not the same as "unknown"
    }

    [Fact]
    public void A_new_second_starts_a_new_count()
    {
        var clock = new ManualClock();
        var limiter = new HandshakeRateLimiter(2, clock);
        var address = IPAddress.Parse("2001:db8::1");
        Assert.True(limiter.TryAcquire(address));
        Assert.True(limiter.TryAcquire(address));
        Assert.False(limiter.TryAcquire(address));

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(limiter.TryAcquire(address));
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(limiter.TryAcquire(address));
    }

    [Fact]
    public async Task On_loopback_IPv4_and_IPv6_clients_are_counted_apart()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.IPv6Loopback, 0);
        });
        builder.Services.AddSocketIO(options =>
        {
            options.EngineIO.MaxHandshakesPerSecondPerAddress = 1;
            options.EngineIO.TimeProvider = new ManualClock(); // one window for the whole test
        });
        await using var app = builder.Build();
        app.MapSocketIO();
        await app.StartAsync();
        var ports = app.Urls.Select(url => new Uri(url)).ToDictionary(uri => uri.HostNameType, uri => uri.Port);
        using var http = new HttpClient();
        async Task<HttpStatusCode> HandshakeAsync(string host, UriHostNameType family) =>
            (await http.GetAsync($"http://{host}:{ports[family]}/socket.io/?EIO=4&transport=polling")).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await HandshakeAsync("127.0.0.1", UriHostNameType.IPv4));
        Assert.Equal(HttpStatusCode.TooManyRequests, await HandshakeAsync("127.0.0.1", UriHostNameType.IPv4));
        Assert.Equal(HttpStatusCode.OK, await HandshakeAsync("[::1]", UriHostNameType.IPv6));
        Assert.Equal(HttpStatusCode.TooManyRequests, await HandshakeAsync("[::1]", UriHostNameType.IPv6));
    }
}
