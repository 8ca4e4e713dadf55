using Microsoft.Extensions.Options;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>Refuses to start with settings that would serve the admin namespace by accident or not at all.</summary>
internal sealed class AdminUIOptionsValidator : IValidateOptions<AdminUIOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminUIOptions options)
    {
        var failures = new List<string>();
        var hasCredentials = options.Username is not null || options.PasswordHash is not null;
        if (options.AllowAnonymous && hasCredentials)
        {
            failures.Add("AdminUIOptions: set either Username and PasswordHash, or AllowAnonymous, not both.");
        }
        else if (!options.AllowAnonymous && (string.IsNullOrEmpty(options.Username) || string.IsNullOrEmpty(options.PasswordHash)))
        {
            failures.Add("AdminUIOptions: Username and PasswordHash (a bcrypt hash) must be set, or AllowAnonymous explicitly set to true.");
        }
        else if (options.PasswordHash is { } hash && !PasswordCheck.IsBcryptHash(hash))
        {
            failures.Add("AdminUIOptions.PasswordHash must be a valid bcrypt hash ($2a$, $2b$ or $2y$), not the password itself.");
        }

        if (string.IsNullOrEmpty(options.NamespaceName) || options.NamespaceName[0] != '/')
        {
            failures.Add("AdminUIOptions.NamespaceName must start with '/'.");
        }

        if (options.StatsInterval <= TimeSpan.Zero)
        {
            failures.Add("AdminUIOptions.StatsInterval must be positive.");
        }

        if (options.SessionDuration <= TimeSpan.Zero)
        {
            failures.Add("AdminUIOptions.SessionDuration must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
