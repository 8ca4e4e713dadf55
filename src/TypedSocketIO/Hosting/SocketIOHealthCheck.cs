using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TypedSocketIO.Diagnostics;

/// <summary>
/// The server's health: unhealthy once it is stopping (it refuses handshakes), degraded from
/// <see cref="DegradedShare"/> of <see cref="EngineIO.EngineIOOptions.MaxConnections"/> on (at the limit it refuses them too).
/// </summary>
internal sealed class SocketIOHealthCheck(SocketIOServer server) : IHealthCheck
{
    /// <summary>The share of the connection limit from which the server reports itself degraded.</summary>
    public const double DegradedShare = 0.9;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connections = server.ConnectionCount;
        var limit = server.Options.EngineIO.MaxConnections;
        var data = new Dictionary<string, object>
        {
            ["connections"] = connections,
            ["maxConnections"] = limit,
        };

        if (server.IsStopping)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The Socket.IO server is stopping.", data: data));
        }

        if (connections >= limit * DegradedShare)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{connections} connections of the {limit} allowed (MaxConnections).", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"{connections} connections of the {limit} allowed.", data));
    }
}
