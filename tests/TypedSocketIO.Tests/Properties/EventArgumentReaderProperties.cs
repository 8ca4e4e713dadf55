using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Properties;

/// <summary>A record a handler might take.</summary>
public sealed record PropertyPoint(int X, int Y);

/// <summary>A class with settable properties a handler might take.</summary>
public sealed class PropertyMessage
{
    public string? Text { get; set; }

    public int Count { get; set; }

    public List<string>? Tags { get; set; }
}

/// <summary>Where generated arguments may hold JSON escapes that are not valid UTF-16 (<c>"\ud800"</c>).</summary>
public enum LoneSurrogates
{
    /// <summary>Nowhere.</summary>
    None,

    /// <summary>In string values only.</summary>
    InStrings,

    /// <summary>In string values and in property names.</summary>
    InStringsAndNames,
}

/// <summary>
/// The arguments of a received event or ack as JSON text: values the generators build, and the
/// awkward ones a client can send (numbers past every range, placeholders true and false, duplicate
/// keys, deep nesting, and, as asked, escapes that are not valid UTF-16).
/// </summary>
public sealed record ReceivedArguments(bool IsAck, string[] Arguments, int Attachments)
{
    public byte[] Packet
    {
        get
        {
            var type = (IsAck, Attachments > 0) switch
            {
                (false, false) => "2",
                (false, true) => $"5{Attachments}-",
                (true, false) => "37",
                (true, true) => $"6{Attachments}-7",
            };
            // The placeholders of the attachments come last: the decoder refuses a binary packet that leaves one unnamed.
            var placeholders = Enumerable.Range(0, Attachments).Select(num => $"{{\"_placeholder\":true,\"num\":{num}}}");
            var items = IsAck ? [.. Arguments, .. placeholders] : (string[])["\"e\"", .. Arguments, .. placeholders];
            return Encoding.UTF8.GetBytes(type + "[" + string.Join(",", items) + "]");
        }
    }

    /// <summary>The attachments that come with the packet: attachment i is { i, 0xAB }.</summary>
    public ReadOnlyMemory<byte>[] AttachmentBytes =>
        [.. Enumerable.Range(0, Attachments).Select(i => (ReadOnlyMemory<byte>)new[] { (byte)i, (byte)0xAB })];

    /// <summary>The decoded arguments, or null when the decoder refuses the packet (too deep, say).</summary>
    public EventArguments? Decode()
    {
        SocketIOPacket packet;
        try
        {
            packet = SocketIOPacketDecoder.Decode(Packet);
        }
        catch (ProtocolException)
        {
            return null;
        }

        return EventArguments.Of(packet, AttachmentBytes, SocketIOJson.DefaultOptions);
    }

    public override string ToString() => $"{Encoding.UTF8.GetString(Packet)} with {Attachments} attachment(s)";

