using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace TypedSocketIO;

/// <summary>
/// Keeps why authentication failed on a handshake request. The authentication middleware records
/// only a success, so a client refused at CONNECT would learn nothing of its expired or forged
/// token. For a handshake without an authenticated user this asks the default scheme again (its
/// handler answers from the result it cached for the request) and records a failure where the
/// handshake snapshot reads it.
/// </summary>
internal static class HandshakeAuthentication
{
    public static RequestDelegate RecordingFailures(RequestDelegate next, IAuthenticationSchemeProvider schemes) => async context =>
    {
        if (IsHandshake(context.Request)
            && context.Features.Get<IHttpAuthenticationFeature>()?.User?.Identity?.IsAuthenticated != true
            && context.Features.Get<IAuthenticateResultFeature>() is null
            && await schemes.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false) is not null)
        {
            var result = await context.AuthenticateAsync().ConfigureAwait(false);
            if (result.Failure is not null)
            {
                context.Features.Set<IAuthenticateResultFeature>(new FailureFeature(result));
            }
        }

        await next(context).ConfigureAwait(false);
    };

    /// <summary>The first request of a session: it has no <c>sid</c> yet.</summary>
    private static bool IsHandshake(HttpRequest request) =>
        !request.QueryString.HasValue || !request.QueryString.Value!.Contains("sid=", StringComparison.Ordinal);

    private sealed class FailureFeature(AuthenticateResult result) : IAuthenticateResultFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } = result;
    }
}
