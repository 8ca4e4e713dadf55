using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>
/// A namespace of a real <see cref="SocketIOServer"/> whose clients live in memory: each one is
/// an Engine.IO session made without a request, that joins with a real CONNECT packet through
/// the server's connect flow. What the server sends a client stays in its session's outgoing
/// queue, where <see cref="TakeSent"/> reads it; no socket, no port, no transport.
/// </summary>
internal sealed partial class OfflineNamespace : IAsyncDisposable
{
    private readonly Dictionary<string, ClientConnection> _clients = new(StringComparer.Ordinal);

    public OfflineNamespace(string name = "/offline", Action<SocketIOOptions>? configure = null)
    {
        var options = new SocketIOOptions();
        configure?.Invoke(options);
        Server = new SocketIOServer(Microsoft.Extensions.Options.Options.Create(options));
        Namespace = Server.Of(name);
    }

    public SocketIOServer Server { get; }

    public ServerNamespace Namespace { get; }

    public InMemoryAdapter Adapter => (InMemoryAdapter)Namespace.Adapter;

    /// <summary>Connects a client to the namespace as a client would (a CONNECT packet) and returns its socket.</summary>
    public async Task<Socket> ConnectAsync()
    {
        var connection = new EngineIOConnection(RandomIds.New(), Server.Engine, new EngineIOHandshake(new DefaultHttpContext()), EngineIOTransports.Polling);
        var client = new ClientConnection(Server, connection);
        await ReceiveAsync(client, $"0{Namespace.Name},");

        var answer = Assert.Single(Drain(connection));
        var sid = SidOf().Match(answer);
        Assert.True(sid.Success, $"not a CONNECT answer: {answer}");
        _clients[sid.Groups[1].Value] = client;
        return Namespace.SocketsById[sid.Groups[1].Value];
    }

    /// <summary>The Engine.IO text frames queued for <paramref name="socket"/>'s client since the last call.</summary>
    public static string[] TakeSent(Socket socket) => Drain(socket.Client.Connection);

    /// <summary>Delivers a Socket.IO packet (as text, without Engine.IO's <c>4</c>) from <paramref name="socket"/>'s client.</summary>
    public Task ReceiveAsync(Socket socket, string packet) => ReceiveAsync(_clients[socket.Id], packet);

    public async ValueTask DisposeAsync() => await Server.CloseAsync();

    private static async Task ReceiveAsync(ClientConnection client, string packet) =>
        await client.OnMessageAsync(new EngineIOMessage(Encoding.UTF8.GetBytes(packet), isBinary: false));

    private static string[] Drain(EngineIOConnection connection) =>
        [.. connection.Queue.Drain([]).Select(frame => Encoding.UTF8.GetString(frame.Data.Span))];

    [GeneratedRegex("^40/[^,]*,\\{\"sid\":\"([^\"]+)\"\\}$")]
    private static partial Regex SidOf();
}
