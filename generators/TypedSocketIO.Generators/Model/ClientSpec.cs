namespace TypedSocketIO.Generators.Model;

/// <summary>A server-to-client interface and the proxy generated for it.</summary>
/// <param name="InterfaceType">The interface, fully qualified.</param>
/// <param name="InterfaceName">The interface's simple name, for docs.</param>
/// <param name="ContainingNamespace">The C# namespace the proxy is declared in (empty for the global one).</param>
/// <param name="ProxyName">The proxy class's name (<c>IChatClient</c> → <c>ChatClientProxy</c>).</param>
/// <param name="IsPublic">Whether the interface, and so the proxy, is public.</param>
/// <param name="Methods">The interface's methods.</param>
internal sealed record ClientSpec(
    string InterfaceType,
    string InterfaceName,
    string ContainingNamespace,
    string ProxyName,
    bool IsPublic,
    EquatableArray<ClientMethodSpec> Methods)
{
    public string ProxyType => ContainingNamespace.Length == 0 ? "global::" + ProxyName : "global::" + ContainingNamespace + "." + ProxyName;
}

/// <summary>How a client method waits for the client's answer.</summary>
internal enum AckKind
{
    /// <summary>Returns <c>Task</c>/<c>ValueTask</c>: no ack.</summary>
    None,

    /// <summary>Returns <c>ValueTask&lt;T&gt;</c>: one socket's answer.</summary>
    Single,

    /// <summary>Returns <c>ValueTask&lt;IReadOnlyList&lt;T&gt;&gt;</c>: one answer per targeted socket.</summary>
    List,
}

/// <summary>One method of a client interface: one event.</summary>
internal sealed record ClientMethodSpec(
    string MethodName,
    string EventName,
    EquatableArray<ParameterSpec> Parameters,
    bool TakesCancellationToken,
    bool ReturnsTask,
    AckKind Ack,
    ValueSpec? AckValue,
    string ReturnType);
