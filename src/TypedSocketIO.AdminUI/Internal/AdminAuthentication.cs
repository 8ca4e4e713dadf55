using System.Text.Json;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// The admin namespace's middleware, as Node's package checks the UI: a valid session id, or the
/// user name and a password matching the bcrypt hash; anything else is refused with
/// <c>invalid credentials</c>. A login is answered with a <c>session</c> event carrying a new
/// session id, sent right after the CONNECT answer.
/// </summary>
internal sealed class AdminAuthentication(string username, PasswordCheck password, AdminSessions sessions, AdminPackets packets)
{
    public const string InvalidCredentials = "invalid credentials";

    public async ValueTask CheckAsync(Socket socket)
    {
        var auth = socket.Handshake.Auth;
        if (StringProperty(auth, "sessionId") is { } sessionId && sessions.IsValid(sessionId))
        {
            return;
        }

        if (StringProperty(auth, "username") == username
            && StringProperty(auth, "password") is { } given
            && await password.MatchesAsync(given).ConfigureAwait(false))
        {
            socket.Send(packets.Session(sessions.Create()));
            return;
        }

        throw new ConnectionRefusedException(InvalidCredentials);
    }

    private static string? StringProperty(JsonElement auth, string name) =>
        auth.ValueKind == JsonValueKind.Object && auth.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
