using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// The WebSocket opening handshake, done here rather than by ASP.NET Core's WebSocket
/// middleware: an HTTP/1.1 upgrade (RFC 6455) or an HTTP/2 extended CONNECT (RFC 8441).
/// </summary>
internal static class WebSocketUpgrade
{
    private const string SupportedVersion = "13";
    private static readonly byte[] KeyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8.ToArray();

    /// <summary>
    /// An HTTP/2 WebSocket request is an extended CONNECT; it stands for the GET of an HTTP/1.1
    /// upgrade, and is treated as one (as ASP.NET Core's WebSocket middleware does).
    /// </summary>
    public static void TreatExtendedConnectAsGet(HttpContext context)
    {
        if (context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true })
        {
            context.Request.Method = HttpMethods.Get;
        }
    }

    /// <summary>Whether the request is a valid request to open a WebSocket.</summary>
    public static bool IsWebSocketRequest(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.SecWebSocketVersion != SupportedVersion)
        {
            return false;
        }

        if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true })
        {
            return HttpMethods.IsGet(context.Request.Method)
                && HasToken(headers.Upgrade, "websocket")
                && HasToken(headers.Connection, "upgrade")
                && IsValidKey(headers.SecWebSocketKey);
        }

        return context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect
            && string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether the request names a WebSocket version other than the one this server speaks; it
    /// is then answered 426 with the version to use (RFC 6455 4.2.2), not 400.
    /// </summary>
    public static bool AsksForAnotherVersion(HttpContext context) =>
        context.Request.Headers.SecWebSocketVersion is { Count: > 0 } version && version != SupportedVersion;

    /// <summary>The headers of the 426 answer: the version to use, and (on HTTP/1.1, where it is a header) the protocol to upgrade to.</summary>
    public static void AddUpgradeRequiredHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.SecWebSocketVersion = SupportedVersion;
        if (HttpProtocol.IsHttp11(context.Request.Protocol))
        {
            headers.Upgrade = "websocket";
        }
    }

    /// <summary>Accepts a request <see cref="IsWebSocketRequest"/> approved.</summary>
    public static async Task<ServerWebSocket> AcceptAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
        {
            var response = context.Response.Headers;
            response.Connection = "Upgrade";
            response.Upgrade = "websocket";
            response.SecWebSocketAccept = AcceptKey(context.Request.Headers.SecWebSocketKey.ToString());
            return new ServerWebSocket(context, await upgrade.UpgradeAsync().ConfigureAwait(false));
        }

        var connect = context.Features.GetRequiredFeature<IHttpExtendedConnectFeature>();
        return new ServerWebSocket(context, await connect.AcceptAsync().ConfigureAwait(false));
    }

    /// <summary>The Sec-WebSocket-Accept value for a client's key.</summary>
    internal static string AcceptKey(string key)
    {
        Span<byte> input = stackalloc byte[64];
        var length = Encoding.ASCII.GetBytes(key, input);
        KeyGuid.CopyTo(input[length..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input[..(length + KeyGuid.Length)], hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>A key is the base64 form of 16 bytes: 24 characters.</summary>
    private static bool IsValidKey(StringValues key)
    {
        if (key.Count != 1 || key.ToString() is not { Length: 24 } text)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[18];
        return Convert.TryFromBase64String(text, bytes, out var written) && written == 16;
    }

    /// <summary>Whether a comma-separated header holds <paramref name="token"/> (any case).</summary>
    private static bool HasToken(StringValues values, string token)
    {
        foreach (var value in values)
        {
            foreach (var part in (value ?? "").AsSpan().Split(','))
            {
                if (value.AsSpan(part).Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
