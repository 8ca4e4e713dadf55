using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using TypedSocketIO.Protocol;
using TypedSocketIO.Tests.Properties;

namespace TypedSocketIO.Tests.Oracle;

/// <summary>
/// The oracle's wire: ASCII-only JSON (so that no UTF-16 code unit, lone surrogates included, is
/// lost on the way), values tagged as <c>parser-oracle.mjs</c> describes, and one canonical
/// text per value so that both sides compare by meaning, as JavaScript sees it: numbers are
/// doubles (and −0 is 0, since JSON.stringify writes it so), objects are unordered, binary is bytes.
/// </summary>
internal static class OracleJson
{
    /// <summary>A JSON string literal, every code unit outside printable ASCII escaped.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\' || c < 0x20 || c > 0x7e)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    public static string Base64(ReadOnlySpan<byte> bytes) => Quote(Convert.ToBase64String(bytes));

    /// <summary>A string of Node's answer, exactly as the UTF-16 it was (lone surrogates kept).</summary>
    public static string String(JsonElement element) => TolerantJson.Unescape(JsonMarshal.GetRawUtf8Value(element)[1..^1]);

    public static byte[] Bytes(JsonElement base64) => Convert.FromBase64String(base64.GetString()!);

    public static string Tagged(JsonModel value) => value switch
    {
        JsonModel.Null => "[\"z\"]",
        JsonModel.Bool b => b.Value ? "[\"t\"]" : "[\"f\"]",
        JsonModel.Integer i => "[\"n\"," + Quote(i.Value.ToString(CultureInfo.InvariantCulture)) + "]",
        JsonModel.Real r => "[\"n\"," + Quote(r.Value.ToString("R", CultureInfo.InvariantCulture)) + "]",
        JsonModel.Str s => "[\"s\"," + Quote(s.Value) + "]",
        JsonModel.Arr a => "[\"a\",[" + string.Join(',', a.Items.Select(Tagged)) + "]]",
        JsonModel.Obj o => "[\"o\",[" + string.Join(',', o.Properties.Select(p => "[" + Quote(p.Name) + "," + Tagged(p.Value) + "]")) + "]]",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string Tagged(BinaryJson value) => value switch
    {
        BinaryJson.Plain p => Tagged(p.Value),
        BinaryJson.Bytes b => "[\"b\"," + Base64(b.Data) + "]",
        BinaryJson.Arr a => "[\"a\",[" + string.Join(',', a.Items.Select(Tagged)) + "]]",
        BinaryJson.Obj o => "[\"o\",[" + string.Join(',', o.Properties.Select(p => "[" + Quote(p.Name) + "," + Tagged(p.Value) + "]")) + "]]",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string Canon(JsonModel value) => value switch
    {
        JsonModel.Null => "null",
        JsonModel.Bool b => b.Value ? "true" : "false",
        JsonModel.Integer i => Number(i.Value),
        JsonModel.Real r => Number(r.Value),
        JsonModel.Str s => Quote(s.Value),
        JsonModel.Arr a => "[" + string.Join(',', a.Items.Select(Canon)) + "]",
        JsonModel.Obj o => Object(o.Properties.Select(p => (p.Name, Canon(p.Value)))),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string Canon(BinaryJson value) => value switch
    {
        BinaryJson.Plain p => Canon(p.Value),
        BinaryJson.Bytes b => Binary(b.Data),
        BinaryJson.Arr a => "[" + string.Join(',', a.Items.Select(Canon)) + "]",
        BinaryJson.Obj o => Object(o.Properties.Select(p => (p.Name, Canon(p.Value)))),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>A tagged value from Node.</summary>
    public static string CanonTagged(JsonElement tagged)
    {
        var tag = tagged[0].GetString();
        return tag switch
        {
            "u" => "undefined",
            "z" => "null",
            "t" => "true",
            "f" => "false",
            "n" => Number(double.Parse(tagged[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)),
            "s" => Quote(String(tagged[1])),
            "b" => Binary(Bytes(tagged[1])),
            "a" => "[" + string.Join(',', tagged[1].EnumerateArray().Select(CanonTagged)) + "]",
            "o" => Object(tagged[1].EnumerateArray().Select(p => (String(p[0]), CanonTagged(p[1])))),
            _ => throw new InvalidOperationException("unknown tag " + tag),
        };
    }

    /// <summary>
    /// JSON as our decoder hands it over, each placeholder standing for its attachment (as Node's
    /// decoder puts the buffer in its place); the last of duplicate keys wins, as in JSON.parse.
    /// </summary>
    public static string CanonJson(JsonElement element, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        if (attachments.Count > 0 && Placeholder.TryRead(element, out var num))
        {
            return Binary(attachments[num].Span);
        }

        return element.ValueKind switch
        {
            JsonValueKind.Null => "null",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => Number(element.TryGetDouble(out var d) ? d : double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)),
            JsonValueKind.String => Quote(String(element)),
            JsonValueKind.Array => "[" + string.Join(',', element.EnumerateArray().Select(e => CanonJson(e, attachments))) + "]",
            JsonValueKind.Object => Object(element.EnumerateObject()
                .Select(p => (TolerantJson.Unescape(JsonMarshal.GetRawUtf8PropertyName(p)), CanonJson(p.Value, attachments)))
                .GroupBy(p => p.Item1, StringComparer.Ordinal)
                .Select(g => g.Last())),
            _ => throw new ArgumentOutOfRangeException(nameof(element)),
        };
    }

    public static string CanonJson(ReadOnlySpan<byte> json, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        return CanonJson(document.RootElement, attachments);
    }

    private static string Number(double value) =>
        value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Binary(ReadOnlySpan<byte> bytes) => "bytes:" + Convert.ToHexString(bytes);

    private static string Object(IEnumerable<(string Name, string Value)> properties) =>
        "{" + string.Join(',', properties.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => Quote(p.Name) + ":" + p.Value)) + "}";
}
