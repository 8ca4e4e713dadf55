using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Properties;

/// <summary>
/// A well-formed Socket.IO packet of any of the seven types, as text, with what the decoder
/// must read from it. Payload JSON comes compact or indented, non-ASCII raw or escaped. A binary
/// packet's arguments hold one placeholder per attachment, in any order and nesting, and nothing
/// else that looks like one.
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

    private static bool IsBinary(SocketIOPacketType type) => type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck;

    /// <summary>Whether a binary packet's placeholders name each of its attachments exactly once (text packets always are).</summary>
    private bool PlaceholdersMatchAttachments =>
        !IsBinary(Type) || Arguments.SelectMany(PlaceholderNums).Order().SequenceEqual(Enumerable.Range(0, Attachments).Select(n => (long)n));

    /// <summary>The num of every object in <paramref name="value"/> whose "_placeholder" is true; -1 for one without a valid num.</summary>
    private static IEnumerable<long> PlaceholderNums(JsonModel value) => value switch
    {
        JsonModel.Arr array => array.Items.SelectMany(PlaceholderNums),
        JsonModel.Obj obj when obj.Properties.Any(p => p.Name == "_placeholder" && p.Value is JsonModel.Bool { Value: true }) =>
            obj.Properties.Where(p => p.Name == "num").Select(p => p.Value is JsonModel.Integer n ? n.Value : -1).DefaultIfEmpty(-1)
                .Concat(obj.Properties.SelectMany(p => PlaceholderNums(p.Value))),
        JsonModel.Obj obj => obj.Properties.SelectMany(p => PlaceholderNums(p.Value)),
        _ => [],
    };

    /// <summary>
    /// <paramref name="arguments"/> with the placeholders of attachments 0 to <paramref name="attachments"/> - 1
    /// inserted in any order, each as it is or inside an array or an object, as senders nest binary values.
    /// </summary>
    private static Gen<JsonModel[]> WithPlaceholders(JsonModel[] arguments, int attachments) =>
        Gen.Choose(0, int.MaxValue).ArrayOf(3 * attachments).Select(choices =>
        {
            var nums = Enumerable.Range(0, attachments).ToArray();
            var result = arguments.ToList();
            for (var i = 0; i < attachments; i++)
            {
                var pick = i + (choices[3 * i] % (attachments - i));
                (nums[i], nums[pick]) = (nums[pick], nums[i]);
                var placeholder = JsonModel.Placeholder(nums[i]);
                JsonModel nested = (choices[(3 * i) + 1] % 3) switch
                {
                    0 => placeholder,
                    1 => new JsonModel.Arr([placeholder]),
                    _ => new JsonModel.Obj([("file", placeholder)]),
                };
                result.Insert(choices[(3 * i) + 2] % (result.Count + 1), nested);
            }

            return result.ToArray();
        });

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
        from attachments in IsBinary(type) ? Gen.Choose(1, 10) : Gen.Constant(0) // a binary packet has at least one
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
        from values in Gen.Sized(size => Gen.Choose(0, Math.Min(5, 1 + size / 10))).SelectMany(n => Gens.JsonValue.ArrayOf(n))
        where !IsBinary(type) || !values.Any(value => value.HasPlaceholderFlag)
        from arguments in IsBinary(type) ? WithPlaceholders(values, attachments) : Gen.Constant(values)
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

    internal static IEnumerable<ValidPacket> Shrink(ValidPacket packet) =>
        Smaller(packet).Where(candidate => candidate.PlaceholdersMatchAttachments);

    private static IEnumerable<ValidPacket> Smaller(ValidPacket packet)
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

        if (IsBinary(packet.Type))
        {
            // The text packet of the same kind, without the binary.
            var text = packet.Type == SocketIOPacketType.BinaryEvent ? SocketIOPacketType.Event : SocketIOPacketType.Ack;
            yield return packet with { TypeDigit = (int)text, Attachments = 0, Arguments = [.. packet.Arguments.Where(a => !a.HasPlaceholderFlag)] };
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
