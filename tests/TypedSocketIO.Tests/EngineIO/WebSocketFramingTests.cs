using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Tests.Infrastructure;
using TypedSocketIO.Tests.Properties;
using static TypedSocketIO.Tests.Infrastructure.RawWebSocketFrames;

namespace TypedSocketIO.Tests.EngineIO;

/// <summary>
/// The server's own RFC 6455 framing: the handshake's accept key, client frame headers, server
/// frame headers, and the reader that turns a client's bytes, however they are cut, into messages.
/// </summary>
public class WebSocketFramingTests
{
    private static readonly byte[] SomeMask = [0x12, 0x34, 0x56, 0x78];

    // ---- The handshake ----

    [Fact]
    public void AcceptKey_gives_the_RFC_6455_example_answer_for_the_example_key()
    {
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketUpgrade.AcceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    // ---- Client frame headers ----

    [Theory]
    [InlineData(0L, 6)]
    [InlineData(1L, 6)]
    [InlineData(125L, 6)]
    [InlineData(126L, 8)]
    [InlineData(65535L, 8)]
    [InlineData(65536L, 14)]
    [InlineData(int.MaxValue + 1L, 14)]
    [InlineData(long.MaxValue, 14)]
    public void TryReadHeader_reads_7_16_and_64_bit_lengths_when_the_header_is_complete(long length, int headerLength)
    {
        var bytes = Header(fin: true, Binary, length, SomeMask);
        Assert.Equal(headerLength, bytes.Length);

        Assert.Equal(FrameHeaderStatus.Complete, WebSocketFrames.TryReadHeader(new ReadOnlySequence<byte>(bytes), out var header));

        Assert.True(header.Fin);
        Assert.Equal(WebSocketOpcode.Binary, header.Opcode);
        Assert.Equal(length, header.PayloadLength);
        Assert.Equal(headerLength, header.HeaderLength);
        Assert.Equal(MemoryMarshal.Read<uint>(SomeMask), header.Mask); // the key in wire order
        Assert.False(header.IsControl);
    }

    [Theory]
    [InlineData(Text, false, 3L)]
    [InlineData(Continuation, true, 300L)]
    [InlineData(Continuation, false, 70000L)]
    [InlineData(Close, true, 2L)]
    [InlineData(Ping, true, 125L)]
    [InlineData(Pong, true, 0L)]
    public void TryReadHeader_reads_the_flags_and_opcode_and_ignores_the_bytes_after_the_header(byte opcode, bool fin, long length)
    {
        byte[] bytes = [.. Header(fin, opcode, length, SomeMask), 0xde, 0xad, 0xbe, 0xef];

        Assert.Equal(FrameHeaderStatus.Complete, WebSocketFrames.TryReadHeader(new ReadOnlySequence<byte>(bytes), out var header));

        Assert.Equal(fin, header.Fin);
        Assert.Equal((WebSocketOpcode)opcode, header.Opcode);
        Assert.Equal(length, header.PayloadLength);
        Assert.Equal(bytes.Length - 4, header.HeaderLength);
        Assert.Equal((opcode & 0x8) != 0, header.IsControl);
    }

    [Theory]
    [InlineData(Text, 5L)]
    [InlineData(Binary, 126L)]
    [InlineData(Binary, 65536L)]
    [InlineData(Ping, 125L)]
    public void TryReadHeader_reads_a_header_cut_into_one_segment_per_byte(byte opcode, long length)
    {
        var bytes = Header(fin: true, opcode, length, SomeMask);

        Assert.Equal(FrameHeaderStatus.Complete, WebSocketFrames.TryReadHeader(Segmented(bytes, 1), out var header));

        Assert.Equal(length, header.PayloadLength);
        Assert.Equal(bytes.Length, header.HeaderLength);
        Assert.Equal(MemoryMarshal.Read<uint>(SomeMask), header.Mask);
    }

    [Theory]
    [InlineData(Text, true, 0L)]
    [InlineData(Text, true, 125L)]
    [InlineData(Binary, false, 126L)]
    [InlineData(Continuation, true, 65535L)]
    [InlineData(Binary, true, 65536L)]
    [InlineData(Ping, true, 7L)]
    [InlineData(Close, true, 125L)]
    public void TryReadHeader_needs_more_data_for_every_truncated_prefix_of_a_valid_header(byte opcode, bool fin, long length)
    {
        var bytes = Header(fin, opcode, length, SomeMask);
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var status = WebSocketFrames.TryReadHeader(new ReadOnlySequence<byte>(bytes, 0, cut), out _);
            Assert.True(status == FrameHeaderStatus.NeedMoreData, $"a {cut}-byte prefix of {Gens.Show(bytes)} gave {status}");
        }
    }

