using Microsoft.Extensions.Hosting;

namespace TypedSocketIO;

/// <summary>
/// Closes every connection as soon as the application starts stopping, so that long polls and
/// WebSockets end at once instead of holding Kestrel's shutdown until its timeout.
/// </summary>
internal sealed class SocketIOLifetimeService(SocketIOServer server, IHostApplicationLifetime lifetime) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(() => server.CloseAsync().GetAwaiter().GetResult());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }
}
