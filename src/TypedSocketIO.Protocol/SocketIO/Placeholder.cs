using System.Text.Json;

namespace TypedSocketIO.Protocol;

/// <summary>
/// What a binary value leaves in a packet's JSON: <c>{"_placeholder":true,"num":N}</c>, where N is
/// the index of the attachment, sent as its own binary frame after the packet, that holds its bytes.
/// </summary>
internal static class Placeholder
{
    public static ReadOnlySpan<byte> FlagName => "_placeholder"u8;

    public static ReadOnlySpan<byte> NumName => "num"u8;

    /// <summary>Writes the placeholder of attachment <paramref name="num"/>.</summary>
    public static void Write(Utf8JsonWriter json, int num)
    {
        json.WriteStartObject();
        json.WriteBoolean(FlagName, true);
        json.WriteNumber(NumName, num);
        json.WriteEndObject();
    }

    /// <summary>Whether <paramref name="element"/> is a placeholder, and of which attachment (not checked against any count).</summary>
    public static bool TryRead(JsonElement element, out int num)
    {
        try
        {
            if (element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty(FlagName, out var flag) && flag.ValueKind == JsonValueKind.True
                && element.TryGetProperty(NumName, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out num) && num >= 0)
            {
                return true;
            }
        }
        catch (InvalidOperationException)
        {
            // A property name escaping a lone surrogate: certainly not a placeholder.
        }

        num = -1;
        return false;
    }
}
