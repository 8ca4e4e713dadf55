using System.Text.RegularExpressions;

namespace TypedSocketIO.Tests.Architecture;

/// <summary>One row of the layer table: where the layer's code is, and what it may use.</summary>
/// <param name="Name">The layer's name (the first word of its cell).</param>
/// <param name="Folders">Source folders (or single files) whose types belong to the layer, e.g. <c>src/TypedSocketIO/Server/</c>.</param>
/// <param name="Assemblies">Assemblies whose every type belongs to the layer.</param>
/// <param name="MayUse">Layer names and external groups (see <see cref="ExternalGroups"/>) it may depend on; <c>everything</c> for any.</param>
internal sealed record LayerRow(string Name, IReadOnlyList<string> Folders, IReadOnlyList<string> Assemblies, IReadOnlySet<string> MayUse)
{
    public bool MayUseEverything => MayUse.Contains("everything");
}

/// <summary>
/// The table of section "Layers" in docs/architecture.md, read so that the document and the test
/// cannot drift: <c>| layer | where | may use |</c>. In "where", each item in backticks is a
/// source folder (ending in <c>/</c>) or file, or an assembly when the word "assembly" comes just
/// before it. "may use" is a comma-separated list of layers and external groups, optionally
/// followed by " — " and prose.
/// </summary>
internal static partial class LayerTable
{
    public static IReadOnlyList<LayerRow> Parse(string markdown)
    {
        var lines = markdown.Split('\n').Select(l => l.Trim()).ToList();
        var header = lines.FindIndex(l => HeaderRow().IsMatch(l));
        if (header < 0)
        {
            throw new FormatException("no table with the columns | layer | where | may use | found");
        }

        var rows = new List<LayerRow>();
        foreach (var line in lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length != 3)
            {
                throw new FormatException($"a layer row has {cells.Length} cells instead of 3: {line}");
            }

            var name = cells[0].Split(' ', 2)[0].Trim('`');
            var folders = new List<string>();
            var assemblies = new List<string>();
            foreach (Match item in WhereItem().Matches(cells[1]))
            {
                (item.Groups["assembly"].Success ? assemblies : folders).Add(item.Groups["value"].Value);
            }

            if (folders.Count + assemblies.Count == 0)
            {
                throw new FormatException($"layer {name}: \"where\" names no folder or assembly in backticks");
            }

            var uses = cells[2].Split(" — ", 2)[0]
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(u => u.Trim('`'))
                .ToHashSet(StringComparer.Ordinal);
            rows.Add(new LayerRow(name, folders, assemblies, uses));
        }

        var names = rows.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var unknown = row.MayUse.Where(u => u != "everything" && !names.Contains(u) && !ExternalGroups.IsGroupName(u)).ToList();
            if (unknown.Count > 0)
            {
                throw new FormatException($"layer {row.Name} may use unknown names: {string.Join(", ", unknown)}");
            }
        }

        return rows;
    }

    [GeneratedRegex(@"^\|\s*layer\s*\|\s*where\s*\|\s*may use\s*\|$", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderRow();

    [GeneratedRegex(@"(?<assembly>assembly\s+)?`(?<value>[^`]+)`")]
    private static partial Regex WhereItem();
}

/// <summary>
/// What an assembly outside ours counts as in the table: <c>BCL</c> (System.*, but System.Text.Json,
/// and mscorlib / netstandard), <c>System.Text.Json</c>, <c>ASP.NET Core</c> (Microsoft.AspNetCore.*),
/// and each Microsoft.Extensions.* assembly under its name without ".Abstractions"
/// (<c>Microsoft.Extensions.Logging</c>); a table entry ending in <c>.*</c> covers a prefix.
/// </summary>
internal static class ExternalGroups
{
    public static string Of(string assembly) => assembly switch
    {
        "System.Text.Json" => "System.Text.Json",
        "mscorlib" or "netstandard" => "BCL",
        _ when assembly.StartsWith("System.", StringComparison.Ordinal) || assembly.StartsWith("Microsoft.Win32.", StringComparison.Ordinal) => "BCL",
        _ when assembly.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) => "ASP.NET Core",
        _ when assembly.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) => assembly.EndsWith(".Abstractions", StringComparison.Ordinal)
            ? assembly[..^".Abstractions".Length]
            : assembly,
        _ => assembly,
    };

    public static bool IsGroupName(string name) =>
        name is "BCL" or "System.Text.Json" or "ASP.NET Core" || name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal);

    /// <summary>Whether the allowed entry <paramref name="allowed"/> covers <paramref name="group"/>.</summary>
    public static bool Covers(string allowed, string group) =>
        allowed == group || (allowed.EndsWith(".*", StringComparison.Ordinal) && group.StartsWith(allowed[..^1], StringComparison.Ordinal));
}
