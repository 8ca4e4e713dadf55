using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace TypedSocketIO.Benchmarks.Load;

/// <summary>Turns the result rows of one run into a Markdown table (absolute numbers, ratios, targets, CPU) and an SVG chart.</summary>
internal static class Report
{
    private static readonly string[] Servers = ["ours", "node", "raw"];

    private static readonly Dictionary<string, string> ServerNames = new()
    {
        ["ours"] = "TypedSocketIO",
        ["node"] = "Node socket.io",
        ["raw"] = "raw Kestrel",
    };

    private static readonly Dictionary<string, string> Colors = new()
    {
        ["ours"] = "#2f6db5",
        ["node"] = "#5fa843",
        ["raw"] = "#9a9a9a",
    };

    /// <summary>A headline metric and the targets it is held to (factor × the other server's value).</summary>
    private sealed record Metric(string Scenario, string Key, string Label, string Unit, bool HigherIsBetter, Target[] Targets, bool Chart = false);

    private sealed record Target(string Against, string Op, double Factor)
    {
        public override string ToString() => $"{Op} {Factor.ToString("0.##", CultureInfo.InvariantCulture)}× {Against}";

        public bool Met(double ours, double other) => Op switch
        {
            "≥" => ours >= Factor * other,
            "≤" => ours <= Factor * other,
            "<" => ours < Factor * other,
            _ => false,
        };
    }

    private static readonly Metric[] Metrics =
    [
        new("echo", "opsPerSec", "echo throughput, 100 × 8, 64 B", "acks/s", true, [new("raw", "≥", 0.7), new("node", "≥", 5)], Chart: true),
        new("echo", "p50Us", "echo p50", "µs", false, []),
        new("echo", "p99Us", "echo p99", "µs", false, [new("raw", "≤", 1.5)], Chart: true),
        new("echo", "p999Us", "echo p99.9", "µs", false, []),
        new("latency", "p50Us", "unloaded round trip p50, 10 × 1", "µs", false, [], Chart: true),
        new("latency", "p99Us", "unloaded round trip p99", "µs", false, []),
        new("latency", "p999Us", "unloaded round trip p99.9", "µs", false, []),
        new("broadcast", "opsPerSec", "broadcast to 1000 receivers", "deliveries/s", true, [new("raw", "≥", 0.8), new("node", "≥", 3)], Chart: true),
        new("broadcast", "p50Us", "broadcast end-to-end p50", "µs", false, []),
        new("broadcast", "p99Us", "broadcast end-to-end p99", "µs", false, [], Chart: true),
        new("connect-warm", "opsPerSec", "connection rate, warm server (EIO open + SIO CONNECT)", "conn/s", true, [new("raw", "≥", 0.8)], Chart: true),
        new("connect-warm", "p99Us", "connection handshake p99, warm server", "µs", false, []),
        new("connect", "opsPerSec", "connection rate, fresh process (first connections, JIT included)", "conn/s", true, []),
        new("connect", "idleBytesPerConnection", "idle RSS per connection (growth over all N, fresh process)", "bytes", false, [new("raw", "≤", 1), new("node", "<", 1)], Chart: true),
        new("connect", "idleMarginalBytesPerConnection", "idle RSS per connection, second half only", "bytes", false, []),
        new("connect", "idleHeapBytesPerConnection", "idle heap per connection (after a full GC)", "bytes", false, []),
        new("polling", "opsPerSec", "long-polling echo, 50 × 8", "acks/s", true, [], Chart: true),
        new("polling", "p99Us", "long-polling echo p99", "µs", false, []),
    ];

    public static void Write(string resultsPath, string markdownPath, string svgPath, string title)
    {
        var rows = new Dictionary<(string Scenario, string Server), JsonElement>();
        foreach (var line in File.ReadLines(resultsPath))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var row = JsonDocument.Parse(line).RootElement.Clone();
            rows[(Text(row, "scenario"), Text(row, "server"))] = row; // the last run of a pair wins
        }