    public static TheoryData<string, byte[]> BrokenHeaders() => new()
    {
        { "unmasked text", Header(true, Text, 5, mask: null) },
        { "unmasked close", Header(true, Close, 2, mask: null) },
        { "RSV1", Header(true, Text, 5, SomeMask, rsv: 4) },
        { "RSV2", Header(true, Text, 5, SomeMask, rsv: 2) },
        { "RSV3", Header(true, Binary, 5, SomeMask, rsv: 1) },
        { "RSV1 on a continuation", Header(true, Continuation, 5, SomeMask, rsv: 4) },
        { "opcode 0x3", Header(true, 0x3, 5, SomeMask) },
        { "opcode 0x7", Header(true, 0x7, 5, SomeMask) },
        { "opcode 0xB", Header(true, 0xB, 5, SomeMask) },
        { "opcode 0xF", Header(true, 0xF, 5, SomeMask) },
        { "fragmented ping", Header(false, Ping, 5, SomeMask) },
        { "fragmented pong", Header(false, Pong, 0, SomeMask) },
        { "fragmented close", Header(false, Close, 2, SomeMask) },
        { "ping of 126 bytes", Header(true, Ping, 126, SomeMask) },
        { "close of 65536 bytes", Header(true, Close, 65536, SomeMask) },
        { "64-bit length with the top bit set", [0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, .. SomeMask] },
        { "64-bit length of all ones", [0x82, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. SomeMask] },
    };

    [Theory]
    [MemberData(nameof(BrokenHeaders))]
    public void TryReadHeader_is_a_protocol_error_when_the_header_breaks_a_rule(string rule, byte[] bytes)
    {
        Assert.True(
            WebSocketFrames.TryReadHeader(new ReadOnlySequence<byte>(bytes), out _) == FrameHeaderStatus.ProtocolError,
            $"{rule}: {Gens.Show(bytes)} was not refused");
    }

    // ---- Server frame headers ----

    [Theory]
    [InlineData(0, 2)]
    [InlineData(125, 2)]
    [InlineData(126, 4)]
    [InlineData(65535, 4)]
    [InlineData(65536, 10)]
    [InlineData(int.MaxValue, 10)]
    public void WriteHeader_uses_the_shortest_length_form_and_decodes_back(int length, int size)
    {
        var destination = new byte[WebSocketFrames.MaxServerHeaderLength + 4];
        destination.AsSpan().Fill(0xCC);

        var written = WebSocketFrames.WriteHeader(destination, WebSocketOpcode.Text, length);

        Assert.Equal(size, written);
        Assert.Equal(0x81, destination[0]); // FIN, no RSV bits, text
        Assert.Equal(0, destination[1] & 0x80); // a server never masks
        Assert.Equal(size switch { 2 => length, 4 => 126, _ => 127 }, destination[1] & 0x7F);
        switch (size)
        {
            case 4:
                Assert.Equal(length, BinaryPrimitives.ReadUInt16BigEndian(destination.AsSpan(2)));
                break;
            case 10:
                Assert.Equal((ulong)length, BinaryPrimitives.ReadUInt64BigEndian(destination.AsSpan(2)));
                break;
        }

        Assert.All(destination[size..], b => Assert.Equal(0xCC, b)); // nothing written past the header
        Assert.True(TryParseHeader(destination.AsSpan(0, size), out var header));
        Assert.Equal(new RawFrameHeader(Fin: true, Rsv: 0, Text, Masked: false, length, size), header);
    }

