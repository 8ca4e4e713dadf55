using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Properties;

/// <summary>One argument of a generated emit, and which <see cref="PacketBuilder"/> call writes it.</summary>
public abstract record EmitArgument
{
    public abstract void WriteTo(PacketBuilder builder);

    /// <summary>A JSON value, written through one of the builder's JSON paths.</summary>
    public sealed record Json(JsonModel Value, JsonPath Path) : EmitArgument
    {
        public override void WriteTo(PacketBuilder builder)
        {
            switch (Path)
            {
                case JsonPath.Writer:
                    Value.WriteTo(builder.Json);
                    break;
                case JsonPath.Element:
                    using (var document = JsonDocument.Parse(Value.ToJson()))
                    {
                        builder.WriteObject(document.RootElement.Clone());
                    }

                    break;
                case JsonPath.Node:
                    builder.Write(Value.ToNode());
                    break;
                default:
                    WriteTyped(builder);
                    break;
            }
        }

        /// <summary>Scalars through <c>Write&lt;T&gt;</c> / <c>WriteObject</c> with their own CLR type; containers as nodes.</summary>
        private void WriteTyped(PacketBuilder builder)
        {
            switch (Value)
            {
                case JsonModel.Null:
                    builder.WriteObject(null);
                    break;
                case JsonModel.Bool b:
                    builder.Write(b.Value);
                    break;
                case JsonModel.Integer i:
                    builder.WriteObject(i.Value);
                    break;
                case JsonModel.Real r:
                    builder.Write(r.Value);
                    break;
                case JsonModel.Str s:
                    builder.Write(s.Value);
                    break;
                default:
                    builder.WriteObject(Value.ToNode());
                    break;
            }
        }

        public override string ToString() => $"{Value} via {Path}";
    }

    /// <summary>A binary argument, handed to the builder as one of the binary types it knows.</summary>
    public sealed record Binary(byte[] Bytes, BinaryPath Path) : EmitArgument
    {
        public override void WriteTo(PacketBuilder builder)
        {
            // Slices of a larger buffer, so that an offset that is lost shows.
            var padded = new byte[Bytes.Length + 6];
            padded.AsSpan().Fill(0xAA);
            Bytes.CopyTo(padded, 3);
            switch (Path)
            {
                case BinaryPath.ByteArray:
                    builder.Write(Bytes);
                    break;
                case BinaryPath.ReadOnlyMemory:
                    builder.Write(new ReadOnlyMemory<byte>(padded, 3, Bytes.Length));
                    break;
                case BinaryPath.Memory:
                    builder.Write(new Memory<byte>(padded, 3, Bytes.Length));
                    break;
                case BinaryPath.ArraySegment:
                    builder.Write(new ArraySegment<byte>(padded, 3, Bytes.Length));
                    break;
                case BinaryPath.Object:
                    builder.WriteObject(Bytes);
                    break;
                default:
                    builder.WriteBinary(new ReadOnlyMemory<byte>(padded, 3, Bytes.Length));
                    break;
            }
        }

        public override string ToString() => $"bytes[{Bytes.Length}] {Convert.ToHexString(Bytes)} via {Path}";
    }
}

public enum JsonPath
{
    Writer,
    Element,
    Node,
    Typed,
}

public enum BinaryPath
{
    ByteArray,
    ReadOnlyMemory,
    Memory,
    ArraySegment,
    Object,
    WriteBinary,
}

/// <summary>An event or ack to emit: namespace, ack id, event name (events only) and arguments.</summary>
public sealed record Emit(bool IsAck, string Namespace, long AckId, string EventName, EmitArgument[] Arguments)
{
    public int BinaryCount => Arguments.Count(a => a is EmitArgument.Binary);

    /// <summary>
    /// Whether no JSON argument looks like a placeholder. A binary packet cannot carry one (receivers take it
    /// for an attachment), and the relay properties put any emit's arguments next to another's binary ones.
    /// </summary>
    public bool IsRepresentable => !Arguments.Any(a => a is EmitArgument.Json json && json.Value.HasPlaceholderFlag);

    internal SocketIOPacketType ExpectedType => (IsAck, BinaryCount > 0) switch
    {
        (false, false) => SocketIOPacketType.Event,
        (false, true) => SocketIOPacketType.BinaryEvent,
        (true, false) => SocketIOPacketType.Ack,
        (true, true) => SocketIOPacketType.BinaryAck,
    };

