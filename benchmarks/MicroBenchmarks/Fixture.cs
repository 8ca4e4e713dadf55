using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TypedSocketIO.Dispatch;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Benchmarks.Micro;

/// <summary>
/// A server with one connected socket and no network: packets a dispatcher sends land in the
/// connection's outgoing queue, which <see cref="Drain"/> empties (as the transport would).
/// </summary>
internal sealed class Fixture
{
    private readonly List<EngineFrame> _spare = [];

    public Fixture()
    {
        var options = new SocketIOOptions { ConnectTimeout = TimeSpan.FromDays(1) };
        options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, MicroJsonContext.Default);
        Server = new SocketIOServer(Options.Create(options));
        Namespace = new MicroNamespace();
        var runtime = Server.Of("/");
        Namespace.AttachTo(runtime);
        Handler = CreateHandler(Namespace, runtime);
        runtime.AddHandler(Handler);

        Connection = new EngineIOConnection("engine-connection-id", Server.Engine, new EngineIOHandshake(new DefaultHttpContext()), EngineIOTransports.WebSocket);
        Client = new ClientConnection(Server, Connection);
        Socket = new Socket("socket-id-0000000000", runtime, Client, new SocketHandshake(Connection.Handshake, default));
        Socket.MarkConnected(new OutgoingPacket("40"u8.ToArray(), []));
        Drain();
    }

    public SocketIOServer Server { get; }

    public MicroNamespace Namespace { get; }

    public INamespaceHandler Handler { get; }

    public EngineIOConnection Connection { get; }

    public ClientConnection Client { get; }

    public Socket Socket { get; }

    /// <summary>Decodes <paramref name="packet"/> (the Socket.IO packet, without Engine.IO's <c>4</c>) into the event the runtime would dispatch.</summary>
    public IncomingEvent Event(string packet)
    {
        var decoded = SocketIOPacketDecoder.Decode(Encoding.UTF8.GetBytes(packet));
        var arguments = EventArguments.Of(decoded, null, Server.JsonOptions);
        return new IncomingEvent(decoded.EventName, arguments, decoded.AckId);
    }

    /// <summary>Empties the outgoing queue; returns how many frames were in it.</summary>
    public int Drain()
    {
        var frames = Connection.Queue.Drain(_spare);
        var count = frames.Count;
        frames.Clear();
        return count;
    }

    private static INamespaceHandler CreateHandler<T>(T instance, ServerNamespace runtime)
        where T : Namespace, IGeneratedNamespace<T> => T.CreateHandler(instance, runtime);

    /// <summary>The 64-byte payload of the load benchmarks, as a JSON string.</summary>
    public const string Payload = "\"ahovcjqxelszgnubipwdkryfmtahovcjqxelszgnubipwdkryfmtahovcjqxelsz\"";
}
