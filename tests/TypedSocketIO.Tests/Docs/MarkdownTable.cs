using System.Text.RegularExpressions;

namespace TypedSocketIO.Tests.Docs;

/// <summary>A pipe table of a Markdown document: its rows' cells, each with the document line it is on.</summary>
internal sealed partial record MarkdownTable(IReadOnlyList<MarkdownTable.Row> Rows)
{
    /// <summary>The first table after the heading <paramref name="heading"/> whose header row starts with <paramref name="firstColumn"/>.</summary>
    public static MarkdownTable Find(string path, string heading, string firstColumn)
    {
        var lines = File.ReadAllLines(path);
        var start = Array.FindIndex(lines, line => line.Trim() == heading);
        Assert.True(start >= 0, $"{path} has no heading \"{heading}\"");
        var header = Array.FindIndex(lines, start, line => line.StartsWith("| " + firstColumn + " |", StringComparison.Ordinal));
        Assert.True(header >= 0, $"{path} has no table starting with column \"{firstColumn}\" under \"{heading}\"");

        var rows = new List<Row>();
        for (var i = header + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
        {
            var cells = lines[i].Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToList();
            rows.Add(new Row(i + 1, cells));
        }

        return new MarkdownTable(rows);
    }

    /// <summary>The text of each `code span` of <paramref name="cell"/>, in order.</summary>
    public static IReadOnlyList<string> CodeSpans(string cell) => [.. CodeSpan().Matches(cell).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    /// <summary>One row: its line in the document (1-based) and its cells.</summary>
    internal sealed record Row(int Line, IReadOnlyList<string> Cells);
}
