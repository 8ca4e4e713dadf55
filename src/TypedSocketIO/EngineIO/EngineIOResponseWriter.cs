using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// Writes the HTTP answers of an Engine.IO endpoint that are not transport payloads: the error
/// body of a refused request, the handshake's open packet and its session cookie.
/// </summary>
internal sealed class EngineIOResponseWriter(EngineIOOptions options, ILogger log)
{
    private EngineIOOptions Options { get; } = options;

    private ILogger Log { get; } = log;

    /// <summary>Refuses a request with Engine.IO's JSON error body (<c>{"code":…,"message":…}</c>); logged, and skipped once the response has started.</summary>
    internal async Task RefuseAsync(HttpContext context, EngineIOErrorCode code, int? status = null, string? message = null)
    {
        message ??= EngineIOErrors.MessageOf(code);
        Log.RequestRefused(code, message);
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = status ?? (code == EngineIOErrorCode.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
        response.ContentType = "application/json";
        await response.Body.WriteAsync(EngineIOErrors.Encode(code, message)).ConfigureAwait(false);
    }

    /// <summary>Refuses a request that is not a valid WebSocket opening handshake: 426 when it asks for another WebSocket version, else 400.</summary>
    public Task RefuseWebSocketAsync(HttpContext context)
    {
        if (!WebSocketUpgrade.AsksForAnotherVersion(context))
        {
            return RefuseAsync(context, EngineIOErrorCode.BadRequest);
        }

        WebSocketUpgrade.AddUpgradeRequiredHeaders(context);
        return RefuseAsync(context, EngineIOErrorCode.BadRequest, StatusCodes.Status426UpgradeRequired, "Unsupported WebSocket version");
    }

    /// <summary>The open packet of a new session: its id, the upgrades it may make and the heartbeat and payload limits.</summary>
    public byte[] OpenPacket(string sid, EngineIOTransports transport)
    {
        using var stream = new MemoryStream();
        stream.WriteByte((byte)'0');
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("sid"u8, sid);
            json.WriteStartArray("upgrades"u8);
            if (transport == EngineIOTransports.Polling && Options.AllowUpgrades
                && (Options.Transports & EngineIOTransports.WebSocket) != 0)
            {
                json.WriteStringValue("websocket"u8);
            }

            json.WriteEndArray();
            json.WriteNumber("pingInterval"u8, (long)Options.PingInterval.TotalMilliseconds);
            json.WriteNumber("pingTimeout"u8, (long)Options.PingTimeout.TotalMilliseconds);
            json.WriteNumber("maxPayload"u8, Options.MaxPayload);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Sets the session cookie of <see cref="EngineIOOptions.Cookie"/>, when one is configured.</summary>
    public void AppendSessionCookie(HttpContext context, string sid)
    {
        if (Options.Cookie is { } cookie)
        {
            context.Response.Cookies.Append(cookie.Name, sid, new CookieOptions
            {
                Path = cookie.Path,
                HttpOnly = cookie.HttpOnly,
                SameSite = cookie.SameSite,
                Secure = cookie.Secure || cookie.SameSite == SameSiteMode.None,
            });
        }
    }
}
