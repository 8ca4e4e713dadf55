using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>
/// <see cref="ISocketAuthorizer"/> with ASP.NET Core's services: <see cref="IAuthorizationService"/>
/// evaluates the policy that <see cref="AuthorizationPolicy.CombineAsync(IAuthorizationPolicyProvider, IEnumerable{IAuthorizeData})"/>
/// builds from a rule's attributes (cached per rule, as the authorization middleware caches per
/// endpoint), with the socket as the resource; an authentication scheme authenticates auth-payload tokens.
/// </summary>
internal sealed class AspNetCoreSocketAuthorizer(IServiceProvider services) : ISocketAuthorizer
{
    private const string NotQualified = "the user does not meet the authorization policy";

    private readonly ConcurrentDictionary<AuthorizeData[], AuthorizationPolicy> _policies = new(ReferenceEqualityComparer.Instance);
    private IAuthorizationService? _authorization;
    private IAuthorizationPolicyProvider? _policyProvider;

    public ValueTask<AuthorizationOutcome> AuthorizeAsync(Socket socket, AuthorizeData[] rule)
    {
        if (_policies.TryGetValue(rule, out var policy))
        {
            return Evaluate(socket, policy);
        }

        return CombineThenEvaluateAsync(socket, rule);
    }

    public async ValueTask<TokenAuthentication> AuthenticateTokenAsync(string scheme, string token)
    {
        // The scheme's handler reads the token where it always does: a bearer Authorization header.
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = "Bearer " + token;
        var result = await context.AuthenticateAsync(scheme).ConfigureAwait(false);
        return result.Succeeded
            ? new TokenAuthentication(result.Principal, null)
            : new TokenAuthentication(null, result.Failure?.Message);
    }

    private async ValueTask<AuthorizationOutcome> CombineThenEvaluateAsync(Socket socket, AuthorizeData[] rule)
    {
        var provider = _policyProvider ??= services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(provider, rule.Select(data => new AuthorizeAttribute { Policy = data.Policy, Roles = data.Roles })).ConfigureAwait(false)
            ?? throw new InvalidOperationException("An [Authorize] rule gave no policy.");
        if (provider.AllowsCachingPolicies)
        {
            _policies.TryAdd(rule, policy);
        }

        return await Evaluate(socket, policy).ConfigureAwait(false);
    }

    private ValueTask<AuthorizationOutcome> Evaluate(Socket socket, AuthorizationPolicy policy)
    {
        var authorization = _authorization ??= services.GetRequiredService<IAuthorizationService>();
        var evaluation = authorization.AuthorizeAsync(socket.User, socket, policy);
        return evaluation.IsCompletedSuccessfully
            ? new ValueTask<AuthorizationOutcome>(Outcome(socket, evaluation.Result))
            : AwaitOutcomeAsync(socket, evaluation);
    }

    private static async ValueTask<AuthorizationOutcome> AwaitOutcomeAsync(Socket socket, Task<AuthorizationResult> evaluation) =>
        Outcome(socket, await evaluation.ConfigureAwait(false));

    /// <summary>As the policy evaluator decides between a challenge and a forbid: no authenticated identity is <c>unauthorized</c>.</summary>
    private static AuthorizationOutcome Outcome(Socket socket, AuthorizationResult result)
    {
        if (result.Succeeded)
        {
            return AuthorizationOutcome.Granted;
        }

        if (!IsAuthenticated(socket.User))
        {
            return AuthorizationOutcome.Unauthorized(socket.AuthenticationFailure);
        }

        // Only the reasons handlers chose to give (AuthorizationFailureReason): requirements are not described to clients.
        var reasons = result.Failure?.FailureReasons.Select(reason => reason.Message).Where(message => message.Length > 0).ToArray();
        return AuthorizationOutcome.Forbidden(reasons is { Length: > 0 } ? string.Join("; ", reasons) : NotQualified);
    }

    private static bool IsAuthenticated(ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
        {
            if (identity.IsAuthenticated)
            {
                return true;
            }
        }

        return false;
    }
}
