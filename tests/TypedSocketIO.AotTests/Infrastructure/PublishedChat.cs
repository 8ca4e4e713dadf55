using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace TypedSocketIO.AotTests.Infrastructure;

/// <summary>
/// samples/Chat published with NativeAOT into a temporary folder, once per test run, and its
/// native binary serving on a free loopback port; the binary is killed by its PID at the end.
/// The environment variable <c>TYPEDSOCKETIO_AOT_CHAT</c> may name a folder with an already
/// published Chat, to skip the publish while working on the tests.
/// </summary>
public sealed class PublishedChat(IMessageSink diagnostics) : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly OutputBuffer _publishLog = new();
    private readonly OutputBuffer _serverLog = new();
    private DirectoryInfo? _temp;
    private Process? _server;

    public static string RuntimeIdentifier { get; } =
        RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>The folder the publish wrote.</summary>
    public string PublishDirectory { get; private set; } = "";

    /// <summary>The native executable.</summary>
    public string BinaryPath => Path.Combine(PublishDirectory, "Chat");

    /// <summary>What <c>dotnet publish</c> printed ("" when an existing publish was used).</summary>
    public string PublishLog => _publishLog.ToString();

    public TimeSpan? PublishTime { get; private set; }

    /// <summary>http://127.0.0.1:port of the running binary.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>What the running binary logged so far.</summary>
    public string ServerLog => _serverLog.Tail();

    public async Task InitializeAsync()
    {
        var existing = Environment.GetEnvironmentVariable("TYPEDSOCKETIO_AOT_CHAT");
        if (string.IsNullOrEmpty(existing))
        {
            await PublishAsync();
        }
        else
        {
            PublishDirectory = Path.GetFullPath(existing);
        }

        if (!File.Exists(BinaryPath))
        {
            throw new InvalidOperationException($"No native Chat binary at {BinaryPath}.");
        }

        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is { } server)
        {
            try
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                }

                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await server.WaitForExitAsync(wait.Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                diagnostics.OnMessage(new DiagnosticMessage($"The Chat binary (PID {server.Id}) did not stop: {e.Message}"));
            }

            server.Dispose();
        }

        try
        {
            _temp?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is no test failure.
        }
    }

    private async Task PublishAsync()
    {
        // No npm step here: the publish runs `npm ci` for samples/Chat itself when node_modules is missing.
        _temp = Directory.CreateTempSubdirectory("typedsocketio-aot-");
        PublishDirectory = Path.Combine(_temp.FullName, "publish");

        // Its own artifacts folder: the publish leaves the obj/ and bin/ folders of the working tree alone.
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "publish", Path.Combine(RepositoryPaths.ChatSample, "Chat.csproj"),
            "-c", "Release", "-r", RuntimeIdentifier,
            "--artifacts-path", Path.Combine(_temp.FullName, "artifacts"),
            "-o", PublishDirectory,
            "--disable-build-servers", "-nologo", "-tl:off",
        })
        {
            start.ArgumentList.Add(arg);
        }

        // The test host runs under MSBuild's environment; a child build must not inherit it.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _publishLog.Attach(process);
        using (var cancel = new CancellationTokenSource(PublishTimeout))
        {
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"dotnet publish did not finish within {PublishTimeout}:\n{_publishLog.Tail()}");
            }
        }

        process.WaitForExit(); // flushes the redirected output
        PublishTime = watch.Elapsed;
        if (process.ExitCode != 0)
        {
            var errors = PublishLog.Split('\n').Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(30);
            throw new InvalidOperationException(
                $"dotnet publish samples/Chat -r {RuntimeIdentifier} failed ({process.ExitCode}); NativeAOT needs clang and zlib1g-dev.\n"
                + string.Join('\n', errors) + "\n" + _publishLog.Tail(20));
        }

        diagnostics.OnMessage(new DiagnosticMessage(
            $"Chat published with NativeAOT in {PublishTime.Value.TotalSeconds:F0} s; {BinaryPath} is {new FileInfo(BinaryPath).Length / 1024.0 / 1024.0:F1} MiB"));
    }

    private async Task StartAsync()
    {
        // A free port can be taken between the probe and the bind: try a few.
        for (var attempt = 1; ; attempt++)
        {
            BaseUrl = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo(BinaryPath)
            {
                WorkingDirectory = PublishDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "--urls", BaseUrl, "--contentRoot", PublishDirectory })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            _server = Process.Start(start) ?? throw new InvalidOperationException("the Chat binary did not start");
            _serverLog.Attach(_server);
            if (await AnswersAsync(_server))
            {
                return;
            }

            var log = _serverLog.Tail();
            _server.Dispose();
            _server = null;
            if (attempt == 3 || !log.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The native Chat binary did not answer on {BaseUrl}:\n{log}");
            }
        }
    }

    /// <summary>Waits until GET / answers; false when the process exits first.</summary>
    private async Task<bool> AnswersAsync(Process server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl + "/");
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        throw new InvalidOperationException($"The native Chat binary (PID {server.Id}) did not answer GET / within {StartTimeout}:\n{_serverLog.Tail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The tests that share one published, running Chat binary.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedChatCollection : ICollectionFixture<PublishedChat>
{
    public const string Name = "NativeAOT Chat";
}
