using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TypedSocketIO.Diagnostics;

namespace TypedSocketIO;

/// <summary>Adds the Socket.IO server's health checks to ASP.NET Core's health checks.</summary>
public static class SocketIOHealthChecksBuilderExtensions
{
    /// <summary>The name of the server's check: unhealthy while stopping, degraded from 90% of <c>MaxConnections</c>.</summary>
    public const string ServerCheckName = "socketio";

    /// <summary>The name of the adapters' check: the worst of every namespace's <see cref="SocketIOAdapter.CheckHealthAsync"/>.</summary>
    public const string AdaptersCheckName = "socketio.adapters";

    /// <summary>
    /// Adds two checks, <see cref="ServerCheckName"/> and <see cref="AdaptersCheckName"/>, reported by
    /// <c>MapHealthChecks</c> like any other (as an HTTP status: 503 when unhealthy). Call
    /// <c>AddSocketIO</c> on the services too.
    /// </summary>
    /// <param name="builder">What <c>services.AddHealthChecks()</c> returned.</param>
    /// <param name="tags">Tags of both checks, to filter them into an endpoint (<c>"ready"</c>, for example).</param>
    public static IHealthChecksBuilder AddSocketIO(this IHealthChecksBuilder builder, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(new HealthCheckRegistration(
            ServerCheckName, services => new SocketIOHealthCheck(services.GetRequiredService<SocketIOServer>()), failureStatus: null, tags));
        builder.Add(new HealthCheckRegistration(
            AdaptersCheckName, services => new SocketIOAdapterHealthCheck(services.GetRequiredService<SocketIOServer>()), failureStatus: null, tags));
        return builder;
    }
}
