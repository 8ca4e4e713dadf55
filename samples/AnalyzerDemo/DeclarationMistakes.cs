namespace TypedSocketIO.Samples.AnalyzerDemo;

// TSIO0001: not partial, so the generator skips the class.
[SocketIONamespace("/lobby")]
public sealed class LobbyNamespace : Namespace
{
    public void on_ping(Socket socket) { }
}

// TSIO0002: the attribute on a class that is no Namespace.
[SocketIONamespace("/orphan")]
public sealed partial class OrphanHandlers
{
    public void on_ping() { }
}

// TSIO0003: a Namespace without the attribute is never served.
public sealed class ForgottenNamespace : Namespace
{
    public void on_ping(Socket socket) { }
}

// TSIO0004: paths start with '/'.
[SocketIONamespace("admin")]
public sealed partial class AdminNamespace : Namespace
{
}

// TSIO0005: two classes, one path.
[SocketIONamespace("/scores")]
public sealed partial class ScoresNamespace : Namespace
{
}

[SocketIONamespace("/scores")]
public sealed partial class LeaderboardNamespace : Namespace
{
}

public static class Outer
{
    // TSIO0006: nested.
    [SocketIONamespace("/nested")]
    public sealed partial class NestedNamespace : Namespace
    {
    }
}

// TSIO0007: no public constructor for dependency injection to call.
[SocketIONamespace("/private")]
public sealed partial class PrivateNamespace : Namespace
{
    private PrivateNamespace()
    {
    }
}

// TSIO0050: on_connect answers bool (or nothing), not a number.
// TSIO0052: nothing receives on_disconnect's result.
// TSIO0053: CONNECT carries one auth value.
[SocketIONamespace("/lifecycle")]
public sealed partial class LifecycleNamespace : Namespace
{
    public int on_connect(Socket socket) => 1;

    public bool on_disconnecting(Socket socket) => true;

    public void on_disconnect(Socket socket) { }
}

[SocketIONamespace("/auth")]
public sealed partial class AuthNamespace : Namespace
{
    public bool on_connect(Socket socket, string token, int version) => true;
}
