using System.Text;

namespace TypedSocketIO.Tests.Integration;

/// <summary>The runtime refuses the reserved names of the one list the generator and the analyzers share.</summary>
public sealed class ReservedEventNamesTests
{
    public static TheoryData<string> Reserved => [.. ReservedEventNames.All];

    [Theory]
    [MemberData(nameof(Reserved))]
    public void Every_shared_name_is_reserved_as_text_and_as_UTF8(string name)
    {
        Assert.True(ReservedEvents.IsReserved(name));
        Assert.True(ReservedEvents.IsReserved(Encoding.UTF8.GetBytes(name)));
        Assert.Throws<ArgumentException>(() => ReservedEvents.ThrowIfReserved(name));
    }

    [Theory]
    [InlineData("message")]
    [InlineData("connected")]
    [InlineData("Connect")]
    [InlineData("")]
    public void Other_names_are_not(string name)
    {
        Assert.False(ReservedEvents.IsReserved(name));
        Assert.False(ReservedEvents.IsReserved(Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public void The_list_is_Socket_IOs_six()
    {
        Assert.Equal(["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"], ReservedEventNames.All);
    }
}