    private static readonly Gen<string> Awkward = Gen.Elements(
        "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"\"", "\"x\"",
        "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "-9223372036854775809", "9223372036854775808",
        "2147483648", "-2147483649", "4294967296", "-0", "0.0", "1.0", "1E2", "0.1", "255", "256", "-1", "65536", "1.5",
        "true", "false", "null", "[]", "{}", "[null]", "{\"\":null}",
        "\"42\"", "\"-1.5\"", "\"true\"", "\"2024-01-02T03:04:05Z\"", "\"not a date\"", "\"00000000-0000-0000-0000-000000000000\"",
        "\"AQID\"", "\"!!\"", "\"Monday\"", "\"12:00:00\"", "\"1.2.3.4\"", "\"http://example.com/\"", "\"NaN\"", "\"Infinity\"",
        "{\"_placeholder\":true,\"num\":0}", "{\"_placeholder\":true,\"num\":1}", "{\"_placeholder\":true,\"num\":9}",
        "{\"_placeholder\":true,\"num\":-1}", "{\"_placeholder\":true,\"num\":0.5}", "{\"_placeholder\":true,\"num\":1e400}",
        "{\"_placeholder\":true,\"num\":\"0\"}", "{\"_placeholder\":false,\"num\":0}", "{\"_placeholder\":true}",
        "{\"_placeholder\":true,\"num\":0,\"_placeholder\":false}", "{\"num\":0,\"_placeholder\":true}",
        "{\"_placeholder\":true,\"num\":2147483648}", "{\"\\u005fplaceholder\":true,\"num\":0}",
        "{\"x\":1,\"y\":2}", "{\"X\":1,\"x\":2}", "{\"x\":1,\"x\":2}", "{\"x\":\"1\",\"y\":null}", "{\"x\":1.5}", "{\"x\":1e400}",
        "{\"text\":\"a\",\"count\":1,\"tags\":[\"b\"]}", "{\"text\":1}", "{\"tags\":[1]}", "{\"count\":null}",
        "{\"a\":1,\"a\":1}", "[1,2,3]", "[1,\"2\",3]", "[[1]]", "[1e400]", "{\"k\":1}", "{\"k\":\"v\"}",
        "{\"$id\":\"1\"}", "{\"$ref\":\"1\"}", "{\"$values\":[]}");

    /// <summary>Text of escapes that do not pair up into valid UTF-16, among ordinary characters.</summary>
    private static readonly Gen<string> LoneSurrogateText =
        from n in Gen.Choose(1, 6)
        from pieces in Gen.Elements("\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ud83d\\ude00", "a", "é", "\\u0041").ListOf(n)
        where pieces.Any(p => p is "\\ud800" or "\\udbff" or "\\udc00" or "\\udfff")
        select string.Concat(pieces);

    private static readonly Gen<string> LoneSurrogateString = Gen.OneOf(
        LoneSurrogateText.Select(t => "\"" + t + "\""),
        LoneSurrogateText.Select(t => "[\"" + t + "\"]"),
        LoneSurrogateText.Select(t => "{\"a\":\"" + t + "\"}"));

    private static readonly Gen<string> LoneSurrogateName = Gen.OneOf(
        LoneSurrogateText.Select(t => "{\"" + t + "\":1}"),
        LoneSurrogateText.Select(t => "{\"" + t + "\":1,\"_placeholder\":true,\"num\":0}"),
        LoneSurrogateText.Select(t => "[{\"" + t + "\":null}]"));

    private static readonly Gen<string> Nested =
        from depth in Gen.Choose(1, 34)
        from objects in Gen.Elements(true, false)
        select objects
            ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
            : new string('[', depth) + "1" + new string(']', depth);

    private static Gen<string> Argument(LoneSurrogates loneSurrogates)
    {
        var choices = new List<(int, Gen<string>)>
        {
            (4, Gens.JsonValue.Select(v => v.ToJson())),
            (1, Gens.JsonValue.Select(v => v.ToJson(asciiOnly: true))),
            (4, Awkward),
            (1, Nested),
        };
        if (loneSurrogates >= LoneSurrogates.InStrings)
        {
            choices.Add((2, LoneSurrogateString));
        }

        if (loneSurrogates >= LoneSurrogates.InStringsAndNames)
        {
            choices.Add((2, LoneSurrogateName));
        }

        return Gen.Frequency(choices);
    }

    public static Arbitrary<ReceivedArguments> Arbitrary(LoneSurrogates loneSurrogates) => Arb.From(
        from isAck in Gen.Elements(true, false)
        from arguments in Gen.Sized(size => Gen.Choose(0, Math.Min(6, 1 + size / 10))).SelectMany(n => Argument(loneSurrogates).ArrayOf(n))
        from attachments in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        select new ReceivedArguments(isAck, arguments, attachments),
        Shrink);

