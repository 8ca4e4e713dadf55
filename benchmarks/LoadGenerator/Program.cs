using System.Globalization;
using System.Net;
using System.Text.Json;
using TypedSocketIO.Benchmarks.Load;

// The benchmark load generator.
//   suite  --server NAME --url http://127.0.0.1:PORT --pid PID --out results.jsonl [--quick] [--scenarios connect,connect-warm,latency,echo,broadcast,polling]
//          [--hold SECONDS]  (how long connect keeps its connections idle; default 2)
//   report --results results.jsonl --md table.md --svg chart.svg [--title TEXT]
// Each scenario appends one JSON line to --out.
var options = ParseOptions(args.Skip(1));
switch (args.FirstOrDefault())
{
    case "suite":
        return await RunSuiteAsync(options);
    case "report":
        Report.Write(Required(options, "results"), Required(options, "md"), Required(options, "svg"), options.GetValueOrDefault("title") ?? "results");
        return 0;
    default:
        Console.Error.WriteLine("usage: LoadGenerator suite|report [options] (see Program.cs)");
        return 2;
}

static async Task<int> RunSuiteAsync(Dictionary<string, string?> options)
{
    var server = Required(options, "server");
    var url = new Uri(Required(options, "url"));
    var pid = int.Parse(Required(options, "pid"), CultureInfo.InvariantCulture);
    var output = Required(options, "out");
    var settings = options.ContainsKey("quick") ? Settings.Quick : new Settings();
    if (options.GetValueOrDefault("hold") is { } hold)
    {
        settings = settings with { ConnectHoldS = double.Parse(hold, CultureInfo.InvariantCulture) };
    }
    var scenarios = (options.GetValueOrDefault("scenarios") ?? "connect,connect-warm,latency,echo,broadcast,polling").Split(',', StringSplitOptions.RemoveEmptyEntries);
    var endpoint = new IPEndPoint(IPAddress.Parse(url.Host), url.Port);

    using var measure = new Measure(pid, url);
    var runner = new Scenarios(endpoint, measure, settings, server);
    var failures = 0;
    foreach (var scenario in scenarios)
    {
        Console.Error.WriteLine($"[{server}] {scenario} ...");
        Dictionary<string, object?> row;
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(settings.WarmupS + settings.DurationS + 120));
            var work = scenario switch
            {
                "connect" => runner.ConnectAsync(),
                "connect-warm" => runner.ConnectWarmAsync(),
                "latency" => runner.EchoAsync("latency", settings.LatencyConnections, 1),
                "echo" => runner.EchoAsync("echo", settings.EchoConnections, settings.EchoInflight),
                "broadcast" => runner.BroadcastAsync(),
                "polling" => runner.PollingEchoAsync(),
                _ => throw new ArgumentException("unknown scenario " + scenario),
            };
            row = await work.WaitAsync(limit.Token);
        }
        catch (Exception exception) when (exception is not ArgumentException)
        {
            Console.Error.WriteLine($"[{server}] {scenario} failed: {exception}");
            row = new() { ["server"] = server, ["scenario"] = scenario, ["failed"] = exception.Message };
            failures++;
        }

        row["quick"] = options.ContainsKey("quick");
        var line = JsonSerializer.Serialize(row);
        Console.Error.WriteLine($"[{server}] {scenario}: {Summary(row)}");
        await File.AppendAllTextAsync(output, line + "\n");
    }

    return failures == 0 ? 0 : 1;
}

static string Summary(Dictionary<string, object?> row)
{
    string F(string key, string format) => row.TryGetValue(key, out var value) && value is IFormattable f ? f.ToString(format, CultureInfo.InvariantCulture) : "-";
    return $"{F("opsPerSec", "N0")}/s p50 {F("p50Us", "N0")} µs p99 {F("p99Us", "N0")} µs p99.9 {F("p999Us", "N0")} µs; server CPU {F("serverCpuPct", "N0")}%, generator CPU {F("generatorCpuPct", "N0")}%, others {F("otherCpuPct", "N0")}%; errors {F("errors", "N0")}"
        + (row.ContainsKey("idleBytesPerConnection") ? $"; idle {F("idleBytesPerConnection", "N0")} B/conn RSS, {F("idleHeapBytesPerConnection", "N0")} B/conn heap" : "");
}

static Dictionary<string, string?> ParseOptions(IEnumerable<string> args)
{
    var result = new Dictionary<string, string?>(StringComparer.Ordinal);
    string? pending = null;
    foreach (var arg in args)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            if (pending is not null)
            {
                result[pending] = null;
            }

            pending = arg[2..];
        }
        else if (pending is not null)
        {
            result[pending] = arg;
            pending = null;
        }
    }

    if (pending is not null)
    {
        result[pending] = null;
    }

    return result;
}

static string Required(Dictionary<string, string?> options, string name) =>
    options.GetValueOrDefault(name) ?? throw new ArgumentException($"--{name} is required");
