using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// The sessions of logged-in UIs (Node's in-memory store): a random id handed out at login, with
/// which the UI reconnects instead of sending the password again, until it expires.
/// </summary>
internal sealed class AdminSessions(TimeSpan duration, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    public string Create()
    {
        var now = time.GetUtcNow();
        foreach (var (id, expiry) in _expiries)
        {
            if (expiry <= now)
            {
                _expiries.TryRemove(id, out _); // logins are rare: sweeping here keeps the store small
            }
        }

        var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _expiries[sessionId] = now + duration;
        return sessionId;
    }

    public bool IsValid(string sessionId) =>
        _expiries.TryGetValue(sessionId, out var expiry) && expiry > time.GetUtcNow();
}
