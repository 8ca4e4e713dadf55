using System.Text.Json;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// Copies arguments of a received or sent event into another packet: JSON as it is, binary values
/// as attachments of the new packet (their placeholders renumbered), so that the UI receives the
/// bytes as Node's package sends them.
/// </summary>
internal static class ArgumentCopier
{
    /// <summary>Writes <c>[name, ...args]</c>, the form of Node's <c>onAny</c> arguments.</summary>
    public static void WriteEventArray(PacketBuilder builder, string name, EventArguments args)
    {
        builder.Json.WriteStartArray();
        builder.Json.WriteStringValue(name);
        for (var i = 0; i < args.Count; i++)
        {
            WriteArgument(builder, args, i);
        }

        builder.Json.WriteEndArray();
    }

    /// <summary>Writes argument <paramref name="index"/> of <paramref name="args"/> as one value.</summary>
    public static void WriteArgument(PacketBuilder builder, EventArguments args, int index)
    {
        if (args.AttachmentCount == 0)
        {
            builder.Json.WriteRawValue(args.GetRawJson(index).Span, skipInputValidation: true);
            return;
        }

        WriteWithAttachments(builder, args, args.GetElement(index));
    }

    private static void WriteWithAttachments(PacketBuilder builder, EventArguments args, JsonElement element)
    {
        if (IsPlaceholder(element, out var num) && num < args.AttachmentCount)
        {
            builder.WriteBinary(args.GetAttachment(num));
            return;
        }

        var json = builder.Json;
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                json.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteWithAttachments(builder, args, item);
                }

                json.WriteEndArray();
                break;
            case JsonValueKind.Object:
                json.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    json.WritePropertyName(property.Name);
                    WriteWithAttachments(builder, args, property.Value);
                }

                json.WriteEndObject();
                break;
            default:
                element.WriteTo(json);
                break;
        }
    }

    private static bool IsPlaceholder(JsonElement element, out int num)
    {
        num = -1;
        return element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("_placeholder"u8, out var flag) && flag.ValueKind == JsonValueKind.True
            && element.TryGetProperty("num"u8, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out num) && num >= 0;
    }
}
