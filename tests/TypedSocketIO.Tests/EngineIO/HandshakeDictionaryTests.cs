using TypedSocketIO.EngineIO;

namespace TypedSocketIO.Tests.EngineIO;

/// <summary>The handshake's read-only views of its query and headers.</summary>
public class HandshakeDictionaryTests
{
    private static HandshakeDictionary Of(params (string Name, string[] Values)[] entries) =>
        new(Array.ConvertAll(entries, entry => new KeyValuePair<string, HandshakeValues>(entry.Name, new HandshakeValues(entry.Values))));

    [Fact]
    public void Names_are_found_ignoring_case_and_keep_their_spelling()
    {
        var headers = Of(("X-Trace", ["a"]), ("Accept", ["*/*"]));

        Assert.Equal("a", headers["x-trace"].ToString());
        Assert.True(headers.ContainsKey("ACCEPT"));
        Assert.Equal(["X-Trace", "Accept"], headers.Keys);
        Assert.Equal(2, headers.Count);
    }

    [Fact]
    public void Every_value_of_a_name_is_kept_in_order()
    {
        var values = Of(("Via", ["1.1 a", "1.1 b", "1.1 c"]))["via"];

        Assert.Equal(3, values.Count);
        Assert.Equal(["1.1 a", "1.1 b", "1.1 c"], values);
        Assert.Equal("1.1 b", values[1]);
        Assert.Equal("1.1 a,1.1 b,1.1 c", values.ToString());
        Assert.Equal("1.1 a,1.1 b,1.1 c", (string?)values);
    }

    [Fact]
    public void An_absent_name_reads_as_no_value_through_the_indexer_and_throws_through_the_dictionary_interface()
    {
        var query = Of(("room", ["blue"]));

        Assert.True(query["sid"].IsEmpty);
        Assert.Empty((IEnumerable<string>)query["sid"]);
        Assert.Equal("", query["sid"].ToString());
        Assert.Null((string?)query["sid"]);
        Assert.False(query.TryGetValue("sid", out _));
        Assert.Throws<KeyNotFoundException>(() => ((IReadOnlyDictionary<string, HandshakeValues>)query)["sid"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => query["sid"][0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => query["room"][1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Of(("tag", ["a", "b"]))["tag"][-1]);
    }

    [Fact]
    public void An_empty_value_is_a_value()
    {
        var flag = Of(("debug", [""]))["debug"];

        Assert.False(flag.IsEmpty);
        Assert.Equal("", (string?)flag);
        Assert.Empty(HandshakeDictionary.Empty);
    }
}
