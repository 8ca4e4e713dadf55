namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// Compares a password with the configured bcrypt hash, as Node's package does with bcryptjs.
/// A comparison costs tens of milliseconds of CPU by design, so at most half the cores run one at
/// a time: a flood of wrong passwords slows logins down but cannot take every core.
/// </summary>
internal sealed class PasswordCheck(string passwordHash)
{
    private static readonly SemaphoreSlim Running = new(Math.Max(1, Environment.ProcessorCount / 2));

    public static bool IsBcryptHash(string hash)
    {
        if (!(hash.StartsWith("$2a$", StringComparison.Ordinal) || hash.StartsWith("$2b$", StringComparison.Ordinal) || hash.StartsWith("$2y$", StringComparison.Ordinal)))
        {
            return false;
        }

        try
        {
            BCrypt.Net.BCrypt.InterrogateHash(hash);
            return true;
        }
        catch (Exception exception) when (exception is BCrypt.Net.HashInformationException or BCrypt.Net.SaltParseException or ArgumentException)
        {
            return false;
        }
    }

    public async ValueTask<bool> MatchesAsync(string password)
    {
        await Running.WaitAsync().ConfigureAwait(false);
        try
        {
            return BCrypt.Net.BCrypt.Verify(password, passwordHash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
        finally
        {
            Running.Release();
        }
    }
}
