using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace TypedSocketIO.BrowserTests.Infrastructure;

/// <summary>
/// samples/Chat as a user runs it: its Chat.dll (as built, the path recorded by this project's
/// build) in a process of its own, listening on a port the OS picks on 127.0.0.1. Disposing
/// kills that process by its PID.
/// </summary>
public sealed partial class ChatApp(IMessageSink diagnostics) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly OutputBuffer _log = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    /// <summary>The Chat.dll the tests run.</summary>
    public static string AppPath { get; } =
        typeof(ChatApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ChatApp").Value
        ?? throw new InvalidOperationException("the build recorded no ChatApp path");

    /// <summary>http://127.0.0.1:port of the running app.</summary>
    public string BaseUrl { get; private set; } = "";

    public int Pid => _process?.Id ?? 0;

    /// <summary>What the app logged so far (its last lines).</summary>
    public string Log => _log.Tail();

    public async Task InitializeAsync()
    {
        if (!File.Exists(AppPath))
        {
            throw new InvalidOperationException($"{AppPath} is missing: build samples/Chat (dotnet build TypedSocketIO.sln).");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.ChatSample,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Port 0: the OS picks a free one, and the app logs it ("Now listening on: ...").
        foreach (var arg in new[] { AppPath, "--urls", "http://127.0.0.1:0", "--contentRoot", RepositoryPaths.ChatSample })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningOn().Match(line) is { Success: true } match)
            {
                _listening.TrySetResult(match.Groups["url"].Value);
            }
        };
        _process = process;
        process.Start();
        _log.Attach(process);

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(StartTimeout));
        if (first != _listening.Task)
        {
            var why = first == exited ? $"exited ({process.ExitCode})" : $"logged no address within {StartTimeout.TotalSeconds:F0} s";
            throw new InvalidOperationException($"The Chat app (PID {process.Id}) {why}:\n{Log}");
        }

        BaseUrl = await _listening.Task;
        diagnostics.OnMessage(new DiagnosticMessage($"Chat app PID {process.Id} at {BaseUrl}"));
    }

    public async Task DisposeAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

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
            diagnostics.OnMessage(new DiagnosticMessage($"The Chat app (PID {process.Id}) did not stop: {e.Message}"));
        }

        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}

/// <summary>The tests that share one running Chat app.</summary>
[CollectionDefinition(Name)]
public sealed class ChatAppCollection : ICollectionFixture<ChatApp>
{
    public const string Name = "Chat app";
}
