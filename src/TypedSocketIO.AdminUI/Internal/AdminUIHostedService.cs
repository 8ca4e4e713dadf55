using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// Instruments the Socket.IO server as the host starts, before any hosted service's start (and so
/// before Kestrel takes a connection); stops the statistics when the host stops.
/// </summary>
internal sealed class AdminUIHostedService(IServiceProvider services, IOptions<AdminUIOptions> options, IHostEnvironment environment, ILoggerFactory loggerFactory) : IHostedLifecycleService
{
    private AdminInstrumentation? _instrumentation;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var mode = settings.Mode ?? (environment.IsDevelopment() ? AdminUIMode.Development : AdminUIMode.Production);
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _instrumentation = new AdminInstrumentation(services.GetRequiredService<SocketIOServer>(), settings, mode, time, loggerFactory.CreateLogger("TypedSocketIO.AdminUI"));
        _instrumentation.Start();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _instrumentation?.Dispose();
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
