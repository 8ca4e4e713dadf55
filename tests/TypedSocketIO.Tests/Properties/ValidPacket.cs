using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Properties;

/// <summary>
/// A well-formed Socket.IO packet of any of the seven types, as text, with what the decoder
/// must read from it. Payload JSON comes compact or indented, non-ASCII raw or escaped.
/// </summary>
public sealed record ValidPacket(
    int TypeDigit,
    int Attachments,
    string Namespace,
    long AckId,
    JsonModel? EventName,
    JsonModel[] Arguments,
    JsonModel? Data,
    bool AsciiOnly,
    bool Indented)
{
    internal SocketIOPacketType Type => (SocketIOPacketType)TypeDigit;

    public string Text
    {
        get
        {
            var builder = new StringBuilder();
            builder.Append((int)Type);
            if (Type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck)
            {
                builder.Append(Attachments).Append('-');
            }

            if (Namespace != "/")
            {
                builder.Append(Namespace).Append(',');
            }

            if (AckId >= 0)
            {
                builder.Append(AckId);
            }

            var payload = Type switch
            {
                SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent => new JsonModel.Arr([EventName!, .. Arguments]),
                SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck => new JsonModel.Arr(Arguments),
                _ => Data,
            };
            if (payload is not null)
            {
                builder.Append(payload.ToJson(AsciiOnly, Indented));
            }

            return builder.ToString();
        }
    }

    public byte[] Bytes => Encoding.UTF8.GetBytes(Text);

    public override string ToString() => Text;

    internal static readonly Gen<ValidPacket> Generator =
        from type in Gen.Elements(Enum.GetValues<SocketIOPacketType>())
        from attachments in Gen.Choose(0, 10)
        from nsp in Gens.Namespace
        from ack in type switch
        {
            SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent => Gens.OptionalAckId,
            SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck => Gens.AckId,
            _ => Gen.Constant(-1L),
        }
        from name in Gen.Frequency(
            (4, Gens.Text.Select(s => (JsonModel)new JsonModel.Str(s))),
            (1, Gens.Long.Select(l => (JsonModel)new JsonModel.Integer(l))),
            (1, Gens.FiniteDouble.Select(d => (JsonModel)new JsonModel.Real(d))))
        from arguments in Gen.Sized(size => Gen.Choose(0, Math.Min(5, 1 + size / 10))).SelectMany(n => Gens.JsonValue.ArrayOf(n))
        from data in type switch
        {
            SocketIOPacketType.Connect => Gen.Frequency(
                (1, Gen.Constant<JsonModel?>(null)),
                (3, Gens.Json(3).Select(v => (JsonModel?)new JsonModel.Obj([("token", v)])))),
            SocketIOPacketType.ConnectError => Gen.OneOf(
                Gens.Text.Select(s => (JsonModel?)new JsonModel.Str(s)),
                Gens.Text.Select(s => (JsonModel?)new JsonModel.Obj([("message", new JsonModel.Str(s))]))),
            _ => Gen.Constant<JsonModel?>(null),
        }
        from asciiOnly in Gen.Elements(true, false)
        from indented in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new ValidPacket((int)type, attachments, nsp, ack, name, arguments, data, asciiOnly, indented);

    internal static IEnumerable<ValidPacket> Shrink(ValidPacket packet)
    {
        if (packet.Namespace != "/")
        {
            yield return packet with { Namespace = "/" };
        }

        if (packet.Indented)
        {
            yield return packet with { Indented = false };
        }

        if (packet.AsciiOnly)
        {
            yield return packet with { AsciiOnly = false };
        }

        if (packet.Attachments > 0)
        {
            yield return packet with { Attachments = 0 };
        }

        if (packet.AckId > 0)
        {
            yield return packet with { AckId = 0 };
        }

        if (packet.EventName is not null)
        {
            foreach (var name in JsonModel.Shrink(packet.EventName).Where(n => n is JsonModel.Str or JsonModel.Integer or JsonModel.Real))
            {
                yield return packet with { EventName = name };
            }
        }

        for (var i = 0; i < packet.Arguments.Length; i++)
        {
            yield return packet with { Arguments = [.. packet.Arguments[..i], .. packet.Arguments[(i + 1)..]] };
        }

        for (var i = 0; i < packet.Arguments.Length; i++)
        {
            foreach (var smaller in JsonModel.Shrink(packet.Arguments[i]))
            {
                var arguments = (JsonModel[])packet.Arguments.Clone();
                arguments[i] = smaller;
                yield return packet with { Arguments = arguments };
            }
        }
    }

    public static Arbitrary<ValidPacket> Arbitrary() => Arb.From(Generator, Shrink);
}