    public OutgoingPacket Build()
    {
        using var builder = IsAck ? PacketBuilder.ForAck() : PacketBuilder.ForEvent(EventName);
        foreach (var argument in Arguments)
        {
            argument.WriteTo(builder);
        }

        return builder.Build(Namespace, AckId);
    }

    public override string ToString() =>
        $"{(IsAck ? "ack" : "event " + JsonSerializer.Serialize(EventName))} nsp={JsonSerializer.Serialize(Namespace)} ack={AckId} args=[{string.Join(", ", Arguments.Select(a => a.ToString()))}]";

    private static readonly Gen<EmitArgument> Argument = Gen.Frequency(
        (4, from value in Gens.JsonValue
            from path in Gen.Elements(Enum.GetValues<JsonPath>())
            select (EmitArgument)new EmitArgument.Json(value, path)),
        (1, from bytes in Gens.Bytes
            from path in Gen.Elements(Enum.GetValues<BinaryPath>())
            select (EmitArgument)new EmitArgument.Binary(bytes, path)));

    internal static Gen<Emit> Generator(Gen<string> names) =>
        from isAck in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from nsp in Gens.Namespace
        from ackId in isAck ? Gens.AckId : Gens.OptionalAckId
        from name in names
        from arguments in Gen.Sized(size => Gen.Choose(0, Math.Min(12, 1 + size / 8))).SelectMany(n => Argument.ArrayOf(n))
        let emit = new Emit(isAck, nsp, ackId, isAck ? string.Empty : name, arguments)
        where emit.IsRepresentable
        select emit;

    internal static IEnumerable<Emit> Shrink(Emit emit) => Smaller(emit).Where(candidate => candidate.IsRepresentable);

    private static IEnumerable<Emit> Smaller(Emit emit)
    {
        for (var i = 0; i < emit.Arguments.Length; i++)
        {
            yield return emit with { Arguments = [.. emit.Arguments[..i], .. emit.Arguments[(i + 1)..]] };
        }

        if (emit.Namespace != "/")
        {
            yield return emit with { Namespace = "/" };
        }

        if (emit.AckId > 0)
        {
            yield return emit with { AckId = emit.IsAck ? 0 : -1 };
        }

        foreach (var name in JsonModel.ShrinkString(emit.EventName))
        {
            yield return emit with { EventName = name };
        }

        for (var i = 0; i < emit.Arguments.Length; i++)
        {
            var candidates = emit.Arguments[i] switch
            {
                EmitArgument.Json json => JsonModel.Shrink(json.Value).Select(v => (EmitArgument)(json with { Value = v }))
                    .Append(json with { Path = JsonPath.Writer }),
                EmitArgument.Binary binary => new EmitArgument[]
                {
                    binary with { Bytes = binary.Bytes[..(binary.Bytes.Length / 2)] },
                    binary with { Path = BinaryPath.ByteArray },
                },
                _ => [],
            };
            foreach (var candidate in candidates.Where(c => c != emit.Arguments[i]))
            {
                var arguments = (EmitArgument[])emit.Arguments.Clone();
                arguments[i] = candidate;
                yield return emit with { Arguments = arguments };
            }
        }
    }
}

/// <summary>Generated text made of any UTF-16, lone surrogates included.</summary>
public sealed record AnyTextEmit(Emit Emit, string Text)
{
    public override string ToString() => $"{Emit} text={Gens.Show(Encoding.UTF8.GetBytes(Text))} ({string.Join(" ", Text.Select(c => ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)))})";
}

public static class EncoderArbitraries
{
    public static Arbitrary<Emit> Emit() => Arb.From(Properties.Emit.Generator(Gens.Text), Properties.Emit.Shrink);

    public static Arbitrary<AnyTextEmit> AnyTextEmit() => Arb.From(
        from emit in Properties.Emit.Generator(Gens.AnyText)
        from text in Gens.AnyText
        select new AnyTextEmit(emit, text),
        e => JsonModel.ShrinkString(e.Text).Select(t => e with { Text = t })
            .Concat(JsonModel.ShrinkString(e.Emit.EventName).Select(n => e with { Emit = e.Emit with { EventName = n } }))
            .Concat(Properties.Emit.Shrink(e.Emit).Select(s => e with { Emit = s })));
}

