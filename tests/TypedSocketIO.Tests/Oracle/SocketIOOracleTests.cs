using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Options;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;
using TypedSocketIO.Tests.Infrastructure;
using TypedSocketIO.Tests.Properties;

namespace TypedSocketIO.Tests.Oracle;

/// <summary>A packet the server writes itself, not through <see cref="PacketBuilder"/>.</summary>
public sealed record ServerPacket(int TypeDigit, string Namespace, string Text, JsonModel? Data)
{
    internal SocketIOPacketType Type => (SocketIOPacketType)TypeDigit;

    private static readonly SocketIOServer Server = new(Microsoft.Extensions.Options.Options.Create(new SocketIOOptions()));

    public OutgoingPacket Build()
    {
        var ns = Server.Of(Namespace);
        switch (Type)
        {
            case SocketIOPacketType.Connect:
                return ns.ConnectPacket(Text);
            case SocketIOPacketType.ConnectError:
                if (Data is null)
                {
                    return ns.ConnectErrorPacket(Text, null);
                }

                using (var document = JsonDocument.Parse(Data.ToJson()))
                {
                    return ns.ConnectErrorPacket(Text, document.RootElement.Clone());
                }

            default:
                return ns.DisconnectPacket;
        }
    }

    public string Expected => OurParser.Line((int)Type, Namespace, -1, Type switch
    {
        SocketIOPacketType.Connect => OracleJson.Canon(new JsonModel.Obj([("sid", new JsonModel.Str(Text))])),
        SocketIOPacketType.ConnectError => OracleJson.Canon(new JsonModel.Obj(
            Data is null ? [("message", new JsonModel.Str(Text))] : [("message", new JsonModel.Str(Text)), ("data", Data)])),
        _ => "undefined",
    });

    public override string ToString() => $"{Type} nsp={OracleJson.Quote(Namespace)} text={OracleJson.Quote(Text)} data={Data?.ToString() ?? "none"}";

    internal static readonly Gen<ServerPacket> Generator =
        from type in Gen.Elements(SocketIOPacketType.Connect, SocketIOPacketType.ConnectError, SocketIOPacketType.Disconnect)
        from nsp in Gens.Namespace
        from text in Gens.Text
        from data in Gen.Frequency((1, Gen.Constant<JsonModel?>(null)), (2, Gens.JsonValue.Select(v => (JsonModel?)v)))
        select new ServerPacket((int)type, nsp, text, type == SocketIOPacketType.ConnectError ? data : null);
}

/// <summary>A <see cref="NodePacket"/> drawn from any UTF-16 text.</summary>
public sealed record AnyTextNodePacket(NodePacket Packet)
{
    public bool HasLoneSurrogateName => Packet.EventName is JsonModel.Str name && Surrogates.HasLone(name.Value);

    public override string ToString() => Packet.ToString();
}

/// <summary>A packet Node encodes, that we receive and relay, behind binary arguments of our own.</summary>
public sealed record Relay(NodePacket Received, byte[][] OwnBinaries)
{
    public override string ToString() => $"{Received} after {OwnBinaries.Length} binaries of our own";
}

public static class OracleArbitraries
{
    public static Arbitrary<Batch<NodePacket>> NodePackets() => Batch<NodePacket>.Arbitrary(NodePacket.Generator(Gens.Text), NodePacket.Shrink);

    /// <summary>Packets whose event names and texts are any UTF-16, lone surrogates included (JSON.stringify escapes those).</summary>
    public static Arbitrary<Batch<AnyTextNodePacket>> AnyTextNodePackets() => Batch<AnyTextNodePacket>.Arbitrary(
        NodePacket.Generator(Gens.AnyText).Select(p => new AnyTextNodePacket(p)),
        p => NodePacket.Shrink(p.Packet).Select(s => new AnyTextNodePacket(s)));

    public static Arbitrary<Batch<Emit>> Emits() => Batch<Emit>.Arbitrary(
        Emit.Generator(Gens.Text)
            .Where(e => !ReservedEvents.IsReserved(e.EventName) && e.BinaryCount <= SocketIOOptionsDefaults.MaxAttachments)
            .Select(WithoutPlaceholderShapes),
        Emit.Shrink);

    /// <summary>An object with <c>"_placeholder": true</c> is the protocol's own shape (see docs/parser-differences.md): not user data to agree on.</summary>
    private static Emit WithoutPlaceholderShapes(Emit emit) => emit with
    {
        Arguments = [.. emit.Arguments.Select(a => a is EmitArgument.Json json ? json with { Value = BinaryJson.NoPlaceholderShape(json.Value) } : a)],
    };

