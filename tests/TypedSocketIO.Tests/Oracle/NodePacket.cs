using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using TypedSocketIO.Protocol;
using TypedSocketIO.Tests.Properties;

namespace TypedSocketIO.Tests.Oracle;

/// <summary>
/// A packet as a Node peer hands it to socket.io-parser's <c>Encoder</c>: CONNECT (with or without
/// auth), DISCONNECT, EVENT and ACK (binary anywhere in their data, which makes them BINARY_EVENT
/// and BINARY_ACK), CONNECT_ERROR.
/// </summary>
public sealed record NodePacket(int TypeDigit, string Namespace, long AckId, BinaryJson? Data)
{
    internal SocketIOPacketType Type => (SocketIOPacketType)TypeDigit;

    /// <summary>The event name of an EVENT (a string or a number), else null.</summary>
    public JsonModel? EventName => Type == SocketIOPacketType.Event && Data is BinaryJson.Arr { Items: [BinaryJson.Plain name, ..] } ? name.Value : null;

    /// <summary>The arguments of an EVENT (after its name) or an ACK.</summary>
    public BinaryJson[] Arguments => Data is BinaryJson.Arr a ? (Type == SocketIOPacketType.Event ? a.Items[1..] : a.Items) : [];

    public int BinaryCount => Data?.BinaryCount ?? 0;

    /// <summary>The type on the wire: the encoder makes an EVENT or ACK with binary a BINARY_EVENT or BINARY_ACK.</summary>
    internal SocketIOPacketType WireType => (Type, BinaryCount > 0) switch
    {
        (SocketIOPacketType.Event, true) => SocketIOPacketType.BinaryEvent,
        (SocketIOPacketType.Ack, true) => SocketIOPacketType.BinaryAck,
        _ => Type,
    };

    /// <summary>The item for the oracle's <c>sio.encode</c>.</summary>
    public string ToOracleItem() =>
        "{\"type\":" + (int)Type + ",\"nsp\":" + OracleJson.Quote(Namespace)
        + (AckId >= 0 ? ",\"id\":" + OracleJson.Quote(AckId.ToString(CultureInfo.InvariantCulture)) : string.Empty)
        + ",\"data\":" + (Data is null ? "[\"u\"]" : OracleJson.Tagged(Data)) + "}";

    public override string ToString() => $"{Type} nsp={OracleJson.Quote(Namespace)} ack={AckId} data={Data}";

    /// <summary>Event names: text (never a reserved one, which Node's decoder refuses), sometimes a number.</summary>
    internal static Gen<JsonModel> EventNames(Gen<string> text) => Gen.Frequency(
        (6, text.Where(n => !ReservedEvents.IsReserved(n)).Select(n => (JsonModel)new JsonModel.Str(n))),
        (1, Gen.Elements("message", "chat message", "é", "😀", "").Select(n => (JsonModel)new JsonModel.Str(n))),
        (1, Gen.Choose(-1000, 1000).Select(n => (JsonModel)new JsonModel.Integer(n))));

    private static readonly Gen<BinaryJson[]> ArgumentList =
        Gen.Sized(size => Gen.Choose(0, Math.Min(6, 1 + size / 10))).SelectMany(n => BinaryJson.Generator(2).ArrayOf(n))
            .Where(arguments => arguments.Sum(a => a.BinaryCount) <= SocketIOOptionsDefaults.MaxAttachments);

    internal static Gen<NodePacket> Generator(Gen<string> text) =>
        from type in Gen.Frequency(
            (2, Gen.Constant(SocketIOPacketType.Connect)),
            (1, Gen.Constant(SocketIOPacketType.Disconnect)),
            (6, Gen.Constant(SocketIOPacketType.Event)),
            (3, Gen.Constant(SocketIOPacketType.Ack)),
            (2, Gen.Constant(SocketIOPacketType.ConnectError)))
        from nsp in Gens.Namespace
        from ack in type switch
        {
            SocketIOPacketType.Event => Gens.OptionalAckId,
            SocketIOPacketType.Ack => Gens.AckId,
            _ => Gen.Constant(-1L),
        }
        from data in type switch
        {
            SocketIOPacketType.Connect => Gen.Frequency(
                (1, Gen.Constant<BinaryJson?>(null)),
                (3, Gens.Json(3).Select(v => (BinaryJson?)new BinaryJson.Plain(new JsonModel.Obj([("token", BinaryJson.NoPlaceholderShape(v))]))))),
            SocketIOPacketType.Event => from name in EventNames(text)
                                        from arguments in ArgumentList
                                        select (BinaryJson?)new BinaryJson.Arr([new BinaryJson.Plain(name), .. arguments]),
            SocketIOPacketType.Ack => ArgumentList.Select(arguments => (BinaryJson?)new BinaryJson.Arr(arguments)),
            SocketIOPacketType.ConnectError => Gen.OneOf(
                text.Select(s => (BinaryJson?)new BinaryJson.Plain(new JsonModel.Str(s))),
                from message in text
                from extra in Gens.Json(2)
                select (BinaryJson?)new BinaryJson.Plain(new JsonModel.Obj([("message", new JsonModel.Str(message)), ("data", BinaryJson.NoPlaceholderShape(extra))]))),
            _ => Gen.Constant<BinaryJson?>(null),
        }
        select new NodePacket((int)type, nsp, ack, data);

    internal static IEnumerable<NodePacket> Shrink(NodePacket packet)
    {
        if (packet.Namespace != "/")
        {
            yield return packet with { Namespace = "/" };
        }

        if (packet.AckId > 0)
        {
            yield return packet with { AckId = 0 };
        }

        if (packet.Data is BinaryJson.Arr a)
        {
            var skip = packet.Type == SocketIOPacketType.Event ? 1 : 0;
            for (var i = skip; i < a.Items.Length; i++)
            {
                yield return packet with { Data = new BinaryJson.Arr([.. a.Items[..i], .. a.Items[(i + 1)..]]) };
            }

            for (var i = skip; i < a.Items.Length; i++)
            {
                foreach (var smaller in BinaryJson.Shrink(a.Items[i]))
                {
                    var items = (BinaryJson[])a.Items.Clone();
                    items[i] = smaller;
                    yield return packet with { Data = new BinaryJson.Arr(items) };
                }
            }
        }
    }
}

/// <summary>The defaults the oracle tests stay within.</summary>
internal static class SocketIOOptionsDefaults
{
    public static readonly int MaxAttachments = new SocketIOOptions().MaxAttachments;
}
