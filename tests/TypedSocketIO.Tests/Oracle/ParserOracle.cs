using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Oracle;

/// <summary>The oracle tests share one node process for the whole run.</summary>
[CollectionDefinition(Name)]
public sealed class ParserOracleCollection : ICollectionFixture<ParserOracle>
{
    public const string Name = "Node's parsers";
}

/// <summary>
/// One long-lived node process running <c>tests/js/oracle/parser-oracle.mjs</c>: Node's own
/// <c>socket.io-parser</c> and <c>engine.io-parser</c>, asked in batches over JSON lines. Every
/// request has a deadline; the process is killed by its id when the run is over.
/// </summary>
public sealed class ParserOracle : IAsyncLifetime
{
    /// <summary>How long one batch may take; a batch of a few hundred packets takes milliseconds.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private const string Script = "oracle/parser-oracle.mjs";

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private int _pid;
    private long _nextId;

    public async Task InitializeAsync()
    {
        foreach (var package in new[] { "socket.io-parser", "engine.io-parser" })
        {
            if (!Directory.Exists(Path.Combine(RepositoryPaths.JsTests, "node_modules", package)))
            {
                throw new InvalidOperationException($"tests/js/node_modules/{package} is missing: run `npm ci` in tests/js (scripts/test.sh does)");
            }
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.JsTests,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Script);
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _pid = _process.Id;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    if (_stderr.Length < 16_000)
                    {
                        _stderr.AppendLine(e.Data);
                    }
                }
            }
        };
        _process.BeginErrorReadLine();

        // The first answer proves that the script and both packages load.
        await RequestAsync("sio.decode", ["{\"text\":\"0\"}"]);
    }

    /// <summary>Sends one batch; returns one result per item: its <c>ok</c> or <c>error</c> object.</summary>
    public async Task<OracleResult[]> RequestAsync(string op, IReadOnlyList<string> itemsJson)
    {
        var process = _process ?? throw new InvalidOperationException("the oracle is not started");
        await _oneAtATime.WaitAsync();
        try
        {
            var id = ++_nextId;
            var request = new StringBuilder();
            request.Append("{\"id\":").Append(id).Append(",\"op\":").Append(OracleJson.Quote(op)).Append(",\"items\":[");
            request.AppendJoin(',', itemsJson).Append("]}\n");

            using var deadline = new CancellationTokenSource(RequestTimeout);
            string? line;
            try
            {
                await process.StandardInput.WriteAsync(request, deadline.Token);
                await process.StandardInput.FlushAsync(deadline.Token);
                line = await process.StandardOutput.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"node's parsers gave no answer to {op} ({itemsJson.Count} items) within {RequestTimeout.TotalSeconds} s{Stderr()}");
            }

            if (line is null)
            {
                throw new InvalidOperationException($"node's parser oracle exited (code {(process.HasExited ? process.ExitCode : -1)}){Stderr()}");
            }

            // Tagged values nest twice as deep as the values they stand for.
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 1024 });
            var root = document.RootElement;
            if (root.TryGetProperty("fatal", out var fatal))
            {
                throw new InvalidOperationException("node's parser oracle: " + fatal.GetString());
            }

            if (root.GetProperty("id").GetInt64() != id)
            {
                throw new InvalidOperationException($"answer {root.GetProperty("id")} to request {id}");
            }

            var results = root.GetProperty("results").EnumerateArray()
                .Select(r => r.TryGetProperty("ok", out var ok) ? new OracleResult(ok.Clone(), null) : new OracleResult(null, r.GetProperty("error").GetString()))
                .ToArray();
            if (results.Length != itemsJson.Count)
            {
                throw new InvalidOperationException($"{results.Length} results for {itemsJson.Count} items");
            }

            return results;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>The synchronous form, for properties (FsCheck runs them synchronously).</summary>
    public OracleResult[] Request(string op, IReadOnlyList<string> itemsJson) => RequestAsync(op, itemsJson).GetAwaiter().GetResult();

    public async Task DisposeAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        try
        {
            process.StandardInput.Close(); // the script exits when its input ends
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                using var byId = Process.GetProcessById(_pid);
                byId.Kill();
                await byId.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // exited meanwhile
            }
        }
        finally
        {
            process.Dispose();
            _oneAtATime.Dispose();
        }
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.Length == 0 ? string.Empty : "; stderr: " + _stderr;
        }
    }
}

/// <summary>What Node answered for one item: a value, or the message of what it threw.</summary>
public sealed record OracleResult(JsonElement? Ok, string? Error)
{
    public JsonElement Value => Ok ?? throw new InvalidOperationException("Node threw: " + Error);

    public bool Threw => Error is not null;
}
