using Microsoft.AspNetCore.Http;

namespace TypedSocketIO.EngineIO;

/// <summary>The cookie set on the handshake, as Node's engine.io <c>cookie</c> option.</summary>
public sealed class EngineIOCookieOptions
{
    /// <summary>The cookie's name. Default <c>io</c>.</summary>
    public string Name { get; set; } = "io";

    /// <summary>The cookie's path. Default <c>/</c>.</summary>
    public string Path { get; set; } = "/";

    /// <summary>Whether scripts are kept from reading it. Default true.</summary>
    public bool HttpOnly { get; set; } = true;

    /// <summary>The SameSite mode. Default Lax. <see cref="SameSiteMode.None"/> makes the cookie <see cref="Secure"/> whatever that says.</summary>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>
    /// Whether the cookie is sent over HTTPS only. Default false; always true with
    /// <c>SameSite=None</c>, which browsers refuse on a cookie that is not Secure.
    /// </summary>
    public bool Secure { get; set; }
}
