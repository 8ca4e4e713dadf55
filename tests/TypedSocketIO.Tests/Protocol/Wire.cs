using System.Text;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>A record argument, as an application would send one.</summary>
public sealed record Point(int X, int Y);

/// <summary>Small helpers shared by the protocol tests.</summary>
internal static class Wire
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlyMemory<byte> utf8) => Encoding.UTF8.GetString(utf8.Span);

    public static SocketIOPacket Decode(
        string packet,
        int maxAttachments = 10,
        int maxDepth = SocketIOLimits.DefaultMaxDepth,
        int maxArguments = SocketIOLimits.DefaultMaxArguments) =>
        SocketIOPacketDecoder.Decode(Utf8(packet), maxAttachments, maxDepth, maxArguments);

    /// <summary>The arguments of a decoded event (name skipped) or ack, as the server builds them.</summary>
    public static EventArguments ArgumentsOf(SocketIOPacket packet, params byte[][] attachments) =>
        EventArguments.Of(
            packet,
            attachments.Length == 0 ? null : attachments.Select(a => (ReadOnlyMemory<byte>)a).ToArray(),
            SocketIOJson.DefaultOptions);

    /// <summary>The arguments of <paramref name="packet"/> decoded from its text.</summary>
    public static EventArguments ArgumentsOf(string packet, params byte[][] attachments) =>
        ArgumentsOf(Decode(packet), attachments);

    /// <summary>Decodes what a builder produced: checks the Engine.IO message digit and decodes the rest.</summary>
    public static SocketIOPacket DecodeFrame(OutgoingPacket packet)
    {
        Assert.Equal((byte)'4', packet.Frame.Span[0]);
        return SocketIOPacketDecoder.Decode(packet.Frame[1..]);
    }

    /// <summary>The arguments of what a builder produced, its attachments attached.</summary>
    public static EventArguments ArgumentsOf(OutgoingPacket packet)
    {
        var decoded = DecodeFrame(packet);
        return ArgumentsOf(decoded, packet.Attachments.Select(a => a.ToArray()).ToArray());
    }

    /// <summary>The placeholders of attachments 0 to <paramref name="count"/> - 1, comma-separated.</summary>
    public static string Placeholders(int count) =>
        string.Join(",", Enumerable.Range(0, count).Select(num => $"{{\"_placeholder\":true,\"num\":{num}}}"));

    /// <summary><paramref name="depth"/> nested arrays around a number: depth 1 is <c>[1]</c>.</summary>
    public static string NestedArrays(int depth) => new string('[', depth) + "1" + new string(']', depth);

    /// <summary><paramref name="depth"/> nested objects: depth 1 is <c>{"a":1}</c>.</summary>
    public static string NestedObjects(int depth)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            builder.Append("{\"a\":");
        }

        builder.Append('1');
        builder.Append('}', depth);
        return builder.ToString();
    }
}