    private static IEnumerable<ReceivedArguments> Shrink(ReceivedArguments received)
    {
        for (var i = 0; i < received.Arguments.Length; i++)
        {
            yield return received with { Arguments = [.. received.Arguments[..i], .. received.Arguments[(i + 1)..]] };
        }

        if (received.Attachments > 0)
        {
            yield return received with { Attachments = received.Attachments - 1 };
        }

        if (received.IsAck)
        {
            yield return received with { IsAck = false };
        }

        // Shorter JSON text: candidates that are no longer JSON are refused by the decoder and pass.
        for (var i = 0; i < received.Arguments.Length; i++)
        {
            foreach (var shorter in JsonModel.ShrinkString(received.Arguments[i]))
            {
                var arguments = (string[])received.Arguments.Clone();
                arguments[i] = shorter;
                yield return received with { Arguments = arguments };
            }
        }
    }
}

/// <summary>
/// <see cref="EventArgumentReader"/> binds any JSON a client sends: each <c>Read*</c> returns a value
/// or throws <see cref="ArgumentBindingException"/> naming the argument, never another exception.
/// </summary>
public class EventArgumentReaderProperties
{

    private delegate object? ReadOp(ref EventArgumentReader reader);

    private static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)SocketIOJson.DefaultOptions.GetTypeInfo(typeof(T));

    private static readonly (string Name, ReadOp Read)[] Reads =
    [
        ("ReadString", (ref EventArgumentReader r) => r.ReadString()),
        ("ReadNonNullString", (ref EventArgumentReader r) => r.ReadNonNullString()),
        ("ReadInt32", (ref EventArgumentReader r) => r.ReadInt32()),
        ("ReadInt64", (ref EventArgumentReader r) => r.ReadInt64()),
        ("ReadDouble", (ref EventArgumentReader r) => r.ReadDouble()),
        ("ReadBoolean", (ref EventArgumentReader r) => r.ReadBoolean()),
        ("ReadBytes", (ref EventArgumentReader r) => r.ReadBytes()),
        ("ReadMemory", (ref EventArgumentReader r) => r.ReadMemory()),
        ("ReadElement", (ref EventArgumentReader r) => r.ReadElement()),
        ("Skip", (ref EventArgumentReader r) =>
        {
            r.Skip();
            return null;
        }),
        ("Read<string>", (ref EventArgumentReader r) => r.Read(Info<string>())),
        ("Read<int>", (ref EventArgumentReader r) => r.Read(Info<int>())),
        ("Read<int?>", (ref EventArgumentReader r) => r.Read(Info<int?>())),
        ("Read<long>", (ref EventArgumentReader r) => r.Read(Info<long>())),
        ("Read<short>", (ref EventArgumentReader r) => r.Read(Info<short>())),
        ("Read<byte>", (ref EventArgumentReader r) => r.Read(Info<byte>())),
        ("Read<uint>", (ref EventArgumentReader r) => r.Read(Info<uint>())),
        ("Read<ulong>", (ref EventArgumentReader r) => r.Read(Info<ulong>())),
        ("Read<Int128>", (ref EventArgumentReader r) => r.Read(Info<Int128>())),
        ("Read<double>", (ref EventArgumentReader r) => r.Read(Info<double>())),
        ("Read<float>", (ref EventArgumentReader r) => r.Read(Info<float>())),
        ("Read<Half>", (ref EventArgumentReader r) => r.Read(Info<Half>())),
        ("Read<decimal>", (ref EventArgumentReader r) => r.Read(Info<decimal>())),
        ("Read<bool>", (ref EventArgumentReader r) => r.Read(Info<bool>())),
        ("Read<char>", (ref EventArgumentReader r) => r.Read(Info<char>())),
        ("Read<Guid>", (ref EventArgumentReader r) => r.Read(Info<Guid>())),
        ("Read<DateTime>", (ref EventArgumentReader r) => r.Read(Info<DateTime>())),
        ("Read<DateTimeOffset>", (ref EventArgumentReader r) => r.Read(Info<DateTimeOffset>())),
        ("Read<DateOnly>", (ref EventArgumentReader r) => r.Read(Info<DateOnly>())),
        ("Read<TimeSpan>", (ref EventArgumentReader r) => r.Read(Info<TimeSpan>())),
        ("Read<Version>", (ref EventArgumentReader r) => r.Read(Info<Version>())),
        ("Read<Uri>", (ref EventArgumentReader r) => r.Read(Info<Uri>())),
        ("Read<DayOfWeek>", (ref EventArgumentReader r) => r.Read(Info<DayOfWeek>())),
        ("Read<byte[]>", (ref EventArgumentReader r) => r.Read(Info<byte[]>())),
        ("Read<int[]>", (ref EventArgumentReader r) => r.Read(Info<int[]>())),
        ("Read<List<string>>", (ref EventArgumentReader r) => r.Read(Info<List<string>>())),
        ("Read<Dictionary<string,int>>", (ref EventArgumentReader r) => r.Read(Info<Dictionary<string, int>>())),
        ("Read<Dictionary<string,JsonElement>>", (ref EventArgumentReader r) => r.Read(Info<Dictionary<string, JsonElement>>())),
        ("Read<PropertyPoint>", (ref EventArgumentReader r) => r.Read(Info<PropertyPoint>())),
        ("Read<PropertyMessage>", (ref EventArgumentReader r) => r.Read(Info<PropertyMessage>())),
        ("Read<JsonElement>", (ref EventArgumentReader r) => r.Read(Info<JsonElement>())),
        ("Read<JsonNode>", (ref EventArgumentReader r) => r.Read(Info<JsonNode>())),
        ("Read<object>", (ref EventArgumentReader r) => r.Read(Info<object>())),
        ("ReadNonNull<string>", (ref EventArgumentReader r) => r.ReadNonNull(Info<string>())),
        ("ReadNonNull<PropertyPoint>", (ref EventArgumentReader r) => r.ReadNonNull(Info<PropertyPoint>())),
        ("ReadNonNull<int[]>", (ref EventArgumentReader r) => r.ReadNonNull(Info<int[]>())),
    ];

    /// <summary>Runs <paramref name="read"/> on argument <paramref name="index"/>: null when it returned, else the binding error.</summary>
    private static ArgumentBindingException? Attempt(EventArguments arguments, int index, (string Name, ReadOp Read) read, string context)
    {
        var reader = arguments.CreateReader();
        try
        {
            for (var i = 0; i < index; i++)
            {
                reader.Skip();
            }

            read.Read(ref reader);
            return null;
        }
        catch (ArgumentBindingException exception)
        {
            return exception;
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                $"{read.Name} on argument {index} of {context} threw {exception.GetType().Name}: {exception.Message}", exception);
        }
    }

    [Property(MaxTest = 300)]
    public Property Every_read_of_every_argument_returns_or_throws_ArgumentBindingException() =>
        Prop.ForAll(ReceivedArguments.Arbitrary(LoneSurrogates.InStrings), EveryReadReturnsOrThrowsArgumentBindingException);

    [Property(MaxTest = 300)]
    public Property Every_read_of_every_argument_returns_or_throws_ArgumentBindingException_even_with_lone_surrogates_in_property_names() =>
        Prop.ForAll(ReceivedArguments.Arbitrary(LoneSurrogates.InStringsAndNames), EveryReadReturnsOrThrowsArgumentBindingException);

    private static void EveryReadReturnsOrThrowsArgumentBindingException(ReceivedArguments received)
    {
        if (received.Decode() is not { } arguments)
        {
            return;
        }

        for (var index = 0; index < arguments.Count; index++)
        {
            foreach (var read in Reads)
            {
                var error = Attempt(arguments, index, read, received.ToString());
                if (error is not null)
                {
                    Assert.Equal(index, error.Index);
                }
            }
        }
    }

    [Property(MaxTest = 300)]
    public Property Reading_past_the_last_argument_throws_ArgumentBindingException_for_the_missing_one() =>
        Prop.ForAll(ReceivedArguments.Arbitrary(LoneSurrogates.InStringsAndNames), ReadingPastTheLastArgumentThrows);

    private static void ReadingPastTheLastArgumentThrows(ReceivedArguments received)
    {
        if (received.Decode() is not { } arguments)
        {
            return;
        }

        foreach (var read in Reads)
        {
            var error = Attempt(arguments, arguments.Count, read, received.ToString());
            Assert.NotNull(error);
            Assert.Equal(arguments.Count, error.Index);
        }
    }

    [Property(MaxTest = 500)]
    public Property The_typed_reads_agree_with_the_json_they_read() =>
        Prop.ForAll(ReceivedArguments.Arbitrary(LoneSurrogates.InStrings), TypedReadsAgreeWithTheJson);

    private static void TypedReadsAgreeWithTheJson(ReceivedArguments received)
    {
        if (received.Decode() is not { } arguments)
        {
            return;
        }

        for (var index = 0; index < arguments.Count; index++)
        {
            var element = arguments.GetElement(index);
            var reader = arguments.CreateReader();
            for (var i = 0; i < index; i++)
            {
                reader.Skip();
            }

            var kind = element.ValueKind;
            switch (kind)
            {
                case JsonValueKind.String:
                    // Readable unless its escapes are not valid UTF-16 (a lone surrogate).
                    string? expected;
                    try
                    {
                        expected = element.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        expected = null;
                    }

                    if (expected is null)
                    {
                        var error = Assert.Throws<ArgumentBindingException>(() =>
                        {
                            var again = arguments.CreateReader();
                            for (var i = 0; i < index; i++)
                            {
                                again.Skip();
                            }

                            again.ReadString();
                        });
                        Assert.Equal(index, error.Index);
                    }
                    else
                    {
                        Assert.Equal(expected, reader.ReadString());
                    }

                    break;
                case JsonValueKind.Number:
                    var isInt = element.TryGetInt32(out var int32);
                    try
                    {
                        Assert.Equal(int32, reader.ReadInt32());
                        Assert.True(isInt);
                    }
                    catch (ArgumentBindingException)
                    {
                        Assert.False(isInt);
                    }

                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    Assert.Equal(kind == JsonValueKind.True, reader.ReadBoolean());
                    break;
                case JsonValueKind.Null:
                    Assert.Null(reader.ReadString());
                    break;
                case JsonValueKind.Object when Placeholder.TryRead(element, out var num) && num < arguments.AttachmentCount:
                    Assert.Equal(arguments.GetAttachment(num).ToArray(), reader.ReadBytes());
                    break;
                default:
                    Assert.Equal(element.GetRawText(), reader.ReadElement().GetRawText());
                    break;
            }
        }
    }

    [Property(MaxTest = 500)]
    public Property Any_sequence_of_reads_returns_or_throws_ArgumentBindingException() =>
        Prop.ForAll(
            ReceivedArguments.Arbitrary(LoneSurrogates.InStrings),
            Gen.Choose(0, Reads.Length - 1).ArrayOf().ToArbitrary(),
            AnySequenceOfReadsReturnsOrThrows);

    private static void AnySequenceOfReadsReturnsOrThrows(ReceivedArguments received, int[] choices)
    {
        if (received.Decode() is not { } arguments)
        {
            return;
        }

        // A generated dispatcher reads its parameters in order and stops at the first binding error.
        var reader = arguments.CreateReader();
        foreach (var choice in choices)
        {
            var read = Reads[choice];
            try
            {
                read.Read(ref reader);
            }
            catch (ArgumentBindingException)
            {
                return;
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException(
                    $"{read.Name} at argument {reader.Index} of {received} threw {exception.GetType().Name}: {exception.Message}", exception);
            }
        }
    }
}
