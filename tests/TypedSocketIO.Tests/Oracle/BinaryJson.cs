using FsCheck;
using FsCheck.Fluent;
using TypedSocketIO.Tests.Properties;

namespace TypedSocketIO.Tests.Oracle;

/// <summary>
/// A value as socket.io-parser's packets hold it: JSON with binary anywhere (a Buffer in an
/// array, in an object, at the top). Node's encoder turns each binary into a placeholder and
/// an attachment; its decoder puts the attachments back in place.
/// </summary>
public abstract record BinaryJson
{
    /// <summary>A JSON value with no binary inside.</summary>
    public sealed record Plain(JsonModel Value) : BinaryJson
    {
        public override string ToString() => Value.ToString();
    }

    public sealed record Bytes(byte[] Data) : BinaryJson
    {
        public override string ToString() => $"bytes[{Data.Length}] {Convert.ToHexString(Data)}";
    }

    public sealed record Arr(BinaryJson[] Items) : BinaryJson
    {
        public override string ToString() => "[" + string.Join(", ", Items.Select(i => i.ToString())) + "]";
    }

    /// <summary>An object; its property names are distinct.</summary>
    public sealed record Obj((string Name, BinaryJson Value)[] Properties) : BinaryJson
    {
        public override string ToString() => "{" + string.Join(", ", Properties.Select(p => OracleJson.Quote(p.Name) + ": " + p.Value)) + "}";
    }

    public int BinaryCount => this switch
    {
        Bytes => 1,
        Arr a => a.Items.Sum(i => i.BinaryCount),
        Obj o => o.Properties.Sum(p => p.Value.BinaryCount),
        _ => 0,
    };

    /// <summary>
    /// A value with binary nested at most <paramref name="depth"/> containers deep. Plain parts
    /// never look like a placeholder: an object with <c>"_placeholder": true</c> is the protocol's
    /// own shape, which Node's decoder takes for one in any binary packet.
    /// </summary>
    public static Gen<BinaryJson> Generator(int depth) => depth <= 0
        ? Gen.Frequency(
            (3, Gens.JsonValue.Select(v => (BinaryJson)new Plain(NoPlaceholderShape(v)))),
            (1, Gens.Bytes.Select(b => (BinaryJson)new Bytes(b))))
        : Gen.Sized(size => Gen.Frequency(
            (3, Gens.Json(2).Select(v => (BinaryJson)new Plain(NoPlaceholderShape(v)))),
            (2, Gens.Bytes.Select(b => (BinaryJson)new Bytes(b))),
            (1, Gen.Choose(0, Math.Min(4, 1 + size / 20))
                .SelectMany(n => Generator(depth - 1).ListOf(n))
                .Select(items => (BinaryJson)new Arr([.. items]))),
            (1, Gen.Choose(0, Math.Min(4, 1 + size / 20))
                .SelectMany(n => (from name in Gen.Frequency((3, Gens.Text), (1, Gen.Elements("file", "num", "data", "")))
                                  from value in Generator(depth - 1)
                                  select (name, value)).ListOf(n))
                .Select(properties => (BinaryJson)new Obj([.. properties.DistinctBy(p => p.name, StringComparer.Ordinal)])))));

    /// <summary>The value with every <c>"_placeholder"</c> property renamed.</summary>
    public static JsonModel NoPlaceholderShape(JsonModel value) => value switch
    {
        JsonModel.Arr a => new JsonModel.Arr([.. a.Items.Select(NoPlaceholderShape)]),
        JsonModel.Obj o => new JsonModel.Obj([.. o.Properties
            .Select(p => (Name: p.Name == "_placeholder" ? "_placeholder_" : p.Name, Value: NoPlaceholderShape(p.Value)))
            .DistinctBy(p => p.Name, StringComparer.Ordinal)]),
        _ => value,
    };

    /// <summary>Smaller values: children, fewer items, shorter bytes.</summary>
    public static IEnumerable<BinaryJson> Shrink(BinaryJson value)
    {
        switch (value)
        {
            case Plain p:
                foreach (var smaller in JsonModel.Shrink(p.Value))
                {
                    yield return new Plain(smaller);
                }

                break;
            case Bytes { Data.Length: > 0 } b:
                yield return new Bytes(b.Data[..(b.Data.Length / 2)]);
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

                break;
        }
    }
}
