using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace TypedSocketIO.Tests.Shared;

/// <summary>Runs a node script from tests/js and reports its exit code and output.</summary>
public static class NodeRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, bool TimedOut)
    {
        /// <summary>Everything the script said, for assertion messages.</summary>
        public string Output => (Stderr + Stdout).Trim();
    }

    public static async Task<Result> RunAsync(string script, TimeSpan timeout, params string[] args)
    {
        if (!File.Exists(Path.Combine(RepositoryPaths.JsTests, "node_modules", "socket.io-client", "package.json")))
        {
            throw new InvalidOperationException("tests/js/node_modules is missing: run `npm ci` in tests/js.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.JsTests,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("node (Node.js 20 or newer) is needed on the PATH: " + e.Message, e);
        }

        using var _ = process;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Result(-1, stdout.ToString(), stderr.ToString(), TimedOut: true);
        }

        process.WaitForExit(); // flushes the redirected streams
        return new Result(process.ExitCode, stdout.ToString(), stderr.ToString(), TimedOut: false);
    }
}
