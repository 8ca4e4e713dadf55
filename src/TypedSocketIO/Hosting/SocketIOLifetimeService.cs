using Microsoft.Extensions.Hosting;

namespace TypedSocketIO;

/// <summary>
/// Stops the Socket.IO server with the host. As soon as the application starts stopping, the
/// server refuses handshakes, closes every connection (so long polls and WebSockets do not hold
/// Kestrel's shutdown) and fails pending acknowledgements. Before any hosted service stops, the
/// host then waits for the disconnect handlers, but no longer than its shutdown timeout.
/// </summary>
internal sealed class SocketIOLifetimeService(SocketIOServer server, IHostApplicationLifetime lifetime) : IHostedLifecycleService
{
    private CancellationTokenRegistration _registration;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Only starts the close: a stopping callback that waited for user handlers would block the host.
        _registration = lifetime.ApplicationStopping.Register(static state => _ = ((SocketIOServer)state!).CloseAsync(), server);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before every hosted service's StopAsync, so Kestrel still answers (and refuses handshakes) meanwhile.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await server.CloseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            server.Log.ShutdownTimedOut(); // the handlers go on in the background; the host stops anyway
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
