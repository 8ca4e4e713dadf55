using TypedSocketIO.Protocol;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

public class EngineFrameTests
{
    [Fact]
    public void Builds_a_message_frame_with_the_message_digit_in_front()
    {
        var frame = EngineFrame.Message(Utf8("2[\"é\"]"));

        Assert.False(frame.IsBinary);
        Assert.Equal(Utf8("42[\"é\"]"), frame.Data.ToArray());
    }

    [Fact]
    public void Builds_an_empty_message_frame_as_the_digit_alone()
    {
        Assert.Equal("4", Text(EngineFrame.Message([]).Data));
    }

    [Fact]
    public void Writes_the_control_frames_as_their_digits()
    {
        Assert.Equal("1", Text(EngineFrame.Close.Data));
        Assert.Equal("2", Text(EngineFrame.Ping.Data));
        Assert.Equal("3", Text(EngineFrame.Pong.Data));
        Assert.Equal("6", Text(EngineFrame.Noop.Data));
        Assert.False(EngineFrame.Ping.IsBinary);
    }

    [Fact]
    public void Keeps_binary_frames_as_raw_bytes()
    {
        var frame = EngineFrame.Binary(new byte[] { 0, 0xFF });

        Assert.True(frame.IsBinary);
        Assert.Equal(new byte[] { 0, 0xFF }, frame.Data.ToArray());
    }
}
