using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hosting.Options;

/// <summary>
/// <see cref="SocketIOOptions.AdapterFactory"/>: every namespace gets the adapter it makes, and
/// that adapter is what carries the namespace's rooms, broadcasts and lifetime.
/// </summary>
public sealed class AdapterFactoryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Each_namespace_gets_the_adapter_the_factory_makes_for_it()
    {
        var made = new List<string>();
        await using var server = await MinimalServer.StartAsync(configure: options => options.AdapterFactory = ns =>
        {
            lock (made)
            {
                made.Add(ns.Name);
            }

            return new RecordingAdapter(ns);
        });

        var chat = server.SocketIO.Of("/chat");

        Assert.Same(chat, Assert.IsType<RecordingAdapter>(chat.Adapter).Namespace);
        Assert.Same(server.SocketIO.MainNamespace, Assert.IsType<RecordingAdapter>(server.SocketIO.MainNamespace.Adapter).Namespace);
        Assert.Equal(["/", "/chat"], made);
    }

    [Fact]
    public async Task The_custom_adapter_is_initialised_first_then_carries_the_joins_broadcasts_and_leaves_and_is_closed_at_shutdown()
    {
        var server = await MinimalServer.StartAsync(configure: options => options.AdapterFactory = ns => new RecordingAdapter(ns));
        var ns = server.SocketIO.Of("/custom-adapter").On("join", async e =>
        {
            await e.Socket.JoinAsync("news");
            await e.AckAsync();
        });
        var adapter = (RecordingAdapter)ns.Adapter;
        var (client, socketId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/custom-adapter");
        await client.SendTextAsync("42/custom-adapter,1[\"join\"]");
        Assert.Equal("43/custom-adapter,1[]", await client.ReceiveUntilAsync(p => p.StartsWith("43/", StringComparison.Ordinal)));

        await ns.To("news").EmitAsync("headline", "adapters work");
        Assert.Equal("42/custom-adapter,[\"headline\",\"adapters work\"]", await client.ReceiveUntilAsync(p => p.StartsWith("42/", StringComparison.Ordinal)));
        await client.DisposeAsync();
        await Eventually.TrueAsync(() => adapter.CallsOf(nameof(SocketIOAdapter.RemoveFromAllRoomsAsync)).Length == 1, Wait);
        await server.App.StopAsync(); // waits for the server's close, adapters' included
        await server.DisposeAsync();

        Assert.Equal(
            [
                "InitAsync",
                $"AddToRoomsAsync {socketId}:{socketId}",
                $"AddToRoomsAsync {socketId}:news",
                "BroadcastAsync 42/custom-adapter,[\"headline\",\"adapters work\"] to news",
                $"RemoveFromAllRoomsAsync {socketId}",
                "CloseAsync",
            ],
            adapter.Calls.Select(call => call.Method + (call.Detail is null ? "" : " " + call.Detail) + (call.Options is null ? "" : " to " + string.Join(",", call.Options.Rooms))));
        Assert.Empty(ns.SocketsById);
    }
}
