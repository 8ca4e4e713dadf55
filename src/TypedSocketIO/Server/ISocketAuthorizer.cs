using System.Security.Claims;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>
/// Authentication and authorization for sockets, in BCL terms: the hosting layer implements it
/// with ASP.NET Core's authentication and authorization services, so this layer needs neither.
/// </summary>
internal interface ISocketAuthorizer
{
    /// <summary>Authenticates the token of a CONNECT's auth payload with the scheme <paramref name="scheme"/>.</summary>
    ValueTask<TokenAuthentication> AuthenticateTokenAsync(string scheme, string token);

    /// <summary>Whether the socket's user meets every one of <paramref name="rule"/>; completes at once when the policies do.</summary>
    ValueTask<AuthorizationOutcome> AuthorizeAsync(Socket socket, AuthorizeData[] rule);
}

/// <summary>What a token authenticated to: a user, or the reason it did not.</summary>
internal readonly record struct TokenAuthentication(ClaimsPrincipal? User, string? Failure);

/// <summary>The answer of an authorization: granted, or refused as <c>unauthorized</c> (no user) or <c>forbidden</c> (a user who does not qualify), with a reason for the client.</summary>
internal sealed class AuthorizationOutcome
{
    public const string AuthenticationRequired = "authentication required";

    /// <summary>Shared: a granted check allocates nothing.</summary>
    public static readonly AuthorizationOutcome Granted = new(null, null);

    private AuthorizationOutcome(string? message, string? reason)
    {
        Message = message;
        Reason = reason;
    }

    public bool Succeeded => Message is null;

    /// <summary><c>unauthorized</c> or <c>forbidden</c>; null when granted.</summary>
    public string? Message { get; }

    public string? Reason { get; }

    public static AuthorizationOutcome Unauthorized(string reason) => new("unauthorized", reason);

    public static AuthorizationOutcome Forbidden(string reason) => new("forbidden", reason);

    /// <summary>Writes the refusal as the client sees it: <c>{"message":"forbidden","data":{"reason":"..."}}</c>.</summary>
    public void WriteTo(System.Text.Json.Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("message"u8, Message);
        json.WritePropertyName("data"u8);
        WriteDataTo(json);
        json.WriteEndObject();
    }

    /// <summary>Writes the refusal's data: <c>{"reason":"..."}</c>.</summary>
    public void WriteDataTo(System.Text.Json.Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("reason"u8, Reason);
        json.WriteEndObject();
    }
}
