namespace TypedSocketIO.EngineIO;

/// <summary>
/// Drives the heartbeat of every session of one server from a single timer. A timer per session
/// would cost each idle connection memory and each handshake a trip through the runtime's shared
/// timer queue; a sweep twenty times per ping interval costs neither, and sends each ping and
/// enforces each timeout at most one tick (5% of the shorter of the two settings) late.
/// </summary>
internal sealed class HeartbeatSweeper
{
    private static readonly TimeSpan ShortestTick = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestTick = TimeSpan.FromSeconds(1);

    private readonly EngineIOServer _server;
    private readonly Timer _timer;
    private readonly TimeSpan _tick;
    private int _running;

    public HeartbeatSweeper(EngineIOServer server)
    {
        _server = server;
        var shorter = server.Options.PingInterval < server.Options.PingTimeout ? server.Options.PingInterval : server.Options.PingTimeout;
        _tick = server.Options.HeartbeatSweepInterval
            ?? TimeSpan.FromTicks(Math.Clamp(shorter.Ticks / 20, ShortestTick.Ticks, LongestTick.Ticks));
        // Armed only while there are sessions: an idle server has no timer keeping it alive.
        _timer = new Timer(static state => ((HeartbeatSweeper)state!).Sweep(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Whether the timer is armed (it stops once the server has no sessions).</summary>
    public bool IsRunning => Volatile.Read(ref _running) == 1;

    /// <summary>Starts sweeping, if it has stopped; called after each new session is registered.</summary>
    public void EnsureRunning()
    {
        if (Interlocked.Exchange(ref _running, 1) == 0)
        {
            _timer.Change(_tick, Timeout.InfiniteTimeSpan);
        }
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var connection in _server.Sessions)
        {
            connection.OnHeartbeatTick(now);
        }

        if (_server.SessionCount == 0)
        {
            // Stop, unless a session arrived after the count was read: its EnsureRunning may have
            // seen this sweeper still running and done nothing.
            Interlocked.Exchange(ref _running, 0);
            if (_server.SessionCount == 0 || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            {
                return;
            }
        }

        _timer.Change(_tick, Timeout.InfiniteTimeSpan);
    }
}
