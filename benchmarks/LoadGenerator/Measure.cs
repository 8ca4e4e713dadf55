using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace TypedSocketIO.Benchmarks.Load;

/// <summary>One reading of the clocks a scenario is measured with: wall time, CPU of the generator, the server and the whole machine.</summary>
internal sealed record Snapshot(long Timestamp, double GeneratorCpuS, double ServerCpuS, double MachineBusyS, long? ServerAllocatedBytes)
{
    public double WallS(Snapshot later) => (later.Timestamp - Timestamp) / (double)Stopwatch.Frequency;

    /// <summary>This snapshot moved on by what happened between <paramref name="from"/> and <paramref name="to"/>: two windows measured as one.</summary>
    public Snapshot Plus(Snapshot from, Snapshot to) => new(
        Timestamp + (to.Timestamp - from.Timestamp),
        GeneratorCpuS + (to.GeneratorCpuS - from.GeneratorCpuS),
        ServerCpuS + (to.ServerCpuS - from.ServerCpuS),
        MachineBusyS + (to.MachineBusyS - from.MachineBusyS),
        ServerAllocatedBytes + (to.ServerAllocatedBytes - from.ServerAllocatedBytes));
}

/// <summary>Reads the server process by PID from /proc, its benchmark endpoint, and this process's own CPU.</summary>
internal sealed partial class Measure(int serverPid, Uri baseUrl) : IDisposable
{
    private static readonly double TicksPerSecond = ClockTicks();
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };

    public int ServerPid => serverPid;

    public async Task<Snapshot> TakeAsync()
    {
        var allocated = await ServerAllocatedBytesAsync().ConfigureAwait(false);
        using var self = Process.GetCurrentProcess();
        return new Snapshot(Stopwatch.GetTimestamp(), self.TotalProcessorTime.TotalSeconds, ServerCpuSeconds(), MachineBusySeconds(), allocated);
    }

    /// <summary>utime + stime of every thread of the server (fields 14 and 15 of /proc/PID/stat).</summary>
    public double ServerCpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{serverPid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>The server's resident set (VmRSS), in bytes.</summary>
    public long ServerRssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{serverPid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>Non-idle CPU time of the whole machine, all cores (from /proc/stat).</summary>
    public static double MachineBusySeconds()
    {
        var line = File.ReadLines("/proc/stat").First();
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long total = 0;
        for (var i = 1; i < Math.Min(parts.Length, 9); i++)
        {
            total += long.Parse(parts[i], CultureInfo.InvariantCulture);
        }

        var idle = long.Parse(parts[4], CultureInfo.InvariantCulture) + long.Parse(parts[5], CultureInfo.InvariantCulture);
        return (total - idle) / TicksPerSecond;
    }

    /// <summary>GC.GetTotalAllocatedBytes of a .NET server (null for Node, which does not report it).</summary>
    public async Task<long?> ServerAllocatedBytesAsync()
    {
        try
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync("/bench/stats").ConfigureAwait(false));
            return document.RootElement.TryGetProperty("allocatedBytes", out var value) ? value.GetInt64() : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Asks the server for a full garbage collection (all three servers expose it), waits for it,
    /// and returns the heap in use after it (managed heap for .NET, JS heap for Node), if reported.
    /// </summary>
    public async Task<long?> CollectServerGarbageAsync()
    {
        try
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync("/bench/gc").ConfigureAwait(false));
            return document.RootElement.TryGetProperty("heapBytes", out var value) ? value.GetInt64() : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();

    private static double ClockTicks()
    {
        try
        {
            var ticks = SysConf(2); // _SC_CLK_TCK
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
