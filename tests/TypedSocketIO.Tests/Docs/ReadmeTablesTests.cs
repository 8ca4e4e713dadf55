using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TypedSocketIO.Tests.Docs;

/// <summary>
/// The README's reference tables against the code: the options table (every setting of
/// <see cref="SocketIOOptions"/>, its configuration key and its default) and the diagnostics list
/// (every rule the analyzers ship). A new option or rule without its row fails here.
/// </summary>
public sealed partial class ReadmeTablesTests
{
    private static readonly string Readme = Path.Combine(RepositoryPaths.Root, "README.md");

    private static readonly Lazy<IReadOnlyList<OptionRow>> OptionRows = new(() =>
        [.. MarkdownTable.Find(Readme, "## Options", "option").Rows.Select(OptionRow.From)]);

    [Fact]
    public void The_options_table_has_a_row_for_every_setting_and_no_other()
    {
        var documented = OptionRows.Value.Select(row => row.Path).ToList();
        var settings = OptionsCatalogue.All.Select(setting => setting.Path).ToList();

        Assert.Equal(documented.Distinct().Count(), documented.Count);
        Assert.True(settings.Except(documented).ToList() is [], $"README's options table has no row for: {string.Join(", ", settings.Except(documented))}");
        Assert.True(documented.Except(settings).ToList() is [], $"README's options table names what is no setting of SocketIOOptions: {string.Join(", ", documented.Except(settings))}");
    }

