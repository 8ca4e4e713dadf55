using System.Security.Cryptography;

namespace TypedSocketIO.EngineIO;

/// <summary>Unguessable ids for sessions and sockets.</summary>
internal static class RandomIds
{
    /// <summary>20 URL-safe characters from 15 cryptographically random bytes, as Node's base64id.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[15];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }
}
