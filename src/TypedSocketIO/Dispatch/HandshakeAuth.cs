using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TypedSocketIO.Dispatch;

/// <summary>Reads a connect handler's typed auth argument; auth that does not fit refuses the connection.</summary>
/// <remarks>For generated code: the dispatcher of a connect handler with a typed auth parameter calls it. Hidden from IntelliSense; read auth by hand with <see cref="SocketHandshake.GetAuth{T}"/>.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HandshakeAuth
{
    /// <summary>Reads the CONNECT auth object as <typeparamref name="T"/>.</summary>
    /// <exception cref="ConnectionRefusedException">The auth is not a <typeparamref name="T"/> (or is null where null is not allowed).</exception>
    public static T? Read<T>(Socket socket, JsonTypeInfo<T> typeInfo, bool allowsNull)
    {
        T? auth;
        try
        {
            auth = socket.Handshake.Auth.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            throw new ConnectionRefusedException("Invalid auth");
        }

        return auth is null && !allowsNull ? throw new ConnectionRefusedException("Invalid auth") : auth;
    }
}
