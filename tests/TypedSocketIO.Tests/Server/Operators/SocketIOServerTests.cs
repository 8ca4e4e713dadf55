using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Server.Operators;

/// <summary>The server-wide shortcuts, as a controller or background service uses them: they target the main namespace.</summary>
public sealed class SocketIOServerTests
{
    [Fact]
    public async Task To_Except_and_EmitAsync_on_the_server_reach_the_main_namespace_only()
    {
        await using var server = await MinimalServer.StartAsync();
        var io = server.SocketIO;
        io.Of("/other");
        var (member, memberId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/");
        await using var _1 = member;
        var (outsider, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/");
        await using var _2 = outsider;
        var (elsewhere, elsewhereId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/other");
        await using var _3 = elsewhere;
        await io.MainNamespace.SocketsById[memberId].JoinAsync("room");
        await io.Of("/other").SocketsById[elsewhereId].JoinAsync("room"); // same name, another namespace

        await io.To("room").EmitAsync("e", "to room");
        await io.Except("room").EmitAsync("e", "except room");
        await io.EmitAsync("e", "everyone");
        await io.EmitToAllNamespacesAsync("marker");

        Assert.Equal(["42[\"e\",\"to room\"]", "42[\"e\",\"everyone\"]"], await member.PacketsBeforeAsync("42[\"marker\"]"));
        Assert.Equal(["42[\"e\",\"except room\"]", "42[\"e\",\"everyone\"]"], await outsider.PacketsBeforeAsync("42[\"marker\"]"));
        Assert.Empty(await elsewhere.PacketsBeforeAsync("42/other,[\"marker\"]"));
    }

    [Fact]
    public async Task TryGetNamespace_finds_the_namespaces_made_and_a_client_asking_for_another_makes_none()
    {
        await using var server = await MinimalServer.StartAsync();
        var io = server.SocketIO;
        var chat = io.Of("chat"); // the leading slash is added

        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await client.ReceiveTextAsync();
        await client.SendTextAsync("40/ghost,");
        Assert.Equal("44/ghost,{\"message\":\"Invalid namespace\"}", await client.ReceiveUntilAsync(p => p.StartsWith("44", StringComparison.Ordinal)));

        Assert.True(io.TryGetNamespace("/chat", out var found));
        Assert.Same(chat, found);
        Assert.Equal("/chat", chat.Name);
        Assert.True(io.TryGetNamespace("/", out var main));
        Assert.Same(io.MainNamespace, main);
        Assert.False(io.TryGetNamespace("/ghost", out var ghost));
        Assert.Null(ghost);
        Assert.Equal(["/", "/chat"], io.Namespaces.Select(ns => ns.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConnectionCount_counts_open_connections_not_sockets()
    {
        await using var server = await MinimalServer.StartAsync();
        server.SocketIO.Of("/second");
        var (client, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/");
        await client.SendTextAsync("40/second,");
        await client.ReceiveUntilAsync(p => p.StartsWith("40/second,", StringComparison.Ordinal));

        Assert.Equal(1, server.SocketIO.ConnectionCount);

        await client.DisposeAsync();
        await Eventually.TrueAsync(() => server.SocketIO.ConnectionCount == 0, TimeSpan.FromSeconds(10));
    }
}
