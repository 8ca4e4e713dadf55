using Microsoft.Extensions.Options;
using TypedSocketIO.AdminUI.Tests.Infrastructure;

namespace TypedSocketIO.AdminUI.Tests;

/// <summary>Settings that would open the admin namespace by accident, or lock everyone out, stop the application at startup with what to fix.</summary>
public sealed class AdminUIOptionsTests
{
    [Theory]
    [InlineData(null, null, false, "Username and PasswordHash (a bcrypt hash) must be set, or AllowAnonymous explicitly set to true.")]
    [InlineData("admin", null, false, "Username and PasswordHash (a bcrypt hash) must be set, or AllowAnonymous explicitly set to true.")]
    [InlineData("admin", "correct horse", false, "AdminUIOptions.PasswordHash must be a valid bcrypt hash ($2a$, $2b$ or $2y$), not the password itself.")]
    [InlineData("admin", "$2b$10$tooshort", false, "AdminUIOptions.PasswordHash must be a valid bcrypt hash ($2a$, $2b$ or $2y$), not the password itself.")]
    [InlineData("admin", "hash", true, "AdminUIOptions: set either Username and PasswordHash, or AllowAnonymous, not both.")]
    public async Task The_application_does_not_start_with_credentials_missing_malformed_or_beside_AllowAnonymous(string? username, string? hash, bool anonymous, string message)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => AdminServer.StartAsync(configure: options =>
        {
            options.Username = username;
            options.PasswordHash = hash;
            options.AllowAnonymous = anonymous;
        }));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_namespace_name_without_a_slash_and_a_non_positive_interval_are_refused()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => AdminServer.StartAsync(configure: options =>
        {
            options.NamespaceName = "admin";
            options.StatsInterval = TimeSpan.Zero;
        }));

        Assert.Equal(["AdminUIOptions.NamespaceName must start with '/'.", "AdminUIOptions.StatsInterval must be positive."], failure.Failures);
    }
}
