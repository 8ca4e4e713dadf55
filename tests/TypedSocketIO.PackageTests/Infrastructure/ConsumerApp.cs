using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TypedSocketIO.PackageTests.Infrastructure;

/// <summary>
/// A user's web project in a folder of its own: written with a typed namespace, built, and run
/// on a free loopback port (killed by its PID when disposed).
/// </summary>
public sealed class ConsumerApp(string directory, IReadOnlyDictionary<string, string>? environment) : IAsyncDisposable
{
    public const string Name = "Consumer";

    /// <summary>The namespace and its events that tests/js/package/typed-ack.mjs expects.</summary>
    public const string Program = """
        using TypedSocketIO;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSocketIO().AddNamespace<GreeterNamespace>();
        var app = builder.Build();
        app.MapSocketIO();
        app.Run();

        public interface IGreeterClient
        {
            ValueTask Greeted(string text);
        }

        [SocketIONamespace("/greeter")]
        public sealed partial class GreeterNamespace : Namespace<IGreeterClient>
        {
            public int on_add(int a, int b) => a + b;

            public ValueTask on_hello(Socket socket, string name) => Client(socket).Greeted($"hello, {name}");
        }
        """;

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly OutputBuffer _log = new();
    private Process? _process;

    public string Directory { get; } = directory;

    /// <summary>http://127.0.0.1:port of the running app.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>What the running app logged so far.</summary>
    public string Log => _log.Tail();

    private string Artifacts => Path.Combine(Directory, "artifacts");

    public void WriteProgram() => File.WriteAllText(Path.Combine(Directory, "Program.cs"), Program);

    /// <summary>
    /// Builds the project with warnings as errors (a warning of the generator or the analyzers
    /// fails it), everything it builds going to its own artifacts folder.
    /// </summary>
    public Task<string> BuildAsync() =>
        DotNet.RunAsync(Directory, BuildTimeout, environment,
            "build", "-c", "Release", "-p:TreatWarningsAsErrors=true", "--artifacts-path", Artifacts, "-nologo", "-tl:off");

    public async Task StartAsync()
    {
        var assembly = Path.Combine(Artifacts, "bin", Name, "release", Name + ".dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"The build wrote no {assembly}.");
        }

        // A free port can be taken between the probe and the bind: try a few.
        for (var attempt = 1; ; attempt++)
        {
            BaseUrl = $"http://127.0.0.1:{FreePort()}";
            var start = DotNet.StartInfo("dotnet", Directory, environment);
            foreach (var arg in new[] { assembly, "--urls", BaseUrl })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            _process = Process.Start(start) ?? throw new InvalidOperationException("the consumer app did not start");
            _log.Attach(_process);
            if (await AnswersAsync(_process))
            {
                return;
            }

            var log = _log.Tail();
            _process.Dispose();
            _process = null;
            if (attempt == 3 || !log.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The consumer app did not answer on {BaseUrl}:\n{log}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(wait.Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                // Already gone, or stuck: nothing more to do by PID.
            }

            process.Dispose();
        }
    }

    /// <summary>Waits until an Engine.IO handshake answers 200; false when the process exits first.</summary>
    private async Task<bool> AnswersAsync(Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl + "/socket.io/?EIO=4&transport=polling");
                if (response.StatusCode == HttpStatusCode.OK)
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

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        throw new InvalidOperationException($"The consumer app (PID {process.Id}) did not answer a handshake within {StartTimeout}:\n{_log.Tail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
