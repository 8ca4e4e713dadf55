using TypedSocketIO.EngineIO;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>The exact bodies of Engine.IO's HTTP errors: <c>{"code":N,"message":"..."}</c>, as Node's engine.io writes them.</summary>
public class EngineIOErrorsTests
{
    [Theory]
    [InlineData(0, "{\"code\":0,\"message\":\"Transport unknown\"}")]
    [InlineData(1, "{\"code\":1,\"message\":\"Session ID unknown\"}")]
    [InlineData(2, "{\"code\":2,\"message\":\"Bad handshake method\"}")]
    [InlineData(3, "{\"code\":3,\"message\":\"Bad request\"}")]
    [InlineData(4, "{\"code\":4,\"message\":\"Forbidden\"}")]
    [InlineData(5, "{\"code\":5,\"message\":\"Unsupported protocol version\"}")]
    public void Each_code_has_its_standard_message(int code, string body)
    {
        Assert.Equal(body, Text(EngineIOErrors.Encode((EngineIOErrorCode)code)));
    }

    [Fact]
    public void A_message_of_its_own_replaces_the_standard_one()
    {
        Assert.Equal("{\"code\":4,\"message\":\"Too many connections\"}", Text(EngineIOErrors.Encode(EngineIOErrorCode.Forbidden, "Too many connections")));
    }

    [Fact]
    public void A_message_is_escaped_as_JSON()
    {
        Assert.Equal("{\"code\":3,\"message\":\"say \\\"no\\\"\"}", Text(EngineIOErrors.Encode(EngineIOErrorCode.BadRequest, "say \"no\"")));
    }
}