/// <summary>What <see cref="PacketBuilder"/> builds, <see cref="SocketIOPacketDecoder"/> reads back: header, name, every argument and every attachment.</summary>
public class EncoderProperties
{
    private static SocketIOPacket DecodeFrame(OutgoingPacket outgoing, int binaryCount)
    {
        Assert.Equal((byte)'4', outgoing.Frame.Span[0]);
        return SocketIOPacketDecoder.Decode(outgoing.Frame[1..], maxAttachments: Math.Max(10, binaryCount));
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(EncoderArbitraries)])]
    public void Built_packets_decode_to_the_same_type_namespace_ack_id_and_event_name(Emit emit)
    {
        var outgoing = emit.Build();
        var packet = DecodeFrame(outgoing, emit.BinaryCount);

        Assert.Equal(emit.ExpectedType, packet.Type);
        Assert.Equal(emit.Namespace, Encoding.UTF8.GetString(packet.Namespace.Span));
        Assert.Equal(emit.AckId, packet.AckId);
        Assert.Equal(emit.BinaryCount, packet.AttachmentCount);
        Assert.Equal(emit.BinaryCount, outgoing.Attachments.Count);
        Assert.Equal(emit.Arguments.Length, packet.ArgumentCount);
        if (!emit.IsAck)
        {
            Assert.Equal(emit.EventName, Encoding.UTF8.GetString(packet.EventName.Span));
        }
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(EncoderArbitraries)])]
    public void Built_packets_decode_to_the_same_arguments_and_attachments(Emit emit)
    {
        var outgoing = emit.Build();
        var packet = DecodeFrame(outgoing, emit.BinaryCount);
        var arguments = EventArguments.Of(packet, [.. outgoing.Attachments], SocketIOJson.DefaultOptions);

        Assert.Equal(emit.Arguments.Length, arguments.Count);
        var reader = arguments.CreateReader();
        var attachment = 0;
        for (var i = 0; i < emit.Arguments.Length; i++)
        {
            switch (emit.Arguments[i])
            {
                case EmitArgument.Json json:
                    var expected = json.Value.ToNode();
                    var raw = JsonNode.Parse(arguments.GetRawJson(i).Span);
                    Assert.True(
                        JsonNode.DeepEquals(expected, raw),
                        $"argument {i}: wrote {json.Value}, read back {Encoding.UTF8.GetString(arguments.GetRawJson(i).Span)}");
                    if (json.Value is JsonModel.Str s)
                    {
                        Assert.Equal(s.Value, arguments.GetString(i));
                        Assert.Equal(s.Value, reader.ReadString());
                    }
                    else
                    {
                        using var document = JsonDocument.Parse(json.Value.ToJson());
                        Assert.True(JsonElement.DeepEquals(document.RootElement, reader.ReadElement()), $"reader's argument {i} differs");
                    }

                    break;
                case EmitArgument.Binary binary:
                    Assert.True(arguments.IsBinary(i), $"argument {i} is not a placeholder");
                    Assert.Equal(binary.Bytes, arguments.GetBytes(i).ToArray());
                    Assert.Equal(binary.Bytes, reader.ReadBytes());
                    Assert.Equal(binary.Bytes, outgoing.Attachments[attachment].ToArray());
                    Assert.Equal(attachment, arguments.GetElement(i).GetProperty("num").GetInt32());
                    attachment++;
                    break;
            }
        }

        Assert.False(reader.HasNext);
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(EncoderArbitraries)])]
    public void Forwarded_arguments_decode_to_the_same_arguments_and_attachments(Emit emit, Emit before)
    {
        // A server relaying what it received: WriteArguments after some arguments of its own.
        var received = emit.Build();
        var packet = DecodeFrame(received, emit.BinaryCount);
        var arguments = EventArguments.Of(packet, [.. received.Attachments], SocketIOJson.DefaultOptions);

        OutgoingPacket relayed;
        using (var builder = PacketBuilder.ForEvent("relay"))
        {
            foreach (var argument in before.Arguments)
            {
                argument.WriteTo(builder);
            }

            builder.WriteArguments(arguments);
            relayed = builder.Build("/");
        }

        var total = before.BinaryCount + emit.BinaryCount;
        var relayedPacket = DecodeFrame(relayed, total);
        var relayedArguments = EventArguments.Of(relayedPacket, [.. relayed.Attachments], SocketIOJson.DefaultOptions);

        Assert.Equal(before.Arguments.Length + emit.Arguments.Length, relayedArguments.Count);
        Assert.Equal(total, relayed.Attachments.Count);
        for (var i = 0; i < emit.Arguments.Length; i++)
        {
            var at = before.Arguments.Length + i;
            switch (emit.Arguments[i])
            {
                case EmitArgument.Json json:
                    Assert.True(
                        JsonNode.DeepEquals(json.Value.ToNode(), JsonNode.Parse(relayedArguments.GetRawJson(at).Span)),
                        $"argument {i}: wrote {json.Value}, relayed {Encoding.UTF8.GetString(relayedArguments.GetRawJson(at).Span)}");
                    break;
                case EmitArgument.Binary binary:
                    Assert.Equal(binary.Bytes, relayedArguments.GetBytes(at).ToArray());
                    break;
            }
        }
    }

    [Property(MaxTest = 500)]
    public Property Forwarding_received_arguments_relays_each_of_them() =>
        Prop.ForAll(ReceivedArguments.Arbitrary(LoneSurrogates.None), ForwardingRelaysEachArgument);

    [Property(MaxTest = 500)]
    public Property Forwarding_received_arguments_relays_each_of_them_even_with_lone_surrogate_escapes() =>
        Prop.ForAll(ReceivedArguments.Arbitrary(LoneSurrogates.InStringsAndNames), ForwardingRelaysEachArgument);


    /// <summary>A server relays what it received with <see cref="PacketBuilder.WriteArguments"/>: every argument and attachment arrives as it was.</summary>
    private static void ForwardingRelaysEachArgument(ReceivedArguments received)
    {
        if (received.Decode() is not { } arguments)
        {
            return;
        }

        OutgoingPacket relayed;
        using (var builder = received.IsAck ? PacketBuilder.ForAck() : PacketBuilder.ForEvent("relay"))
        {
            builder.WriteArguments(arguments);
            relayed = builder.Build("/", received.IsAck ? 1 : -1);
        }

        var packet = DecodeFrame(relayed, received.Attachments);
        var relayedArguments = EventArguments.Of(packet, [.. relayed.Attachments], SocketIOJson.DefaultOptions);

        Assert.Equal(arguments.Count, relayedArguments.Count);
        Assert.Equal(received.Attachments, relayed.Attachments.Count);
        for (var i = 0; i < received.Attachments; i++)
        {
            Assert.Equal(arguments.GetAttachment(i).ToArray(), relayed.Attachments[i].ToArray());
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            var original = Encoding.UTF8.GetString(arguments.GetRawJson(i).Span);
            var copy = Encoding.UTF8.GetString(relayedArguments.GetRawJson(i).Span);
            if (received.Attachments == 0)
            {
                // Nothing to renumber: spliced byte for byte.
                Assert.Equal(original, copy);
                continue;
            }

            using var before = JsonDocument.Parse(original);
            using var after = JsonDocument.Parse(copy);
            Assert.True(TolerantJson.Same(before.RootElement, after.RootElement, placeholdersByNumber: true), $"argument {i}: {original} relayed as {copy}");
        }
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(EncoderArbitraries)])]
    public void Built_packets_with_any_utf16_text_decode_with_lone_surrogates_replaced(AnyTextEmit input)
    {
        // UTF-8 has no form for a lone surrogate: the writer puts U+FFFD in its place, as Encoding.UTF8 does.
        var emit = input.Emit with { Arguments = [.. input.Emit.Arguments, new EmitArgument.Json(new JsonModel.Str(input.Text), JsonPath.Typed)] };

        var outgoing = emit.Build();

        var packet = DecodeFrame(outgoing, emit.BinaryCount);
        var arguments = EventArguments.Of(packet, [.. outgoing.Attachments], SocketIOJson.DefaultOptions);
        Assert.Equal(emit.ExpectedType, packet.Type);
        Assert.Equal(emit.Arguments.Length, packet.ArgumentCount);
        Assert.Equal(Replaced(input.Text), arguments.GetString(arguments.Count - 1));
        if (!emit.IsAck)
        {
            Assert.Equal(Replaced(emit.EventName), Encoding.UTF8.GetString(packet.EventName.Span));
        }

        Assert.Equal(Surrogates.HasLone(input.Text), input.Text != Replaced(input.Text));
    }

    private static string Replaced(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
}
