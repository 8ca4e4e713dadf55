using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TypedSocketIO.Diagnostics;

/// <summary>
/// The health of every namespace's adapter (<see cref="SocketIOAdapter.CheckHealthAsync"/>): the
/// worst of them, with each namespace's status in the data. An adapter that throws is unhealthy.
/// </summary>
internal sealed class SocketIOAdapterHealthCheck(SocketIOServer server) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var worst = HealthStatus.Healthy;
        string? worstDescription = null;
        Exception? worstException = null;
        foreach (var ns in server.Namespaces.OrderBy(ns => ns.Name, StringComparer.Ordinal))
        {
            HealthCheckResult result;
            try
            {
                result = await ns.Adapter.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = HealthCheckResult.Unhealthy("The adapter's health check failed.", exception);
            }

            data[ns.Name] = result.Description is { Length: > 0 } description ? $"{result.Status}: {description}" : result.Status.ToString();
            if (result.Status < worst)
            {
                worst = result.Status;
                worstDescription = $"{ns.Name}: {result.Description ?? result.Status.ToString()}";
                worstException = result.Exception;
            }
        }

        return new HealthCheckResult(worst, worstDescription ?? $"{data.Count} adapters healthy.", worstException, data);
    }
}
