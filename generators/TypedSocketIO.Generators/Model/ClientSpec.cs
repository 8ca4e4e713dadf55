namespace TypedSocketIO.Generators.Model;

/// <summary>A server-to-client interface and the proxy generated for it.</summary>
/// <param name="InterfaceType">The interface, fully qualified.</param>
/// <param name="InterfaceName">The interface's simple name, for docs.</param>
/// <param name="ContainingNamespace">The C# namespace the proxy is declared in (empty for the global one).</param>
/// <param name="ProxyName">The proxy class's name (<c>IChatClient</c> → <c>ChatClientProxy</c>).</param>
/// <param name="Members">The names of the proxy's own members, clear of the interface's.</param>
/// <param name="IsPublic">Whether the interface, and so the proxy, is public.</param>
/// <param name="Methods">The interface's methods.</param>
internal sealed record ClientSpec(
    string InterfaceType,
    string InterfaceName,
    string ContainingNamespace,
    string ProxyName,
    ProxyMemberNames Members,
    bool IsPublic,
    EquatableArray<ClientMethodSpec> Methods)
{
    public string ProxyType => ContainingNamespace.Length == 0 ? "global::" + ProxyName : "global::" + ContainingNamespace + "." + ProxyName;
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

/// <summary>The names of a proxy's operators and private members (see <see cref="ProxyNames.MemberNames"/>).</summary>
internal sealed record ProxyMemberNames(
    string To,
    string Except,
    string Volatile,
    string Local,
    string Timeout,
    string Target,
    string TypeInfos,
    string TypeInfosClass);
