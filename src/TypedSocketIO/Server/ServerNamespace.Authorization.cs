using System.Text.Json;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>
/// Authentication and authorization at CONNECT: the token of the auth payload (when
/// <see cref="SocketIOOptions.AuthTokenScheme"/> names a scheme) becomes the socket's user, then
/// the namespace's <c>[Authorize]</c> rule is checked before any middleware runs.
/// </summary>
public sealed partial class ServerNamespace
{
    private AuthorizeData[]? _connectAuthorization;

    /// <summary>What CONNECT requires (the class's <c>[Authorize]</c> attributes, read by the generator); null for nothing.</summary>
    internal AuthorizeData[]? ConnectAuthorization => _connectAuthorization;

    /// <summary>Adds <paramref name="rule"/> to what CONNECT requires.</summary>
    internal void RequireAuthorization(AuthorizeData[] rule)
    {
        lock (_handlers)
        {
            _connectAuthorization = _connectAuthorization is null ? rule : [.. _connectAuthorization, .. rule];
        }
    }

    /// <summary>Authenticates the auth payload's token, then checks the namespace's rule; null when the socket may go on.</summary>
    private async ValueTask<AuthorizationOutcome?> AuthorizeConnectAsync(Socket socket)
    {
        if (Server.Options.AuthTokenScheme is { } scheme && TokenOf(socket.Handshake.Auth) is { } token)
        {
            var authentication = await RequireAuthorizer().AuthenticateTokenAsync(scheme, token).ConfigureAwait(false);
            socket.Authenticated(authentication);
        }

        if (_connectAuthorization is not { } rule)
        {
            return null;
        }

        var outcome = await AuthorizeAsync(socket, rule).ConfigureAwait(false);
        return outcome.Succeeded ? null : outcome;
    }

    /// <summary>Checks <paramref name="rule"/> for the socket's user (completes at once when the policies do).</summary>
    internal ValueTask<AuthorizationOutcome> AuthorizeAsync(Socket socket, AuthorizeData[] rule) => RequireAuthorizer().AuthorizeAsync(socket, rule);

    private ISocketAuthorizer RequireAuthorizer() => Server.Authorizer
        ?? throw new InvalidOperationException("Socket.IO authentication and [Authorize] need the server mapped with MapSocketIO() in an app that calls AddAuthorization().");

    /// <summary>The <c>token</c> string of an auth payload such as <c>{"token":"..."}</c>, if it has one.</summary>
    private static string? TokenOf(JsonElement auth) =>
        auth.ValueKind == JsonValueKind.Object && auth.TryGetProperty("token"u8, out var token) && token.ValueKind == JsonValueKind.String
            ? token.GetString()
            : null;

    private OutgoingPacket ConnectRefusalPacket(AuthorizationOutcome outcome)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, PacketBuilder.WriterOptions))
        {
            outcome.WriteTo(json);
        }

        return new OutgoingPacket(Protocol.PacketHeader.Encode(Protocol.SocketIOPacketType.ConnectError, Name, -1, 0, buffer.WrittenSpan), []);
    }
}
