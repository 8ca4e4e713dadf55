using System.Globalization;
using System.Text.RegularExpressions;

namespace TypedSocketIO.Tests.Docs;

/// <summary>
/// Reads a value as the README writes it: durations as <c>45 s</c> (also <c>ms</c>, <c>min</c>,
/// <c>h</c>, <c>d</c>), sizes as <c>1 000</c>, <c>1 MB</c> (1 000 000) or <c>16 MiB</c> (16 × 1 048 576),
/// enums by name (<c>Polling, WebSocket</c> for flags), strings verbatim, <c>true</c>/<c>false</c>,
/// <c>null</c>, and <c>[]</c> for an empty list.
/// </summary>
internal static partial class DocumentedValue
{
    private static readonly Dictionary<string, long> SizeUnits = new(StringComparer.Ordinal)
    {
        [""] = 1,
        ["KB"] = 1_000,
        ["MB"] = 1_000_000,
        ["GB"] = 1_000_000_000,
        ["KiB"] = 1L << 10,
        ["MiB"] = 1L << 20,
        ["GiB"] = 1L << 30,
    };

    /// <summary>The value <paramref name="text"/> states for a setting of type <paramref name="type"/>; throws <see cref="FormatException"/> if it is not in a form above.</summary>
    public static object? Parse(string text, Type type)
    {
        if (text == "null")
        {
            return null;
        }

        if (type == typeof(string))
        {
            return text;
        }

        if (type == typeof(bool))
        {
            return bool.Parse(text);
        }

        if (type.IsEnum)
        {
            return Enum.Parse(type, text, ignoreCase: false);
        }

        if (type == typeof(TimeSpan))
        {
            var match = Duration().Match(text);
            if (!match.Success)
            {
                throw new FormatException($"\"{text}\" is not a duration such as `45 s`");
            }

            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "min" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        if (type == typeof(int) || type == typeof(long))
        {
            var match = Size().Match(text);
            if (!match.Success)
            {
                throw new FormatException($"\"{text}\" is not a number such as `1 000` or `16 MiB`");
            }

            var size = long.Parse(match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
                * SizeUnits[match.Groups[2].Value];
            return type == typeof(int) ? (object)checked((int)size) : size;
        }

        throw new FormatException($"a {type.Name} cannot be written in the README's value forms");
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?) (ms|s|min|h|d)$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^(\d{1,3}(?: \d{3})*)(?: (KB|MB|GB|KiB|MiB|GiB))?$")]
    private static partial Regex Size();
}
