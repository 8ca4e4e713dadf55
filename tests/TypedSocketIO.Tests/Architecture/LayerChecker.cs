namespace TypedSocketIO.Tests.Architecture;

/// <summary>A dependency the layer table does not allow.</summary>
internal sealed record Violation(string FromLayer, string To, string FromType, string ToType)
{
    /// <summary>As docs/architecture.md lists a known one: <c>Server → ASP.NET Core: A.B uses C.D</c>, generic types as <c>List&lt;&gt;</c>.</summary>
    public override string ToString() => $"{FromLayer} → {To}: {Display(FromType)} uses {Display(ToType)}";

    /// <summary>A metadata name without its arity's backtick (which would end a Markdown code span): <c>Dictionary`2</c> as <c>Dictionary&lt;,&gt;</c>.</summary>
    private static string Display(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, @"`(\d+)", m => "<" + new string(',', int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1) + ">");
}

/// <summary>What the check found: the dependencies against the table, and the types it could not place.</summary>
/// <param name="Uses">Per layer, every other layer and outside group its types use, allowed or not.</param>
internal sealed record LayerReport(
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, int> TypesPerLayer,
    IReadOnlyDictionary<string, SortedSet<string>> Uses);

/// <summary>
/// Holds the types of the checked assemblies against the layer table. A type's layer is the row
/// whose assembly defines it, or else the row whose folder holds its source files (generated
/// files aside: <c>obj/</c> and <c>*.g.cs</c>); a type without files of its own (a compiler
/// helper) takes the layer of the type it is nested in, or none. A dependency within a layer is
/// always allowed; one on another layer or an outside assembly only if the row's "may use" names it.
/// </summary>
internal static class LayerChecker
{
    public static LayerReport Check(IReadOnlyList<LayerRow> rows, IReadOnlyList<DefinedType> types)
    {
        var problems = new List<string>();
        var byName = types.GroupBy(t => (t.Assembly, t.Name)).ToDictionary(g => g.Key, g => g.First());
        var layers = new Dictionary<(string, string), LayerRow?>();

        LayerRow? LayerOf(DefinedType type)
        {
            if (layers.TryGetValue((type.Assembly, type.Name), out var known))
            {
                return known;
            }

            var row = rows.FirstOrDefault(r => r.Assemblies.Contains(type.Assembly));
            if (row is null)
            {
                var sources = type.Documents.Select(Normalize).Where(d => !IsGenerated(d)).ToList();
                var matched = sources.Select(d => (Document: d, Row: RowOfFile(rows, d))).ToList();
                foreach (var (document, _) in matched.Where(m => m.Row is null))
                {
                    problems.Add($"{type.Name}: {document} is in no layer's folder");
                }

                var distinct = matched.Where(m => m.Row is not null).Select(m => m.Row!).Distinct().ToList();
                if (distinct.Count > 1)
                {
                    problems.Add($"{type.Name} has files in several layers: {string.Join(", ", distinct.Select(r => r.Name))}");
                }

                row = distinct.FirstOrDefault();
                if (row is null && sources.Count == 0 && type.Enclosing is { } enclosing && byName.TryGetValue((type.Assembly, enclosing), out var outer))
                {
                    row = LayerOf(outer);
                }
            }

            layers[(type.Assembly, type.Name)] = row;
            return row;
        }

        var checkedAssemblies = types.Select(t => t.Assembly).ToHashSet(StringComparer.Ordinal);
        var violations = new List<Violation>();
        var typesPerLayer = rows.ToDictionary(r => r.Name, _ => 0);
        var uses = rows.ToDictionary(r => r.Name, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var type in types)
        {
            if (LayerOf(type) is not { } from)
            {
                continue;
            }

            typesPerLayer[from.Name]++;
            foreach (var reference in type.References)
            {
                string to;
                if (checkedAssemblies.Contains(reference.Assembly))
                {
                    if (!byName.TryGetValue((reference.Assembly, reference.Name), out var target) || LayerOf(target) is not { } targetRow || targetRow == from)
                    {
                        continue;
                    }

                    to = targetRow.Name;
                    uses[from.Name].Add(to);
                    if (from.MayUseEverything || from.MayUse.Contains(to))
                    {
                        continue;
                    }
                }
                else
                {
                    to = ExternalGroups.Of(reference.Assembly);
                    uses[from.Name].Add(to);
                    if (from.MayUseEverything || from.MayUse.Any(allowed => ExternalGroups.Covers(allowed, to)))
                    {
                        continue;
                    }
                }

                violations.Add(new Violation(from.Name, to, OuterName(type, byName), reference.Name));
            }
        }

        return new LayerReport(
            [.. violations.Distinct().OrderBy(v => v.ToString(), StringComparer.Ordinal)],
            [.. problems.Distinct().Order(StringComparer.Ordinal)],
            typesPerLayer,
            uses);
    }

    /// <summary>The source type a compiler helper (closure, state machine, lambda cache) belongs to, so that one use is reported once.</summary>
    private static string OuterName(DefinedType type, Dictionary<(string, string), DefinedType> byName)
    {
        while (type.Name.Split('+')[^1].StartsWith('<') && type.Enclosing is { } enclosing && byName.TryGetValue((type.Assembly, enclosing), out var outer))
        {
            type = outer;
        }

        return type.Name;
    }

    private static LayerRow? RowOfFile(IReadOnlyList<LayerRow> rows, string document) => rows
        .SelectMany(r => r.Folders.Select(f => (Row: r, Folder: f.TrimStart('/'))))
        .Where(x => ("/" + document).Contains("/" + x.Folder, StringComparison.Ordinal)
            && (x.Folder.EndsWith('/') || ("/" + document).EndsWith("/" + x.Folder, StringComparison.Ordinal)))
        .OrderByDescending(x => x.Folder.Length)
        .Select(x => x.Row)
        .FirstOrDefault();

    private static string Normalize(string path) => path.Replace('\\', '/');

    private static bool IsGenerated(string document) =>
        document.Contains("/obj/", StringComparison.Ordinal) || document.EndsWith(".g.cs", StringComparison.Ordinal);
}