    public static Arbitrary<Batch<ServerPacket>> ServerPackets() => Batch<ServerPacket>.Arbitrary(ServerPacket.Generator, _ => []);

    public static Arbitrary<Batch<Relay>> Relays() => Batch<Relay>.Arbitrary(
        from received in NodePacket.Generator(Gens.Text).Where(p => p.Type is SocketIOPacketType.Event or SocketIOPacketType.Ack)
        from count in Gen.Choose(0, 3)
        from own in Gens.Bytes.ArrayOf(count)
        where received.BinaryCount + count <= SocketIOOptionsDefaults.MaxAttachments
        select new Relay(received, own),
        relay => NodePacket.Shrink(relay.Received).Select(r => relay with { Received = r }));
}

/// <summary>
/// Node's socket.io-parser against ours, both ways, on generated packets of every type: what
/// Node's Encoder writes our decoder reads as the same packet, and what we write Node's Decoder
/// reads as the same value. Each property runs 3 batches of <see cref="Batch{T}.Size"/> cases.
/// </summary>
[Collection(ParserOracleCollection.Name)]
public sealed class SocketIOOracleTests(ParserOracle node)
{
    [Property(MaxTest = 3, Arbitrary = [typeof(OracleArbitraries)])]
    public void What_node_encodes_we_decode_as_the_same_packet(Batch<NodePacket> batch)
    {
        var encoded = node.Request("sio.encode", [.. batch.Items.Select(p => p.ToOracleItem())]);
        for (var i = 0; i < batch.Items.Length; i++)
        {
            var packet = batch.Items[i];
            var (text, attachments) = Wire(encoded[i].Value);
            var expected = OurParser.Line((int)packet.WireType, packet.Namespace, packet.AckId, packet.Data is null ? "undefined" : OracleJson.Canon(packet.Data));

            var received = ReadOrFail(text, attachments, packet);
            Assert.True(
                expected == OurParser.Describe(received),
                $"Node wrote {OracleJson.Quote(text)} (+{attachments.Length} attachments) for {packet}\n expected {expected}\n we read  {OurParser.Describe(received)}");
            Assert.True(DecoderOracle.Accepts(System.Text.Encoding.UTF8.GetBytes(text)));

            // A binary argument at the top is the handler's byte[].
            var arguments = received.Arguments;
            for (var a = 0; a < packet.Arguments.Length; a++)
            {
                if (packet.Arguments[a] is BinaryJson.Bytes bytes)
                {
                    Assert.Equal(bytes.Data, arguments.GetBytes(a).ToArray());
                }
            }
        }
    }

    [Property(MaxTest = 3, Arbitrary = [typeof(OracleArbitraries)])]
    public Property What_node_encodes_with_lone_surrogates_we_decode_the_same_but_we_refuse_such_an_event_name(Batch<AnyTextNodePacket> batch)
    {
        var encoded = node.Request("sio.encode", [.. batch.Items.Select(p => p.Packet.ToOracleItem())]);
        var refused = 0;
        for (var i = 0; i < batch.Items.Length; i++)
        {
            var packet = batch.Items[i].Packet;
            var (text, attachments) = Wire(encoded[i].Value);
            if (batch.Items[i].HasLoneSurrogateName)
            {
                // Decided: a name is UTF-8 to us, and UTF-8 has no lone surrogate (docs/parser-differences.md).
                var exception = Assert.Throws<ProtocolException>(() => OurParser.Read(text, attachments));
                Assert.Equal("invalid event name", exception.Message);
                refused++;
                continue;
            }

            var expected = OurParser.Line((int)packet.WireType, packet.Namespace, packet.AckId, packet.Data is null ? "undefined" : OracleJson.Canon(packet.Data));
            var actual = OurParser.Describe(ReadOrFail(text, attachments, packet));
            Assert.True(expected == actual, $"Node wrote {OracleJson.Quote(text)} for {packet}\n expected {expected}\n we read  {actual}");
        }

        return true.Classify(refused > 0, "some lone-surrogate event names");
    }

