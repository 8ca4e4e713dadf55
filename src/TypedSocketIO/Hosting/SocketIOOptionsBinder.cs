using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO;

/// <summary>
/// Reads <see cref="SocketIOOptions"/> from configuration by hand: no reflection-based binder,
/// so the library stays trim- and AOT-safe. Durations are milliseconds (<c>"PingInterval": 25000</c>)
/// or TimeSpan text (<c>"00:00:25"</c>).
/// </summary>
internal static class SocketIOOptionsBinder
{
    public static void Bind(IConfiguration section, SocketIOOptions options)
    {
        options.Path = section["Path"] ?? options.Path;
        options.ConnectTimeout = Duration(section["ConnectTimeout"]) ?? options.ConnectTimeout;
        options.AckTimeout = Duration(section["AckTimeout"]) ?? options.AckTimeout;
        options.BroadcastAckTimeout = Duration(section["BroadcastAckTimeout"]) ?? options.BroadcastAckTimeout;
        options.MaxAttachments = Int(section["MaxAttachments"]) ?? options.MaxAttachments;
        options.MaxJsonDepth = Int(section["MaxJsonDepth"]) ?? options.MaxJsonDepth;
        options.MaxConcurrentHandlersPerSocket = Int(section["MaxConcurrentHandlersPerSocket"]) ?? options.MaxConcurrentHandlersPerSocket;
        options.MaxArguments = Int(section["MaxArguments"]) ?? options.MaxArguments;
        options.AttachmentTimeout = Duration(section["AttachmentTimeout"]) ?? options.AttachmentTimeout;
        options.AuthTokenScheme = section["AuthTokenScheme"] ?? options.AuthTokenScheme;

        var engine = options.EngineIO;
        engine.PingInterval = Duration(section["PingInterval"]) ?? engine.PingInterval;
        engine.PingTimeout = Duration(section["PingTimeout"]) ?? engine.PingTimeout;
        engine.UpgradeTimeout = Duration(section["UpgradeTimeout"]) ?? engine.UpgradeTimeout;
        engine.MaxPayload = Int(section["MaxHttpBufferSize"]) ?? Int(section["MaxPayload"]) ?? engine.MaxPayload;
        engine.MaxBufferedBytes = Long(section["MaxBufferedBytes"]) ?? engine.MaxBufferedBytes;
        engine.AllowUpgrades = Bool(section["AllowUpgrades"]) ?? engine.AllowUpgrades;
        engine.MaxConnections = Int(section["MaxConnections"]) ?? engine.MaxConnections;
        engine.MaxHandshakesPerSecondPerAddress = Int(section["MaxHandshakesPerSecondPerAddress"]) ?? engine.MaxHandshakesPerSecondPerAddress;
        if (section.GetSection("Transports").GetChildren().Select(child => child.Value).ToList() is { Count: > 0 } transports)
        {
            engine.Transports = EngineIOTransports.None;
            foreach (var transport in transports)
            {
                engine.Transports |= transport switch
                {
                    "polling" => EngineIOTransports.Polling,
                    "websocket" => EngineIOTransports.WebSocket,
                    _ => throw new InvalidOperationException($"Unknown Socket.IO transport '{transport}' in configuration."),
                };
            }
        }

        var cors = section.GetSection("Cors");
        if (cors.Exists())
        {
            engine.Cors.AllowAnyOrigin = Bool(cors["AllowAnyOrigin"]) ?? engine.Cors.AllowAnyOrigin;
            engine.Cors.AllowCredentials = Bool(cors["AllowCredentials"]) ?? engine.Cors.AllowCredentials;
            foreach (var origin in cors.GetSection("AllowedOrigins").GetChildren())
            {
                if (origin.Value is { Length: > 0 } value)
                {
                    engine.Cors.AllowedOrigins.Add(value);
                }
            }

            foreach (var header in cors.GetSection("AllowedHeaders").GetChildren())
            {
                if (header.Value is { Length: > 0 } value)
                {
                    engine.Cors.AllowedHeaders.Add(value);
                }
            }
        }

        var cookie = section.GetSection("Cookie");
        if (cookie.Exists())
        {
            var cookieOptions = engine.Cookie ??= new EngineIOCookieOptions();
            cookieOptions.Name = cookie["Name"] ?? cookieOptions.Name;
            cookieOptions.Path = cookie["Path"] ?? cookieOptions.Path;
            cookieOptions.HttpOnly = Bool(cookie["HttpOnly"]) ?? cookieOptions.HttpOnly;
            cookieOptions.Secure = Bool(cookie["Secure"]) ?? cookieOptions.Secure;
            if (cookie["SameSite"] is { Length: > 0 } sameSite)
            {
                cookieOptions.SameSite = Enum.TryParse<SameSiteMode>(sameSite, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                    ? mode
                    : throw new InvalidOperationException($"SocketIO:Cookie:SameSite '{sameSite}' is not one of None, Lax, Strict, Unspecified.");
            }
        }
    }

    private static TimeSpan? Duration(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }

    private static int? Int(string? text) =>
        string.IsNullOrEmpty(text) ? null : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static long? Long(string? text) =>
        string.IsNullOrEmpty(text) ? null : long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static bool? Bool(string? text) =>
        string.IsNullOrEmpty(text) ? null : bool.Parse(text);
}
