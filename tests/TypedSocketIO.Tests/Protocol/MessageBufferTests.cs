using TypedSocketIO.EngineIO;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>The buffer a WebSocket message's payload arrives in: it hands out exactly the bytes that arrived.</summary>
public class MessageBufferTests
{
    [Fact]
    public void Hands_out_only_the_bytes_that_arrived_of_a_message_started_at_its_exact_length()
    {
        var buffer = default(MessageBuffer);
        buffer.StartExact(10);
        "abcd"u8.CopyTo(buffer.Append(4, frameRemaining: 10));

        Assert.Equal("abcd"u8.ToArray(), buffer.Take());
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void Hands_out_a_message_started_at_its_exact_length_once_complete()
    {
        var buffer = default(MessageBuffer);
        buffer.StartExact(4);
        "abcd"u8.CopyTo(buffer.Append(4, frameRemaining: 4));

        Assert.Equal("abcd"u8.ToArray(), buffer.Take());
    }

    [Fact]
    public void Hands_out_every_byte_of_a_message_that_grew_past_several_sizes()
    {
        var expected = WebSocketFramingTests.RandomBytes(20_000, seed: 3);
        var buffer = default(MessageBuffer);
        for (var at = 0; at < expected.Length; at += 700)
        {
            var count = Math.Min(700, expected.Length - at);
            expected.AsSpan(at, count).CopyTo(buffer.Append(count, frameRemaining: expected.Length - at));
            Assert.Equal(at + count, buffer.Length);
        }

        Assert.Equal(expected[^700..], buffer.LastBytes(700).ToArray());
        Assert.Equal(expected, buffer.Take());
        Assert.Empty(buffer.Take());
    }

    [Fact]
    public void Grows_first_to_the_first_size_when_the_frame_declares_more_never_to_the_declared_length()
    {
        var buffer = default(MessageBuffer);
        buffer.Append(10, frameRemaining: 1_000_000);

        Assert.Equal(4096, buffer.Capacity);
        buffer.Release();
    }

    [Fact]
    public void Grows_no_further_than_the_frame_when_it_ends_before_the_first_size()
    {
        var buffer = default(MessageBuffer);
        buffer.Append(10, frameRemaining: 10);

        Assert.Equal(16, buffer.Capacity); // the pool's smallest array
        buffer.Release();
    }
}
