using Microsoft.Extensions.Logging;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// Sets up the admin namespace on a server, as Node's <c>instrument()</c>: authentication, the
/// <c>config</c> message (and, in development mode, <c>all_sockets</c>) for every admin socket
/// that connects, the UI's actions unless read-only, the live events in development mode, and
/// the statistics.
/// </summary>
internal sealed class AdminInstrumentation : IDisposable
{
    private readonly SocketIOServer _server;
    private readonly AdminUIOptions _options;
    private readonly bool _development;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ServerNamespace _admin;
    private readonly AdminPackets _packets;
    private readonly AdminBroadcast _broadcast;
    private readonly ServerStats _stats;
    private readonly string[] _supportedFeatures;

    public AdminInstrumentation(SocketIOServer server, AdminUIOptions options, AdminUIMode mode, TimeProvider time, ILogger logger)
    {
        _server = server;
        _options = options;
        _development = mode == AdminUIMode.Development;
        _logger = logger;
        _time = time;
        _admin = server.Of(options.NamespaceName);
        _packets = new AdminPackets(_admin, time);
        _broadcast = new AdminBroadcast(_admin, logger);
        _stats = new ServerStats(server, _packets, _broadcast, time, options.ServerId, options.StatsInterval, logger);
        _supportedFeatures = SupportedFeatures(options.ReadOnly, _development);
    }

    /// <summary>What the UI may offer (Node's <c>Feature</c> names): its actions, unless read-only; the charts; the live events in development mode.</summary>
    public static string[] SupportedFeatures(bool readOnly, bool development)
    {
        var features = readOnly ? new List<string>() : ["EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT"];
        features.Add("AGGREGATED_EVENTS");
        if (development)
        {
            features.Add("ALL_EVENTS");
        }

        return [.. features];
    }

    public void Start()
    {
        if (!_options.AllowAnonymous)
        {
            var sessions = new AdminSessions(_options.SessionDuration, _time);
            var authentication = new AdminAuthentication(_options.Username!, new PasswordCheck(_options.PasswordHash!), sessions, _packets);
            _admin.Use(authentication.CheckAsync);
        }
        else
        {
            _logger.LogWarning("The admin UI's namespace {Namespace} accepts anyone: AllowAnonymous is set.", _admin.Name);
        }

        if (!_options.ReadOnly)
        {
            new AdminActions(_server, _logger).Register(_admin);
        }

        _admin.OnConnect(OnAdminConnectAsync);
        _admin.OnDisconnect((_, _) =>
        {
            _broadcast.OnAdminLeft();
            return ValueTask.CompletedTask;
        });

        if (_development)
        {
            new DevelopmentEvents(_server, _admin, _packets, _broadcast).Start();
        }

        _stats.Start();
    }

    private async ValueTask OnAdminConnectAsync(Socket socket)
    {
        _broadcast.OnAdminJoining();
        socket.Send(_packets.Config(_supportedFeatures));
        if (_development)
        {
            var sockets = new List<Socket>();
            foreach (var ns in _server.Namespaces)
            {
                sockets.AddRange(await ns.FetchSocketsAsync().ConfigureAwait(false));
            }

            socket.Send(_packets.AllSockets(sockets));
        }
    }

    public void Dispose() => _stats.Dispose();
}
