using System.Diagnostics;

namespace TypedSocketIO.PackageTests.Infrastructure;

/// <summary>Runs the <c>dotnet</c> CLI as a user's shell would, outside the test host's MSBuild environment.</summary>
public static class DotNet
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>
    /// Runs <c>dotnet <paramref name="args"/></c> in <paramref name="directory"/> and fails with
    /// its output when it exits non-zero or outlives <paramref name="timeout"/>.
    /// </summary>
    public static async Task<string> RunAsync(string directory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var result = await TryRunAsync(directory, timeout, environment, args);
        if (result.ExitCode != 0)
        {
            var errors = result.Output.Split('\n').Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(30);
            throw new InvalidOperationException(
                $"`dotnet {string.Join(' ', args)}` in {directory} failed ({result.ExitCode}):\n{string.Join('\n', errors)}\n-- last lines:\n{Tail(result.Output)}");
        }

        return result.Output;
    }

    public static async Task<Result> TryRunAsync(string directory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = StartInfo("dotnet", directory, environment);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var output = new OutputBuffer();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        output.Attach(process);
        using (var cancel = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                throw new TimeoutException($"`dotnet {string.Join(' ', args)}` did not finish within {timeout}:\n{output.Tail()}");
            }
        }

        process.WaitForExit(); // flushes the redirected output
        return new Result(process.ExitCode, output.ToString());
    }

    /// <summary>
    /// A start for <paramref name="fileName"/> with the output redirected and the environment of
    /// a shell: without the MSBuild variables the test host runs under, no build server left behind.
    /// </summary>
    public static ProcessStartInfo StartInfo(string fileName, string directory, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static string Tail(string text, int lines = 30)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
