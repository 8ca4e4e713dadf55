using System.Text;
using System.Text.Json;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>What the packets' JSON encoder leaves raw and what it still escapes, from UTF-16 strings and from UTF-8 bytes.</summary>
public sealed class SocketIOJsonEncoderTests
{
    [Theory]
    [InlineData("😀", "\"😀\"")] // supplementary characters: raw UTF-8
    [InlineData("a😀b🎉c", "\"a😀b🎉c\"")]
    [InlineData("ünï ✓ 中文", "\"ünï ✓ 中文\"")] // the rest of the BMP: raw, as before
    [InlineData("<b>&'", "\"<b>&'\"")]
    [InlineData("quote \" and \\", "\"quote \\\" and \\\\\"")] // what JSON requires: escaped
    [InlineData("tab\tnew\nline", "\"tab\\tnew\\nline\"")]
    [InlineData("line\u2028separator\u2029", "\"line\\u2028separator\\u2029\"")] // JavaScript line terminators: escaped
    public void Writes_what_json_needs_escaped_and_the_rest_raw(string text, string json)
    {
        Assert.Equal(json, WriteUtf16(text));
        Assert.Equal(json, WriteUtf8(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("a\uD800b")]
    [InlineData("\uDE00😀")] // a low surrogate first, then a valid pair
    public void Writes_a_lone_surrogate_as_the_relaxed_encoder_does_never_as_invalid_utf8(string text)
    {
        var written = WriteUtf16(text, SocketIOJsonEncoder.Instance);

        Assert.Equal(WriteUtf16(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Replace(@"\uD83D\uDE00", "😀"), written);
        Assert.True(System.Text.Unicode.Utf8.IsValid(Encoding.UTF8.GetBytes(written)));
    }

    [Fact]
    public void Writes_an_emoji_chat_line_at_its_utf8_size()
    {
        var line = string.Concat(Enumerable.Repeat("🎉😀🚀", 100));

        var json = JsonSerializer.Serialize(line, SocketIOJson.DefaultOptions);

        Assert.Equal(Encoding.UTF8.GetByteCount(line) + 2, Encoding.UTF8.GetByteCount(json));
        Assert.Equal(line, JsonSerializer.Deserialize<string>(json));
    }

    private static string WriteUtf16(string text, System.Text.Encodings.Web.JavaScriptEncoder? encoder = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder ?? SocketIOJsonEncoder.Instance }))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string WriteUtf8(byte[] utf8)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = SocketIOJsonEncoder.Instance }))
        {
            writer.WriteStringValue(utf8);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