    [Fact]
    public void Each_stated_default_is_the_value_of_new_options()
    {
        var wrong = new List<string>();
        foreach (var row in OptionRows.Value)
        {
            var setting = Setting(row);
            var stated = MarkdownTable.CodeSpans(row.Default).FirstOrDefault();
            if (stated is null)
            {
                // Prose is enough only where no value could be written (a JsonSerializerOptions).
                Assert.False(setting.IsSimple, $"README line {row.Line}: the default of {row.Path} must be a `value`");
                continue;
            }

            if (Stated(stated, setting) is not { } check)
            {
                continue;
            }

            if (!check.Matches(setting.Default))
            {
                wrong.Add($"README line {row.Line}: {row.Path} defaults to {Describe(setting.Default)}, the table says `{stated}`");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Each_configuration_key_binds_its_setting()
    {
        foreach (var row in OptionRows.Value.Where(row => row.Keys.Count > 0))
        {
            var setting = Setting(row);
            foreach (var key in row.Keys)
            {
                if (setting.Type.IsClass && setting.Type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(setting.Type))
                {
                    // A group's key is its section: the rows of its settings bind through it.
                    Assert.True(OptionRows.Value.Any(other => other.Path.StartsWith(row.Path + ".", StringComparison.Ordinal)
                        && other.Keys.Any(k => k.StartsWith(key + ":", StringComparison.Ordinal))), $"README line {row.Line}: no setting of {row.Path} has a key under {key}:");
                    continue;
                }

                var (entries, expected) = DifferentValue(setting, key);
                var bound = Bind(entries);
                var actual = OptionsCatalogue.Read(bound, row.Path);
                var matches = expected is IList<string> items
                    ? actual is IEnumerable<string> list && items.All(list.Contains)
                    : Equals(expected, actual);
                Assert.True(matches, $"README line {row.Line}: configuration key {key} = {string.Join(", ", entries.Values)} left {row.Path} at {Describe(actual)}, expected {Describe(expected)}");
            }
        }
    }

    [Fact]
    public void The_diagnostics_list_has_every_shipped_rule_with_its_severity_and_page()
    {
        var rules = AnalyzerReleases();
        var rows = MarkdownTable.Find(Readme, "## Diagnostics", "rule").Rows.ToDictionary(
            row => DiagnosticLink().Match(row.Cells[0]) is { Success: true } link ? link.Groups[1].Value : $"(line {row.Line}: {row.Cells[0]})",
            row => row);

        Assert.True(rules.Count > 0, "no rule read from analyzers/*/AnalyzerReleases.*.md");
        Assert.True(rules.Keys.Except(rows.Keys).ToList() is [], $"README's diagnostics list lacks: {string.Join(", ", rules.Keys.Except(rows.Keys))}");
        Assert.True(rows.Keys.Except(rules.Keys).ToList() is [], $"README's diagnostics list names rules the analyzers do not ship: {string.Join(", ", rows.Keys.Except(rules.Keys))}");
        foreach (var (id, severity) in rules)
        {
            var row = rows[id];
            Assert.True(severity == row.Cells[1], $"README line {row.Line}: {id} is {row.Cells[1]}, AnalyzerReleases says {severity}");
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", id + ".md")), $"README line {row.Line}: docs/diagnostics/{id}.md does not exist");
            Assert.False(string.IsNullOrWhiteSpace(row.Cells[2]), $"README line {row.Line}: {id} says nothing");
        }
    }

    private static OptionsCatalogue.Setting Setting(OptionRow row) =>
        OptionsCatalogue.All.SingleOrDefault(setting => setting.Path == row.Path)
            ?? throw new Xunit.Sdk.XunitException($"README line {row.Line}: {row.Path} is no setting of SocketIOOptions");

    /// <summary>How to compare a stated default, or null when it cannot be compared (prose in a code span for a complex type).</summary>
    private static DefaultCheck? Stated(string text, OptionsCatalogue.Setting setting)
    {
        if (text == "null")
        {
            return new DefaultCheck(actual => actual is null);
        }

        if (text == "[]" && typeof(IEnumerable).IsAssignableFrom(setting.Type) && setting.Type != typeof(string))
        {
            return new DefaultCheck(actual => actual is IEnumerable items && !items.GetEnumerator().MoveNext());
        }

        if (!setting.IsSimple)
        {
            return null;
        }

        var value = DocumentedValue.Parse(text, setting.Type);
        return new DefaultCheck(actual => Equals(value, actual));
    }

    /// <summary>Configuration entries under <c>SocketIO:</c> that set <paramref name="setting"/> through <paramref name="key"/> to a value other than its default, and that value.</summary>
    private static (Dictionary<string, string?> Entries, object Expected) DifferentValue(OptionsCatalogue.Setting setting, string key)
    {
        var name = "SocketIO:" + key;
        var type = setting.Type;
        if (type == typeof(TimeSpan))
        {
            var value = (TimeSpan)setting.Default! + TimeSpan.FromMilliseconds(1500);
            return (new() { [name] = value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) }, value);
        }

        if (type == typeof(int) || type == typeof(long))
        {
            var value = Convert.ToInt64(setting.Default, CultureInfo.InvariantCulture) + 7;
            return (new() { [name] = value.ToString(CultureInfo.InvariantCulture) }, type == typeof(int) ? (object)(int)value : value);
        }

        if (type == typeof(bool))
        {
            var value = !(bool)setting.Default!;
            return (new() { [name] = value.ToString(CultureInfo.InvariantCulture) }, value);
        }

        if (type == typeof(string))
        {
            return (new() { [name] = "readme-value" }, "readme-value");
        }

        if (type.IsEnum && type.IsDefined(typeof(FlagsAttribute), inherit: false))
        {
            // Configuration lists the flags, as Transports: ["websocket"].
            var flag = Enum.GetValues(type).Cast<Enum>().Where(v => Convert.ToInt64(v, CultureInfo.InvariantCulture) is var bits && bits != 0 && (bits & (bits - 1)) == 0).Max()!;
            return (new() { [name + ":0"] = flag.ToString().ToLowerInvariant() }, flag);
        }

        if (type.IsEnum)
        {
            var other = Enum.GetValues(type).Cast<object>().First(v => !v.Equals(setting.Default));
            return (new() { [name] = other.ToString() }, other);
        }

        if (typeof(IEnumerable<string>).IsAssignableFrom(type))
        {
            return (new() { [name + ":0"] = "readme-item" }, new List<string> { "readme-item" });
        }

        throw new Xunit.Sdk.XunitException($"{setting.Path} ({type.Name}) cannot come from configuration: its config key should be —");
    }

    private static SocketIOOptions Bind(Dictionary<string, string?> entries)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(entries).Build();
        var services = new ServiceCollection();
        services.AddSocketIO(configuration.GetSection("SocketIO"));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SocketIOOptions>>().Value;
    }

    /// <summary>Rule id to severity, from every AnalyzerReleases file (shipped, then unshipped), removed rules left out.</summary>
    private static Dictionary<string, string> AnalyzerReleases()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "analyzers"), "AnalyzerReleases.*.md", SearchOption.AllDirectories)
            .OrderBy(file => file.EndsWith("Unshipped.md", StringComparison.Ordinal))
            .ThenBy(file => file, StringComparer.Ordinal);
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var removed = false;
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    removed = line.Contains("Removed", StringComparison.Ordinal);
                }
                else if (ReleaseRow().Match(line) is { Success: true } row)
                {
                    if (removed)
                    {
                        rules.Remove(row.Groups[1].Value);
                    }
                    else
                    {
                        rules[row.Groups[1].Value] = row.Groups[2].Value;
                    }
                }
            }
        }

        return rules;
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => text,
        IEnumerable<string> items => "[" + string.Join(", ", items) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    [GeneratedRegex(@"^(TSIO\d{4})\s*\|\s*[^|]*\|\s*(Error|Warning|Info|Hidden)\s*\|")]
    private static partial Regex ReleaseRow();

    [GeneratedRegex(@"^\[(TSIO\d{4})\]\(docs/diagnostics/\1\.md\)$")]
    private static partial Regex DiagnosticLink();

    private sealed record DefaultCheck(Func<object?, bool> Matches);

    /// <summary>A row of the options table: option | config key | default | what it does.</summary>
    private sealed record OptionRow(int Line, string Path, IReadOnlyList<string> Keys, string Default)
    {
        public static OptionRow From(MarkdownTable.Row row)
        {
            Assert.True(row.Cells.Count == 4, $"README line {row.Line}: an options row has 4 cells (option | config key | default | what it does)");
            var option = MarkdownTable.CodeSpans(row.Cells[0]);
            Assert.True(option.Count == 1, $"README line {row.Line}: the option column holds one `Path.To.Setting`");
            var keys = row.Cells[1] == "—" ? [] : MarkdownTable.CodeSpans(row.Cells[1]);
            Assert.True(row.Cells[1] == "—" || keys.Count > 0, $"README line {row.Line}: the config key column holds `keys` or —");
            Assert.False(string.IsNullOrWhiteSpace(row.Cells[3]), $"README line {row.Line}: {option[0]} says nothing");
            return new OptionRow(row.Line, option[0], keys, row.Cells[2]);
        }
    }
}
