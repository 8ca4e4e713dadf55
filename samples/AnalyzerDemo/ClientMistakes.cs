namespace TypedSocketIO.Samples.AnalyzerDemo;

/// <summary>A client interface the generator cannot implement: the namespace gets no All/To/Except/Client.</summary>
public interface IBrokenClient
{
    // TSIO0020: a client method returns ValueTask, Task, ValueTask<T> or Task<T>.
    void Notice(string text);

    // TSIO0021: a proxy implements methods only.
    string Name { get; }

    // TSIO0022: the target is chosen with Client(socket), not passed.
    ValueTask Hello(Socket socket, string text);

    // TSIO0017: "disconnect" is Socket.IO's own event.
    ValueTask Disconnect();
}

[SocketIONamespace("/broken")]
public sealed partial class BrokenNamespace : Namespace<IBrokenClient>
{
}

public sealed class NotAnInterface
{
}

// TSIO0023: TClient must be an interface.
[SocketIONamespace("/class-client")]
public sealed partial class ClassClientNamespace : Namespace<NotAnInterface>
{
}