    [Theory]
    [InlineData(Binary, 0)]
    [InlineData(Pong, 2)]
    [InlineData(Text, 300)]
    [InlineData(Binary, 70000)]
    public void WriteFrame_writes_an_unmasked_final_frame_with_the_payload_after_the_header(byte opcode, int length)
    {
        var payload = new byte[length];
        new Random(length).NextBytes(payload);
        var destination = new byte[WebSocketFrames.MaxServerHeaderLength + length];

        var written = WebSocketFrames.WriteFrame(destination, (WebSocketOpcode)opcode, payload);

        Assert.True(TryParseHeader(destination.AsSpan(0, written), out var header));
        Assert.Equal(new RawFrameHeader(Fin: true, Rsv: 0, opcode, Masked: false, length, header.HeaderLength), header);
        Assert.Equal(header.HeaderLength + length, written);
        Assert.Equal(payload, destination[header.HeaderLength..written]);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1002)]
    [InlineData(1009)]
    public void WriteCloseFrame_writes_a_final_close_frame_with_the_status_big_endian(ushort status)
    {
        var destination = new byte[4];

        WebSocketFrames.WriteCloseFrame(destination, status);

        Assert.Equal(new byte[] { 0x88, 0x02, (byte)(status >> 8), (byte)status }, destination);
    }

    // ---- Unmasking ----

    public static Arbitrary<(byte[] Buffer, int Offset, uint Mask)> UnmaskInputs() => Arb.From(
        from length in Gen.Frequency((3, Gen.Choose(0, 40)), (1, Gen.Choose(0, 3000)))
        from seed in Gen.Choose(int.MinValue, int.MaxValue)
        from offset in Gen.Choose(0, Math.Min(length, 15))
        from mask in Gen.Choose(int.MinValue, int.MaxValue)
        select (RandomBytes(length, seed), offset, (uint)mask));

    [Property(MaxTest = 500)]
    public Property Unmask_xors_each_byte_with_the_key_byte_at_its_position_and_twice_restores_the_original() =>
        Prop.ForAll(UnmaskInputs(), input =>
        {
            var (buffer, offset, mask) = input;
            var original = (byte[])buffer.Clone();
            Span<byte> key = stackalloc byte[4];
            MemoryMarshal.Write(key, in mask);

            WebSocketFrames.Unmask(buffer.AsSpan(offset), mask);

            Assert.Equal(original[..offset], buffer[..offset]); // nothing before the payload touched
            for (var i = offset; i < buffer.Length; i++)
            {
                Assert.Equal((byte)(original[i] ^ key[(i - offset) % 4]), buffer[i]);
            }

            WebSocketFrames.Unmask(buffer.AsSpan(offset), mask);

            Assert.Equal(original, buffer);
        });

    // ---- The message reader ----

    [Property(MaxTest = 300)]
    public Property Reader_gives_every_message_whole_and_in_order_however_the_bytes_are_cut() =>
        Prop.ForAll(FrameScript.Arbitrary(), script =>
        {
            var bytes = script.Frames.SelectMany(f => f.Encode()).ToArray();
            var reader = new WebSocketMessageReader(FrameScript.MaxPayload);

            var read = ReadAll(reader, Chunk(bytes, script.ChunkSizes));

            Assert.Equal(script.Expected.Length, read.Count);
            for (var i = 0; i < read.Count; i++)
            {
                Assert.True(script.Expected[i].Kind == read[i].Kind, $"message {i}: expected {script.Expected[i].Kind}, read {read[i].Kind}");
                Assert.True(
                    script.Expected[i].Data.AsSpan().SequenceEqual(read[i].Data),
                    $"message {i} ({read[i].Kind}): expected {script.Expected[i].Data.Length} bytes, read {read[i].Data.Length}");
            }

            Assert.False(reader.HasBufferedBytes);
        });

    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void Reader_refuses_a_single_frame_message_larger_than_maxPayload(int length, bool tooLarge)
    {
        var read = ReadAll(new WebSocketMessageReader(100), [Masked(Text, new byte[length])]);

        Assert.Equal(tooLarge ? MessageKind.TooLarge : MessageKind.Text, Assert.Single(read).Kind);
    }

    [Theory]
    [InlineData(40, false)]
    [InlineData(41, true)]
    public void Reader_counts_every_fragment_towards_maxPayload(int last, bool tooLarge)
    {
        var read = ReadAll(new WebSocketMessageReader(100), [
            Masked(Binary, new byte[30], fin: false),
            Masked(Continuation, new byte[30], fin: false),
            Masked(Continuation, new byte[last]),
        ]);

        Assert.Equal(tooLarge ? MessageKind.TooLarge : MessageKind.Binary, Assert.Single(read).Kind);
    }

    [Fact]
    public void Reader_does_not_count_control_frames_between_fragments_towards_maxPayload()
    {
        var read = ReadAll(new WebSocketMessageReader(100), [
            Masked(Text, new byte[60], fin: false),
            Masked(Ping, new byte[100]),
            Masked(Continuation, new byte[40]),
        ]);

        Assert.Equal(new[] { MessageKind.Ping, MessageKind.Text }, read.Select(m => m.Kind));
        Assert.Equal(100, read[1].Data.Length);
    }

    [Fact]
    public void Reader_refuses_a_64_bit_length_larger_than_maxPayload_before_its_payload_arrives()
    {
        var read = ReadAll(new WebSocketMessageReader(1 << 20), [Header(true, Binary, long.MaxValue, SomeMask)]);

        Assert.Equal(MessageKind.TooLarge, Assert.Single(read).Kind);
    }

    [Fact]
    public void Reader_refuses_a_continuation_whose_64_bit_length_overflows_the_message_length()
    {
        var read = ReadAll(new WebSocketMessageReader(1 << 20), [
            Masked(Text, new byte[10], fin: false),
            Header(true, Continuation, long.MaxValue - 5, SomeMask),
        ]);

        Assert.Equal(MessageKind.TooLarge, Assert.Single(read).Kind);
    }

    public static TheoryData<string, byte[][]> BrokenSequences() => new()
    {
        { "continuation with no message started", [Masked(Continuation, "abc"u8)] },
        { "final continuation with no message started", [Masked(Text, "whole"u8), Masked(Continuation, "abc"u8)] },
        { "text in the middle of a fragmented text", [Masked(Text, "ab"u8, fin: false), Masked(Text, "cd"u8)] },
        { "binary in the middle of a fragmented text", [Masked(Text, "ab"u8, fin: false), Masked(Binary, "cd"u8)] },
        { "text after a continuation of a fragmented binary", [Masked(Binary, "ab"u8, fin: false), Masked(Continuation, "cd"u8, fin: false), Masked(Text, "ef"u8, fin: false)] },
        { "close with a 1-byte payload", [Masked(Close, [0x03])] },
        { "unmasked frame", [Frame(Text, "abc"u8, mask: null)] },
        { "RSV1", [Frame(Text, "abc"u8, SomeMask, rsv: 4)] },
    };

    [Theory]
    [MemberData(nameof(BrokenSequences))]
    public void Reader_gives_a_protocol_error_when_the_frames_break_the_sequence_rules(string rule, byte[][] frames)
    {
        var read = ReadAll(new WebSocketMessageReader(1000), frames);

        Assert.True(read.Count > 0 && read[^1].Kind == MessageKind.ProtocolError, $"{rule}: read {string.Join(", ", read.Select(m => m.Kind))}");
        Assert.All(read[..^1], m => Assert.Equal(MessageKind.Text, m.Kind));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(20)]
    public void Reader_gives_Closed_for_a_close_frame_empty_or_with_a_status(int length)
    {
        var payload = new byte[length];
        if (length >= 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(payload, 1001);
        }

        var read = ReadAll(new WebSocketMessageReader(1000), [Masked(Close, payload)]);

        Assert.Equal(MessageKind.Closed, Assert.Single(read).Kind);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1002)]
    [InlineData(1003)]
    [InlineData(1007)]
    [InlineData(1011)]
    [InlineData(1014)]
    [InlineData(3000)]
    [InlineData(4999)]
    public void Reader_gives_Closed_for_a_close_code_a_client_may_send(ushort status)
    {
        var read = ReadAll(new WebSocketMessageReader(1000), [Masked(Close, [.. CloseStatus(status), .. "bye, \u00e9t\u00e9"u8])]);

        Assert.Equal(MessageKind.Closed, Assert.Single(read).Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(1004)] // reserved
    [InlineData(1005)] // "no status": never on the wire
    [InlineData(1006)] // "abnormal closure": never on the wire
    [InlineData(1015)] // "TLS failure": never on the wire
    [InlineData(1016)]
    [InlineData(2999)]
    [InlineData(5000)]
    [InlineData(65535)]
    public void Reader_gives_a_protocol_error_for_a_close_code_that_is_reserved_or_unassigned(ushort status)
    {
        var read = ReadAll(new WebSocketMessageReader(1000), [Masked(Close, CloseStatus(status))]);

        Assert.Equal(MessageKind.ProtocolError, Assert.Single(read).Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { (byte)'o', (byte)'k', 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    public void Reader_gives_a_protocol_error_for_a_close_reason_that_is_not_UTF8(byte[] reason)
    {
        var read = ReadAll(new WebSocketMessageReader(1000), [Masked(Close, [.. CloseStatus(1000), .. reason])]);

        Assert.Equal(MessageKind.ProtocolError, Assert.Single(read).Kind);
    }

    [Fact]
    public void Reader_keeps_a_partial_header_buffered_and_holds_no_buffer_once_every_byte_is_used()
    {
        var frame = Masked(Binary, new byte[300]); // a 16-bit length: an 8-byte header
        var reader = new WebSocketMessageReader(1000);
        using var stream = new ChunkStream([frame[..5], frame[5..]]);

        Assert.True(Fill(reader, stream));
        Assert.False(reader.TryRead(out _));
        Assert.True(reader.HasBufferedBytes); // the header's first five bytes
        Assert.True(reader.HoldsReadBuffer);

        Assert.True(Fill(reader, stream));
        Assert.True(reader.TryRead(out var message));
        Assert.Equal(MessageKind.Binary, message.Kind);
        Assert.Equal(300, message.Data.Length);
        Assert.False(reader.HasBufferedBytes);
        Assert.False(reader.HoldsReadBuffer);
        Assert.False(reader.TryRead(out _));
        Assert.False(Fill(reader, stream)); // the end of the stream
    }

    [Fact]
    public void Reader_completes_a_header_cut_at_the_very_end_of_a_full_read_buffer()
    {
        // A frame of 8187 bytes (an 8-byte header and its payload) and the first 5 bytes of the
        // next header fill the 8192-byte read buffer exactly: the 5 bytes must move to its front
        // to make room for the rest of their header.
        var first = Masked(Binary, RandomBytes(8179, seed: 7));
        var second = Masked(Text, "hello"u8);
        Assert.Equal(8187, first.Length);

        var read = ReadAll(new WebSocketMessageReader(10_000), [[.. first, .. second[..5]], second[5..]]);

        Assert.Equal(new[] { MessageKind.Binary, MessageKind.Text }, read.Select(m => m.Kind));
        Assert.Equal(RandomBytes(8179, seed: 7), read[0].Data);
        Assert.Equal("hello"u8.ToArray(), read[1].Data);
    }

    // ---- The reader's arrays ----

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reader_copies_a_message_that_arrived_whole_once_into_its_own_array_with_no_pooled_buffer(bool moreAfterIt)
    {
        // A 100-byte message would grow a pooled buffer of 128 bytes; arriving whole, it needs none.
        var payload = RandomBytes(100, seed: 11);
        byte[][] chunks = moreAfterIt ? [[.. Masked(Binary, payload), .. Masked(Text, "x"u8)]] : [Masked(Binary, payload)];
        List<(MessageKind Kind, byte[] Data)> read = [];

        var result = PoolProbe.WatchBytes(128, () => read = ReadAll(new WebSocketMessageReader(1000), chunks));

        Assert.Equal(payload, read[0].Data);
        Assert.False(result.Written, "a pooled buffer was used for a message that had wholly arrived");
        Assert.True(result.GivenBack);
    }

    [Fact]
    public void Reader_allocates_no_more_than_what_arrived_of_a_frame_that_declares_more()
    {
        var frame = Masked(Text, new byte[200_000]);
        var reader = new WebSocketMessageReader(1 << 20);
        using var stream = new ChunkStream([frame[..1000]]);
        Assert.True(Fill(reader, stream)); // the read buffer, rented once, before measuring

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(reader.TryRead(out _));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 20_000, $"{allocated:N0} bytes allocated for the first 1,000 bytes of a frame declaring 200,000");
        reader.Release();
    }

    [Fact]
    public void Reader_grows_a_fragmented_message_no_further_than_the_end_of_its_frame()
    {
        // 10 bytes, then a continuation of 20 that arrives as 5 and 15: the buffer grows from 16 to
        // the 30 bytes the frame ends at (32 in the pool), never to 64.
        var first = Masked(Text, "0123456789"u8, fin: false);
        var second = Masked(Continuation, "abcdefghijklmnopqrst"u8);
        var cut = second.Length - 15;
        List<(MessageKind Kind, byte[] Data)> read = [];

        var larger = PoolProbe.WatchBytes(64, () =>
        {
            var grown = PoolProbe.WatchBytes(32, () => read = ReadAll(new WebSocketMessageReader(1000), [[.. first, .. second[..cut]], second[cut..]]));
            Assert.True(grown.Written, "the buffer grew to 32 bytes");
        });

        Assert.Equal("0123456789abcdefghijklmnopqrst"u8.ToArray(), read.Single().Data);
        Assert.False(larger.Written, "the buffer grew past the end of the frame");
    }

    [Fact]
    public void Reader_gives_back_its_read_buffer_and_the_message_so_far_when_released()
    {
        // The first 500 bytes of a fragmented message (512 in the pool) and 5 bytes of the next
        // header (in the 8 KB read buffer) wait in the reader when the session ends.
        var first = Masked(Binary, RandomBytes(500, seed: 5), fin: false);
        var next = Masked(Continuation, new byte[300]);
        var reader = new WebSocketMessageReader(10_000);
        using var stream = new ChunkStream([[.. first, .. next[..5]]]);

        var message = PoolProbe.WatchBytes(512, () =>
        {
            var readBuffer = PoolProbe.WatchBytes(8192, () =>
            {
                Assert.True(Fill(reader, stream));
                Assert.False(reader.TryRead(out _));
                Assert.True(reader.HoldsReadBuffer);
                reader.Release();
            });
            Assert.True(readBuffer.Written, "the read buffer came from the pool");
            Assert.True(readBuffer.GivenBack, "the read buffer went back");
        });

        Assert.True(message.Written, "the message buffer came from the pool");
        Assert.True(message.GivenBack, "the message buffer went back");
    }

    [Fact]
    public void Reader_hands_out_an_empty_ping_as_the_shared_empty_array()
    {
        var reader = new WebSocketMessageReader(100);
        using var stream = new ChunkStream([Masked(Ping, [])]);
        Assert.True(Fill(reader, stream));

        Assert.True(reader.TryRead(out var ping));

        Assert.Equal(MessageKind.Ping, ping.Kind);
        Assert.True(MemoryMarshal.TryGetArray(ping.Data, out var segment));
        Assert.Same(Array.Empty<byte>(), segment.Array);
    }

    // ---- Helpers ----

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Cuts <paramref name="bytes"/> into chunks of the given sizes, cycling through them.</summary>
    private static List<byte[]> Chunk(byte[] bytes, int[] sizes)
    {
        var chunks = new List<byte[]>();
        for (int at = 0, i = 0; at < bytes.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], bytes.Length - at);
            chunks.Add(bytes[at..(at + size)]);
            at += size;
        }

        return chunks;
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int size)
    {
        var first = new Segment(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
        var last = first;
        for (var at = size; at < bytes.Length; at += size)
        {
            last = last.Append(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The chunk stream's reads complete at once, so filling does too.</summary>
    private static bool Fill(WebSocketMessageReader reader, Stream stream)
    {
        var fill = reader.FillAsync(stream, CancellationToken.None);
        Assert.True(fill.IsCompletedSuccessfully);
        return fill.Result;
    }

    /// <summary>Feeds the chunks one read each and drains the reader after each, until the stream ends or the connection does.</summary>
    private static List<(MessageKind Kind, byte[] Data)> ReadAll(WebSocketMessageReader reader, IEnumerable<byte[]> chunks)
    {
        using var stream = new ChunkStream(chunks);
        var read = new List<(MessageKind Kind, byte[] Data)>();
        try
        {
            while (Fill(reader, stream))
            {
                while (reader.TryRead(out var message))
                {
                    read.Add((message.Kind, message.Data.ToArray()));
                    if (message.Kind is MessageKind.Closed or MessageKind.ProtocolError or MessageKind.TooLarge)
                    {
                        return read;
                    }
                }
            }

            return read;
        }
        finally
        {
            reader.Release();
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

/// <summary>A stream that gives one chunk per read (or as much of it as fits), then the end of the stream.</summary>
internal sealed class ChunkStream(IEnumerable<byte[]> chunks) : Stream
{
    private readonly Queue<byte[]> _chunks = new(chunks);
    private int _offset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_chunks.Count == 0)
        {
            return 0;
        }

        Assert.True(buffer.Length > 0, "the reader asked for bytes with no room for them (a zero-length read means the end of the stream)");
        var chunk = _chunks.Peek();
        var count = Math.Min(buffer.Length, chunk.Length - _offset);
        chunk.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        if (_offset == chunk.Length)
        {
            _chunks.Dequeue();
            _offset = 0;
        }

        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>One client frame of a script, masked with its own key when encoded.</summary>
internal sealed record ScriptFrame(bool Fin, byte Opcode, byte[] Payload, byte[] Mask)
{
    public byte[] Encode() => Frame(Opcode, Payload, Mask, Fin);

    public override string ToString() => $"{(Fin ? "fin " : "")}op {Opcode} {Payload.Length} bytes mask {Convert.ToHexString(Mask)}";
}

/// <summary>
/// Frames a client might send (messages cut into 1 to 4 fragments, pings and pongs between them
/// and between messages, a close at the end), what the reader must give for them, and how the
/// bytes are cut into reads.
/// </summary>
internal sealed record FrameScript(ScriptFrame[] Frames, (MessageKind Kind, byte[] Data)[] Expected, int[] ChunkSizes)
{
    public const int MaxPayload = 1 << 20;

    public override string ToString() =>
        $"frames [{string.Join(", ", Frames.Select(f => f.ToString()))}] cut into reads of [{string.Join(", ", ChunkSizes)}]";

    private static readonly Gen<byte[]> Mask = Gen.Frequency(
        (6, Gens.Byte.ArrayOf(4)),
        (1, Gen.Elements<byte[]>([0, 0, 0, 0], [0xff, 0xff, 0xff, 0xff])));

    private static Gen<byte[]> Payload(Gen<int> length) =>
        from n in length
        from seed in Gen.Choose(int.MinValue, int.MaxValue)
        select WebSocketFramingTests.RandomBytes(n, seed);

    private static readonly Gen<int> MessageLength = Gen.Frequency(
        (4, Gen.Choose(0, 200)),
        (4, Gen.Choose(0, 4096)),
        (1, Gen.Elements(125, 126, 127, 65535, 65536)),
        (1, Gen.Choose(65536, 70000)));

    /// <summary>A ping or pong, or nothing, and what the reader gives for it (pongs give nothing).</summary>
    private static readonly Gen<ScriptFrame?> Control = Gen.Frequency(
        (3, Gen.Constant<ScriptFrame?>(null)),
        (2, from opcode in Gen.Elements(Ping, Pong)
            from payload in Payload(Gen.Frequency((3, Gen.Choose(0, 10)), (1, Gen.Choose(0, 125))))
            from mask in Mask
            select (ScriptFrame?)new ScriptFrame(true, opcode, payload, mask)));

    private static readonly Gen<(ScriptFrame[] Frames, (MessageKind, byte[])[] Expected)> Message =
        from binary in Gen.Elements(true, false)
        from payload in Payload(MessageLength)
        from fragments in Gen.Choose(1, 4)
        from cuts in Gen.Choose(0, payload.Length).ArrayOf(fragments - 1)
        from masks in Mask.ArrayOf(fragments)
        from controls in Control.ArrayOf(fragments) // after each fragment but the last, and before the message
        select Build(binary, payload, [.. cuts.Order()], masks, controls);

    private static (ScriptFrame[], (MessageKind, byte[])[]) Build(bool binary, byte[] payload, int[] cuts, byte[][] masks, ScriptFrame?[] controls)
    {
        var frames = new List<ScriptFrame>();
        var expected = new List<(MessageKind, byte[])>();
        void AddControl(ScriptFrame? control)
        {
            if (control is not null)
            {
                frames.Add(control);
                if (control.Opcode == Ping)
                {
                    expected.Add((MessageKind.Ping, control.Payload));
                }
            }
        }

        AddControl(controls[^1]);
        int[] bounds = [0, .. cuts, payload.Length];
        for (var i = 0; i < masks.Length; i++)
        {
            var last = i == masks.Length - 1;
            frames.Add(new ScriptFrame(last, i > 0 ? Continuation : binary ? Binary : Text, payload[bounds[i]..bounds[i + 1]], masks[i]));
            if (!last)
            {
                AddControl(controls[i]);
            }
        }

        expected.Add((binary ? MessageKind.Binary : MessageKind.Text, payload));
        return ([.. frames], [.. expected]);
    }

    /// <summary>A close reason: UTF-8 text of up to 123 bytes, one- and two-byte characters mixed.</summary>
    private static readonly Gen<byte[]> Utf8Reason =
        from length in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 61)))
        from characters in Gen.Elements('a', 'Z', ' ', '\u00e9', '\u0416').ArrayOf(length)
        select System.Text.Encoding.UTF8.GetBytes(characters);

    private static readonly Gen<ScriptFrame> CloseFrame =
        from status in Gen.Elements<ushort>(1000, 1001, 1003, 3000, 4999)
        from reason in Utf8Reason
        from empty in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from mask in Mask
        select new ScriptFrame(true, Close, empty ? [] : [.. CloseStatus(status), .. reason], mask);

    private static readonly Gen<int[]> ReadSizes = Gen.Choose(1, 12).SelectMany(n => Gen.Frequency(
        (3, Gen.Choose(1, 16)),
        (2, Gen.Choose(1, 2000)),
        (1, Gen.Choose(1, 20000))).ArrayOf(n));

    public static Arbitrary<FrameScript> Arbitrary() => Arb.From(
        from count in Gen.Choose(1, 5)
        from messages in Message.ArrayOf(count)
        from close in CloseFrame
        from chunkSizes in ReadSizes
        select new FrameScript(
            [.. messages.SelectMany(m => m.Frames), close],
            [.. messages.SelectMany(m => m.Expected), (MessageKind.Closed, Array.Empty<byte>())],
            chunkSizes));
}
