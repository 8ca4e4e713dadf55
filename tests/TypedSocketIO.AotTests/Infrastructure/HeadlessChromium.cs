using System.Diagnostics;
using System.Globalization;

namespace TypedSocketIO.AotTests.Infrastructure;

/// <summary>
/// A headless Chromium with the DevTools endpoint on a loopback port and a throw-away profile;
/// disposing kills it (by its PID, with its child processes) and deletes the profile.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly OutputBuffer _log = new();

    private HeadlessChromium(Process process, DirectoryInfo profile)
    {
        _process = process;
        _profile = profile;
        _log.Attach(process);
    }

    /// <summary>http://127.0.0.1:port of the DevTools endpoint.</summary>
    public string DevToolsUrl { get; private set; } = "";

    public int Pid => _process.Id;

    /// <summary>What Chromium printed (mostly noise; useful when it fails to start).</summary>
    public string Log => _log.Tail();

    public static async Task<HeadlessChromium> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install the Debian package chromium (scripts/test.sh does).");
        }

        var profile = Directory.CreateTempSubdirectory("typedsocketio-chromium-");
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio",
            "--remote-debugging-port=0", // the chosen port goes to <profile>/DevToolsActivePort
            "--user-data-dir=" + profile.FullName,
            "about:blank",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var chromium = new HeadlessChromium(Process.Start(start) ?? throw new InvalidOperationException("chromium did not start"), profile);
        try
        {
            chromium.DevToolsUrl = $"http://127.0.0.1:{await chromium.DevToolsPortAsync()}";
            return chromium;
        }
        catch
        {
            await chromium.DisposeAsync();
            throw;
        }
    }

    private async Task<int> DevToolsPortAsync()
    {
        var file = Path.Combine(_profile.FullName, "DevToolsActivePort");
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"chromium exited ({_process.ExitCode}) at start:\n{Log}");
            }

            if (File.Exists(file))
            {
                var lines = await File.ReadAllLinesAsync(file);
                if (lines.Length > 0 && int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0)
                {
                    return port;
                }
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"chromium wrote no DevToolsActivePort within {StartTimeout}:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or stuck: nothing more to do by PID.
        }

        _process.Dispose();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                _profile.Delete(recursive: true);
                break;
            }
            catch (IOException)
            {
                await Task.Delay(200); // a last child may still be writing its profile
            }
        }
    }
}
