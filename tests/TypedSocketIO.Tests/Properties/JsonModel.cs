using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TypedSocketIO.Tests.Properties;

/// <summary>
/// An immutable JSON value for generators: it prints as JSON (so a shrunk counterexample reads
/// as the JSON it stands for), writes itself to any <see cref="Utf8JsonWriter"/>, and builds
/// fresh <see cref="JsonNode"/>s on demand (a node may only have one parent).
/// </summary>
public abstract record JsonModel
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>The value as JSON text; <paramref name="asciiOnly"/> escapes everything outside ASCII, as JSON.stringify does not but many clients do.</summary>
    public string ToJson(bool asciiOnly = false, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, asciiOnly
            ? new JsonWriterOptions { Indented = indented }
            : new JsonWriterOptions { Encoder = Relaxed.Encoder, Indented = indented }))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public JsonNode? ToNode() => JsonNode.Parse(ToJson());

    /// <summary>The nesting depth as the JSON reader counts it: 0 for a scalar, 1 for <c>[]</c>.</summary>
    public abstract int Depth { get; }

    public sealed override string ToString() => ToJson();

    /// <summary>
    /// Whether an object in the value has <c>"_placeholder": true</c>. No binary packet can carry such a
    /// value: receivers take it for an attachment placeholder, and Node's parser refuses one whose
    /// <c>num</c> names no attachment.
    /// </summary>
    public bool HasPlaceholderFlag => this switch
    {
        Arr array => array.Items.Any(item => item.HasPlaceholderFlag),
        Obj obj => obj.Properties.Any(p => (p.Name == "_placeholder" && p.Value is Bool { Value: true }) || p.Value.HasPlaceholderFlag),
        _ => false,
    };

    /// <summary>The placeholder of attachment <paramref name="num"/>, as a sender writes it.</summary>
    public static JsonModel Placeholder(int num) => new Obj([("_placeholder", new Bool(true)), ("num", new Integer(num))]);

    public sealed record Null : JsonModel
    {
        public static readonly Null Instance = new();

        public override int Depth => 0;

        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteNullValue();
    }

    public sealed record Bool(bool Value) : JsonModel
    {
        public override int Depth => 0;

        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteBooleanValue(Value);
    }

    public sealed record Integer(long Value) : JsonModel
    {
        public override int Depth => 0;

        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);
    }

    /// <summary>A finite double (JSON has no NaN or infinity).</summary>
    public sealed record Real(double Value) : JsonModel
    {
        public override int Depth => 0;

        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);
    }

    public sealed record Str(string Value) : JsonModel
    {
        public override int Depth => 0;

        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(Value);
    }

    public sealed record Arr(JsonModel[] Items) : JsonModel
    {
        public override int Depth => 1 + Items.Select(i => i.Depth).DefaultIfEmpty(0).Max();

        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            foreach (var item in Items)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>An object; its property names are distinct.</summary>
    public sealed record Obj((string Name, JsonModel Value)[] Properties) : JsonModel
    {
        public override int Depth => 1 + Properties.Select(p => p.Value.Depth).DefaultIfEmpty(0).Max();

        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            foreach (var (name, value) in Properties)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }
    }

    /// <summary>Smaller values for shrinking: the children of containers, fewer items, simpler scalars.</summary>
    public static IEnumerable<JsonModel> Shrink(JsonModel value)
    {
        switch (value)
        {
            case Null:
                yield break;
            case Bool { Value: true }:
                yield return new Bool(false);
                break;
            case Integer { Value: not 0 } i:
                yield return new Integer(0);
                if (i.Value / 2 != 0)
                {
                    yield return new Integer(i.Value / 2);
                }

                break;
            case Real r when r.Value != 0:
                yield return new Integer(0);
                yield return new Real(Math.Round(r.Value, 2));
                break;
            case Str { Value.Length: > 0 } s:
                yield return new Str(string.Empty);
                foreach (var shorter in ShrinkString(s.Value))
                {
                    yield return new Str(shorter);
                }

                break;
            case Arr a:
                foreach (var item in a.Items)
                {
                    yield return item;
                }

                for (var i = 0; i < a.Items.Length; i++)
                {
                    yield return new Arr([.. a.Items[..i], .. a.Items[(i + 1)..]]);
                }

                for (var i = 0; i < a.Items.Length; i++)
                {
                    foreach (var smaller in Shrink(a.Items[i]))
                    {
                        var items = (JsonModel[])a.Items.Clone();
                        items[i] = smaller;
                        yield return new Arr(items);
                    }
                }

                break;
            case Obj o:
                foreach (var (_, item) in o.Properties)
                {
                    yield return item;
                }

                for (var i = 0; i < o.Properties.Length; i++)
                {
                    yield return new Obj([.. o.Properties[..i], .. o.Properties[(i + 1)..]]);
                }

                for (var i = 0; i < o.Properties.Length; i++)
                {
                    foreach (var smaller in Shrink(o.Properties[i].Value))
                    {
                        var properties = ((string, JsonModel)[])o.Properties.Clone();
                        properties[i] = (o.Properties[i].Name, smaller);
                        yield return new Obj(properties);
                    }
                }

                break;
        }
    }

    /// <summary>Shorter strings that keep surrogate pairs whole: halves, then one text element less.</summary>
    public static IEnumerable<string> ShrinkString(string value)
    {
        if (value.Length == 0)
        {
            yield break;
        }

        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(value);
        while (enumerator.MoveNext())
        {
            elements.Add((string)enumerator.Current);
        }

        if (elements.Count > 1)
        {
            yield return string.Concat(elements.Take(elements.Count / 2));
            yield return string.Concat(elements.Skip(elements.Count / 2));
        }

        for (var i = 0; i < elements.Count && i < 16; i++)
        {
            yield return string.Concat(elements.Take(i).Concat(elements.Skip(i + 1)));
        }
    }
}