    [Property(MaxTest = 3, Arbitrary = [typeof(OracleArbitraries)])]
    public void What_we_build_node_decodes_as_the_same_value(Batch<Emit> batch)
    {
        var outgoing = batch.Items.Select(e => e.Build()).ToArray();
        var decoded = node.Request("sio.decode", [.. outgoing.Select(OurParser.DecodeItem)]);
        for (var i = 0; i < batch.Items.Length; i++)
        {
            var emit = batch.Items[i];
            var parts = emit.Arguments.Select(a => a switch
            {
                EmitArgument.Json json => OracleJson.Canon(json.Value),
                EmitArgument.Binary binary => OracleJson.Canon(new BinaryJson.Bytes(binary.Bytes)),
                _ => throw new InvalidOperationException(),
            });
            if (!emit.IsAck)
            {
                parts = parts.Prepend(OracleJson.Quote(emit.EventName));
            }

            var expected = OurParser.Line(OurParser.NodeDecodedType(emit.ExpectedType), emit.Namespace, emit.AckId, "[" + string.Join(',', parts) + "]");
            Assert.False(decoded[i].Threw, $"Node refused {outgoing[i]} for {emit}: {decoded[i].Error}");
            var actual = OurParser.DescribeNode(decoded[i].Value);
            Assert.True(expected == actual, $"we wrote {outgoing[i]} for {emit}\n expected   {expected}\n Node read  {actual}");
        }
    }

    [Property(MaxTest = 3, Arbitrary = [typeof(OracleArbitraries)])]
    public void The_connect_connect_error_and_disconnect_packets_we_write_node_decodes_as_the_same_value(Batch<ServerPacket> batch)
    {
        var outgoing = batch.Items.Select(p => p.Build()).ToArray();
        var decoded = node.Request("sio.decode", [.. outgoing.Select(OurParser.DecodeItem)]);
        for (var i = 0; i < batch.Items.Length; i++)
        {
            Assert.False(decoded[i].Threw, $"Node refused {outgoing[i]} for {batch.Items[i]}: {decoded[i].Error}");
            var actual = OurParser.DescribeNode(decoded[i].Value);
            Assert.True(batch.Items[i].Expected == actual, $"we wrote {outgoing[i]} for {batch.Items[i]}\n expected   {batch.Items[i].Expected}\n Node read  {actual}");
        }
    }

    [Property(MaxTest = 3, Arbitrary = [typeof(OracleArbitraries)])]
    public void What_node_encodes_we_relay_behind_binaries_of_our_own_and_node_decodes_it_the_same(Batch<Relay> batch)
    {
        // Nested placeholders renumbered by WriteArguments, read back by Node's reconstruction.
        var encoded = node.Request("sio.encode", [.. batch.Items.Select(r => r.Received.ToOracleItem())]);
        var relayed = new OutgoingPacket[batch.Items.Length];
        for (var i = 0; i < batch.Items.Length; i++)
        {
            var relay = batch.Items[i];
            var (text, attachments) = Wire(encoded[i].Value);
            var received = ReadOrFail(text, attachments, relay.Received);
            var isAck = relay.Received.Type == SocketIOPacketType.Ack;
            using var builder = isAck ? PacketBuilder.ForAck() : PacketBuilder.ForEvent("relay");
            foreach (var own in relay.OwnBinaries)
            {
                builder.Write(own);
            }

            builder.WriteArguments(received.Arguments);
            relayed[i] = builder.Build(relay.Received.Namespace, relay.Received.AckId);
        }

        var decoded = node.Request("sio.decode", [.. relayed.Select(OurParser.DecodeItem)]);
        for (var i = 0; i < batch.Items.Length; i++)
        {
            var relay = batch.Items[i];
            var isAck = relay.Received.Type == SocketIOPacketType.Ack;
            var parts = relay.OwnBinaries.Select(b => OracleJson.Canon(new BinaryJson.Bytes(b)))
                .Concat(relay.Received.Arguments.Select(OracleJson.Canon));
            if (!isAck)
            {
                parts = parts.Prepend(OracleJson.Quote("relay"));
            }

            var expected = OurParser.Line((int)relay.Received.Type, relay.Received.Namespace, relay.Received.AckId, "[" + string.Join(',', parts) + "]");
            Assert.False(decoded[i].Threw, $"Node refused our relay {relayed[i]} of {relay}: {decoded[i].Error}");
            var actual = OurParser.DescribeNode(decoded[i].Value);
            Assert.True(expected == actual, $"we relayed {relayed[i]} for {relay}\n expected   {expected}\n Node read  {actual}");
        }
    }

    internal static (string Text, byte[][] Attachments) Wire(JsonElement encoded) =>
        (OracleJson.String(encoded[0]), [.. encoded.EnumerateArray().Skip(1).Select(OracleJson.Bytes)]);

    private static OurParser.Received ReadOrFail(string text, byte[][] attachments, NodePacket packet)
    {
        try
        {
            return OurParser.Read(text, attachments);
        }
        catch (ProtocolException exception)
        {
            throw new Xunit.Sdk.XunitException($"Node wrote {OracleJson.Quote(text)} (+{attachments.Length} attachments) for {packet}; we refused it: {exception.Message}");
        }
    }
}
