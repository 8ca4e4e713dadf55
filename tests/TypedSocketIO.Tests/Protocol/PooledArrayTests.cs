using System.Buffers;
using TypedSocketIO.Protocol;
using TypedSocketIO.Tests.Infrastructure;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>
/// The decoder rents its scratch arrays (argument offsets, placeholder flags, open objects) from
/// the shared pool: each one goes back when the packet is decoded or refused, or every packet
/// would allocate them anew. Watched with <see cref="PoolProbe"/>.
/// </summary>
public class PooledArrayTests
{
    private const string P0 = "{\"_placeholder\":true,\"num\":0}";

    [Fact]
    public void The_probe_sees_an_array_that_is_not_given_back()
    {
        Assert.False(PoolProbe.Watch<int>(16, () => ArrayPool<int>.Shared.Rent(16)).GivenBack);
        Assert.True(PoolProbe.Watch<int>(16, () => ArrayPool<int>.Shared.Return(ArrayPool<int>.Shared.Rent(16))).GivenBack);
    }

    [Theory]
    [InlineData("51-[\"e\"," + P0 + "]")] // decoded
    [InlineData("51-[\"e\"," + P0 + "," + P0 + "]")] // refused: attachment 0 named twice
    [InlineData("51-[\"e\",{\"a\":" + P0 + "]")] // refused: malformed JSON inside an open object
    public void Gives_back_the_placeholder_flags_and_open_objects_of_a_binary_packet(string packet)
    {
        var decode = () =>
        {
            try
            {
                Decode(packet);
            }
            catch (ProtocolException)
            {
            }
        };

        Assert.True(PoolProbe.Watch<bool>(16, decode).GivenBack, "the placeholder flags (one per attachment)");
        Assert.True(PoolProbe.Watch<PlaceholderCheck.OpenObject>(SocketIOLimits.DefaultMaxDepth, decode).GivenBack, "the objects open (one per depth)");
    }

    [Theory]
    [InlineData("2[\"e\",1,2,3]")] // past the two kept inline: 16 offsets rented
    [InlineData("51-[\"e\",1,2," + P0 + "]")]
    [InlineData("2[\"e\",1,2,3,}")] // refused after the offsets spilled
    public void Gives_back_the_offsets_of_more_than_two_arguments(string packet)
    {
        var result = PoolProbe.Watch<int>(16, () =>
        {
            try
            {
                Decode(packet);
            }
            catch (ProtocolException)
            {
            }
        });

        Assert.True(result.GivenBack);
    }

    [Fact]
    public void Gives_back_both_offset_arrays_when_the_arguments_outgrow_the_first()
    {
        var packet = "2[\"e\"" + string.Concat(Enumerable.Range(0, 9).Select(i => "," + i)) + "]"; // 18 offsets: 16, then 32

        var decoded = 0;
        var small = PoolProbe.Watch<int>(16, () => decoded = Decode(packet).ArgumentCount);
        var large = PoolProbe.Watch<int>(32, () => Decode(packet));

        Assert.Equal(9, decoded);
        Assert.True(small.GivenBack, "the first array, when it is replaced by a larger one");
        Assert.True(large.GivenBack, "the larger array, at the end");
    }
}
