using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace TypedSocketIO.Tests.Properties;

/// <summary>
/// Compares JSON values by meaning without the unescaping that throws on escapes that are not valid
/// UTF-16 (<c>"\ud800"</c>): such strings compare as the UTF-16 code units they spell.
/// </summary>
internal static class TolerantJson
{
    /// <summary>Whether two values mean the same; with <paramref name="placeholdersByNumber"/>, placeholders compare by their number alone.</summary>
    public static bool Same(JsonElement a, JsonElement b, bool placeholdersByNumber)
    {
        if (placeholdersByNumber)
        {
            var isA = TryGetPlaceholder(a, out var numA);
            var isB = TryGetPlaceholder(b, out var numB);
            if (isA || isB)
            {
                return isA && isB && numA == numB;
            }
        }

        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.String:
                return String(a) == String(b);
            case JsonValueKind.Number:
                return a.GetRawText() == b.GetRawText() || (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db) && da == db)
                    || (a.TryGetDouble(out var fa) && b.TryGetDouble(out var fb) && fa.Equals(fb));
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength()
                    && a.EnumerateArray().Zip(b.EnumerateArray()).All(pair => Same(pair.First, pair.Second, placeholdersByNumber));
            case JsonValueKind.Object:
                var left = Properties(a);
                var right = Properties(b);
                return left.Count == right.Count
                    && left.All(p => right.TryGetValue(p.Key, out var other) && Same(p.Value, other, placeholdersByNumber));
            default:
                return true;
        }
    }

    /// <summary>A placeholder as <see cref="EventArguments"/> sees one (the last of duplicate keys wins), without throwing.</summary>
    public static bool TryGetPlaceholder(JsonElement element, out int num)
    {
        num = -1;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var properties = Properties(element);
        return properties.TryGetValue("_placeholder", out var flag) && flag.ValueKind == JsonValueKind.True
            && properties.TryGetValue("num", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out num) && num >= 0;
    }

    /// <summary>The properties by unescaped name; the last of duplicates wins, as in <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>.</summary>
    private static Dictionary<string, JsonElement> Properties(JsonElement element)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            properties[Unescape(JsonMarshal.GetRawUtf8PropertyName(property))] = property.Value;
        }

        return properties;
    }

    private static string String(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return Unescape(raw[1..^1]);
    }

    /// <summary>Unescapes the inside of a JSON string, keeping whatever code units <c>\uXXXX</c> spells.</summary>
    public static string Unescape(ReadOnlySpan<byte> escaped)
    {
        var text = Encoding.UTF8.GetString(escaped);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            i++;
            builder.Append(text[i] switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => (char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                var c => c,
            });
            if (text[i] == 'u')
            {
                i += 4;
            }
        }

        return builder.ToString();
    }
}