        File.WriteAllText(markdownPath, Markdown(rows));
        File.WriteAllText(svgPath, Svg(rows, title));
    }

    private static string Markdown(Dictionary<(string Scenario, string Server), JsonElement> rows)
    {
        var md = new StringBuilder();
        // A smoke run (--quick) is too short and too small to judge a target: 1000 connections
        // make one-time costs look like per-connection memory, three seconds make rates noisy.
        var smoke = rows.Values.Any(row => row.TryGetProperty("quick", out var quick) && quick.ValueKind == JsonValueKind.True);
        if (smoke)
        {
            md.AppendLine("Smoke run (`--quick`): targets are not judged; run without `--quick` for that.");
            md.AppendLine();
        }

        md.AppendLine("| scenario | unit | TypedSocketIO | Node socket.io | raw Kestrel | ours/Node | ours/raw | target | met |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|---|:-:|");
        foreach (var metric in Metrics)
        {
            var values = Servers.ToDictionary(server => server, server => Value(rows, metric.Scenario, server, metric.Key));
            var ours = values["ours"];
            var met = metric.Targets.Length == 0 ? ""
                : smoke ? "smoke run"
                : metric.Targets.All(t => ours is { } o && values[t.Against] is { } v && t.Met(o, v)) ? "yes"
                : metric.Targets.Any(t => ours is null || values[t.Against] is null) ? "n/a" : "**no**";
            md.Append(CultureInfo.InvariantCulture, $"| {metric.Label} | {metric.Unit} | {Format(ours)} | {Format(values["node"])} | {Format(values["raw"])} | ")
              .Append(CultureInfo.InvariantCulture, $"{Ratio(ours, values["node"])} | {Ratio(ours, values["raw"])} | {string.Join(", ", metric.Targets.Select(t => t.ToString()))} | {met} |")
              .AppendLine();
        }

        md.AppendLine();
        md.AppendLine("Ratios are ours ÷ theirs: above 1 is better for rates, below 1 is better for latencies and memory.");
        md.AppendLine();
        md.AppendLine("CPU during each measured window, in % of one core (the machine has " + Environment.ProcessorCount + "); *others* is everything else running on the machine then; generator share = generator ÷ (generator + server).");
        md.AppendLine();
        md.AppendLine("| scenario | server | server CPU % | generator CPU % | others % | generator share | server CPU µs/op | server alloc B/op | frames per generator read | errors |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var scenario in new[] { "echo", "latency", "broadcast", "connect", "connect-warm", "polling" })
        {
            foreach (var server in Servers)
            {
                if (!rows.TryGetValue((scenario, server), out var row))
                {
                    continue;
                }

                if (row.TryGetProperty("failed", out var failed))
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {scenario} | {ServerNames[server]} | failed: {failed.GetString()} ||||||||");
                    continue;
                }

                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {scenario} | {ServerNames[server]} | {Format(Number(row, "serverCpuPct"))} | {Format(Number(row, "generatorCpuPct"))} | {Format(Number(row, "otherCpuPct"))} | {Format(Number(row, "generatorCpuShare") * 100)}% | {Format(Number(row, "serverCpuUsPerOp"))} | {Format(Number(row, "serverAllocBytesPerOp"))} | {Format(Number(row, "generatorFramesPerReceive"))} | {Format(Number(row, "errors"))} |");
            }
        }

        return md.ToString();
    }

    private static string Svg(Dictionary<(string Scenario, string Server), JsonElement> rows, string title)
    {
        const int width = 960, left = 300, barHeight = 16, gap = 4, groupGap = 18, valueRoom = 220;
        var charted = Metrics.Where(m => m.Chart).ToArray();
        var height = 80 + (charted.Length * ((3 * (barHeight + gap)) + groupGap));
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{Escape(title)}</text>");
        svg.AppendLine("<text x=\"16\" y=\"42\" fill=\"#555\">Each group is scaled to its largest value; ↑ higher is better, ↓ lower is better.</text>");
        var legendX = 16;
        foreach (var server in Servers)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"50\" width=\"12\" height=\"12\" fill=\"{Colors[server]}\"/><text x=\"{legendX + 16}\" y=\"60\">{ServerNames[server]}</text>");
            legendX += 150;
        }

        var y = 80;
        var barRoom = width - left - valueRoom;
        foreach (var metric in charted)
        {
            var values = Servers.Select(server => (server, value: Value(rows, metric.Scenario, server, metric.Key))).ToArray();
            var max = values.Max(v => v.value ?? 0);
            var arrow = metric.HigherIsBetter ? "↑" : "↓";
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{y + barHeight + gap + 12}\" font-weight=\"bold\">{Escape(metric.Label)} {arrow}</text>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{y + (2 * (barHeight + gap)) + 14}\" fill=\"#555\">{Escape(metric.Unit)}</text>");
            var ours = values[0].value;
            foreach (var (server, value) in values)
            {
                var length = value is { } v && max > 0 ? Math.Max(1, v / max * barRoom) : 0;
                var label = value is null ? "n/a" : Format(value);
                if (server != "ours" && ours is { } o && value is { } t && t != 0)
                {
                    label += $" (ours ÷ this: {(o / t).ToString("0.00", CultureInfo.InvariantCulture)}×)";
                }

                svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y}\" width=\"{length:0.#}\" height=\"{barHeight}\" fill=\"{Colors[server]}\"/>");
                svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left + length + 6:0.#}\" y=\"{y + barHeight - 4}\">{Escape(label)}</text>");
                y += barHeight + gap;
            }

            y += groupGap;
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static double? Value(Dictionary<(string Scenario, string Server), JsonElement> rows, string scenario, string server, string key) =>
        rows.TryGetValue((scenario, server), out var row) && !row.TryGetProperty("failed", out _) ? Number(row, key) : null;

    private static double? Number(JsonElement row, string key) =>
        row.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string Text(JsonElement row, string key) => row.GetProperty(key).GetString() ?? "";

    private static string Ratio(double? ours, double? other) =>
        ours is { } o && other is { } t && t != 0 ? (o / t).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    private static string Format(double? value) => value switch
    {
        null => "–",
        { } v when Math.Abs(v) >= 100 => v.ToString("N0", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 10 => v.ToString("0.0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
