using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.EngineIO;

/// <summary>
/// The buffer a WebSocket message's payload arrives in: it hands out exactly the bytes that
/// arrived, hands over an array of its own without copying it, and gives every pooled array back
/// (watched with <see cref="PoolProbe"/>).
/// </summary>
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

    [Fact]
    public void Hands_over_a_message_started_at_its_exact_length_without_copying_it()
    {
        var buffer = default(MessageBuffer);
        buffer.StartExact(4);
        Assert.Equal(4, buffer.Capacity);
        var room = buffer.Append(4, frameRemaining: 4);
        "abcd"u8.CopyTo(room);

        var message = buffer.Take();

        Assert.Equal("abcd"u8.ToArray(), message);
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(room), ref MemoryMarshal.GetArrayDataReference(message)), "the array the bytes arrived in is the message");
    }

    [Fact]
    public void Hands_out_the_shared_empty_array_for_an_empty_message()
    {
        var buffer = default(MessageBuffer);
        buffer.StartExact(0);

        Assert.Same(Array.Empty<byte>(), buffer.Take());
    }

    [Fact]
    public void Gives_back_a_pooled_array_when_a_message_starts_at_its_exact_length()
    {
        var result = PoolProbe.WatchBytes(16, () =>
        {
            var buffer = default(MessageBuffer);
            buffer.Append(10, frameRemaining: 10).Fill(1);
            buffer.StartExact(3);
        });

        Assert.True(result.Written, "the buffer rented the pool's smallest array");
        Assert.True(result.GivenBack, "and gave it back when the new message started");
    }

    [Fact]
    public void Gives_back_the_smaller_array_when_it_grows_and_the_last_one_when_taken()
    {
        byte[] message = [];
        var result = PoolProbe.WatchBytes(16, () =>
        {
            var buffer = default(MessageBuffer);
            "0123456789"u8.CopyTo(buffer.Append(10, frameRemaining: 10)); // 16 bytes rented
            "abcdefghij"u8.CopyTo(buffer.Append(10, frameRemaining: 10)); // grown to 32
            Assert.Equal(32, buffer.Capacity);
            message = buffer.Take();
        });

        Assert.Equal("0123456789abcdefghij"u8.ToArray(), message);
        Assert.True(result.Written, "the first array was the pool's");
        Assert.True(result.GivenBack, "the first array went back when the buffer grew");
        Assert.True(PoolProbe.WatchBytes(32, () =>
        {
            var buffer = default(MessageBuffer);
            buffer.Append(20, frameRemaining: 20);
            message = buffer.Take();
        }).GivenBack, "the last array went back when the message was taken");
    }

    [Fact]
    public void Hands_out_a_copy_of_a_pooled_array_even_when_the_message_fills_it()
    {
        // The pooled array goes back to the pool: the message must not be that array.
        byte[] message = [];
        var result = PoolProbe.WatchBytes(16, () =>
        {
            var buffer = default(MessageBuffer);
            buffer.Append(16, frameRemaining: 16).Fill(7);
            message = buffer.Take();
        });

        Assert.True(result.GivenBack);
        Assert.Equal(Enumerable.Repeat((byte)7, 16), message);
        var next = System.Buffers.ArrayPool<byte>.Shared.Rent(16);
        System.Buffers.ArrayPool<byte>.Shared.Return(next);
        Assert.NotSame(next, message);
    }

    [Fact]
    public void Doubles_what_it_holds_when_it_grows_past_an_array_of_its_own()
    {
        var buffer = default(MessageBuffer);
        buffer.StartExact(5000);
        buffer.Append(5000, frameRemaining: 5000);

        buffer.Append(1, frameRemaining: 1_000_000);

        Assert.Equal(16384, buffer.Capacity); // 10,000 asked, as the pool rounds it; not 8192 for the 5001 needed
        Assert.Equal(5001, buffer.Length);
        buffer.Release();
    }
}
