using System.Text.Json;
using TypedSocketIO.Dispatch;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Protocol;

namespace TypedSocketIO;

/// <summary>Settings of the Socket.IO server; bind them from configuration section <c>SocketIO</c> or set them in code.</summary>
public sealed class SocketIOOptions
{
    /// <summary>The path served by <c>MapSocketIO()</c>. Default <c>/socket.io</c>.</summary>
    public string Path { get; set; } = "/socket.io";

    /// <summary>The Engine.IO settings: heartbeat, payload limit, transports, CORS.</summary>
    public EngineIOOptions EngineIO { get; set; } = new();

    /// <summary>How long a new connection may take to join a namespace before it is closed. Default 45 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How long an emit to one socket waits for its acknowledgement. Default 30 s.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a broadcast with acknowledgements waits when no timeout is given. Default 10 s.</summary>
    public TimeSpan BroadcastAckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most binary attachments one packet may declare. Default 10.</summary>
    public int MaxAttachments { get; set; } = SocketIOLimits.DefaultMaxAttachments;

    /// <summary>How long the binary attachments of one packet may take to arrive before the connection is closed. Default 10 s.</summary>
    public TimeSpan AttachmentTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most nesting in an event's JSON arguments. Default 32.</summary>
    public int MaxJsonDepth { get; set; } = SocketIOLimits.DefaultMaxDepth;

    /// <summary>
    /// The most event handlers one socket runs at once. Default 16. Further events wait, and the
    /// connection stops reading until a handler ends: nothing is dropped, and events still start
    /// in arrival order. A handler that awaits an acknowledgement from the same client does not
    /// count against the limit while it waits, so that the answer can always be read.
    /// </summary>
    /// <remarks>
    /// Node has no limit, and SignalR runs one invocation per client by default. 16 lets a client's
    /// burst of requests overlap, as it would on Node, while capping the work one client can make the
    /// server hold. While the connection waits, it reads no pongs either: a handler that blocks longer
    /// than the heartbeat (ping interval plus ping timeout) with every slot taken ends the connection.
    /// </remarks>
    public int MaxConcurrentHandlersPerSocket { get; set; } = 16;

    /// <summary>
    /// The most arguments one event may carry after its name, or one acknowledgement may carry as
    /// values. A packet with more is a parse error and closes the connection. Default 1 000.
    /// </summary>
    public int MaxArguments { get; set; } = SocketIOLimits.DefaultMaxArguments;

    /// <summary>
    /// The JSON settings arguments are read and written with. Add a <c>JsonSerializerContext</c>
    /// to its <c>TypeInfoResolverChain</c> for your own types (required under NativeAOT).
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = SocketIOJson.CreateOptions();

    /// <summary>
    /// The authentication scheme that authenticates the <c>token</c> of a CONNECT's auth payload
    /// (<c>io(url, { auth: { token } })</c>): it receives the token as an <c>Authorization: Bearer</c>
    /// header, so a JWT bearer scheme works unchanged, and the user it returns becomes
    /// <see cref="Socket.User"/>. Default null: the payload is left to the application, and the user
    /// is the one authenticated on the handshake request.
    /// </summary>
    public string? AuthTokenScheme { get; set; }

    /// <summary>Creates each namespace's adapter; null uses <see cref="InMemoryAdapter"/>.</summary>
    public Func<ServerNamespace, SocketIOAdapter>? AdapterFactory { get; set; }

    /// <summary>The limits incoming packets are decoded within.</summary>
    internal SocketIOLimits DecoderLimits => new(MaxAttachments, MaxJsonDepth, MaxArguments);
}
