using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TypedSocketIO.Tests.Hosting.Authorization;

/// <summary>
/// An app as a user would write it: JWT bearer tokens (from the <c>Authorization</c> header, the
/// <c>access_token</c> query as SignalR reads it, or the CONNECT auth payload) and cookies, with
/// the protected namespaces of <see cref="JwtNamespace"/>, <see cref="LobbyNamespace"/> and
/// <see cref="MembersNamespace"/>. <c>/login?name=..&amp;member=true</c> signs a cookie in.
/// </summary>
public sealed class AuthServer : IAsyncLifetime
{
    public const string AdultPolicy = "Adult";
    public const string MemberPolicy = "Member";
    private const string Issuer = "typedsocketio-tests";

    private static readonly SymmetricSecurityKey SigningKey = new(Encoding.UTF8.GetBytes("a test signing key of at least 256 bits, HS256 wants"));
    private static readonly SymmetricSecurityKey OtherKey = new(Encoding.UTF8.GetBytes("another key of at least 256 bits, that the server never trusts"));
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public AuthLedger Ledger => _app!.Services.GetRequiredService<AuthLedger>();

    /// <summary>A token the server accepts, for <paramref name="name"/> with <paramref name="roles"/> and an age claim.</summary>
    public static string Token(string name, int age = 30, params string[] roles) =>
        Mint(name, age, roles, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1), SigningKey);

    /// <summary>A well-signed token that expired an hour ago.</summary>
    public static string ExpiredToken(string name) =>
        Mint(name, 30, [], DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1), SigningKey);

    /// <summary>A token signed with a key the server does not trust.</summary>
    public static string WrongKeyToken(string name) =>
        Mint(name, 30, [], DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1), OtherKey);

    private static string Mint(string name, int age, string[] roles, DateTime notBefore, DateTime expires, SecurityKey key)
    {
        var claims = new List<Claim> { new("name", name), new("age", age.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        claims.AddRange(roles.Select(role => new Claim("role", role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<AuthLedger>();
        builder.Services.AddSocketIO(options => options.AuthTokenScheme = JwtBearerDefaults.AuthenticationScheme)
            .AddNamespace<JwtNamespace>()
            .AddNamespace<LobbyNamespace>()
            .AddNamespace<MembersNamespace>();

        // One default scheme that picks the bearer token when the request carries one, else the cookie.
        builder.Services.AddAuthentication("JwtOrCookie")
            .AddPolicyScheme("JwtOrCookie", null, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 || context.Request.Query.ContainsKey("access_token")
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = Issuer,
                    IssuerSigningKey = SigningKey,
                    NameClaimType = "name",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.Zero,
                };
                // As SignalR's docs do: browsers cannot set headers on a WebSocket, so the token may come in the query.
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/socket.io") && context.Request.Query["access_token"] is { Count: > 0 } token)
                        {
                            context.Token = token.ToString();
                        }

                        return Task.CompletedTask;
                    },
                };
            })
            .AddCookie();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdultPolicy, policy => policy.RequireAssertion(context =>
                int.TryParse(context.User.FindFirst("age")?.Value, out var age) && age >= 18))
            .AddPolicy(MemberPolicy, policy => policy.RequireClaim("member", "true"));

        _app = builder.Build();
        _app.UseAuthentication();
        _app.MapGet("/login", async (HttpContext context, string name, bool? member) =>
        {
            var claims = new List<Claim> { new(ClaimTypes.Name, name) };
            if (member == true)
            {
                claims.Add(new Claim("member", "true"));
            }

            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
            return "signed in";
        });
        _app.MapSocketIO();
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
