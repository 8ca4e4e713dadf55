namespace TypedSocketIO.Generators.Model;

/// <summary>Everything the emitter needs of one <c>[SocketIONamespace]</c> class, and nothing of Roslyn's.</summary>
/// <param name="SelfReference">How the generated members name the class: its simple name, unless a base class has a member of that name.</param>
/// <param name="DispatcherName">The nested dispatcher class's name, clear of the user's members.</param>
/// <param name="AllFieldName">The field caching <c>All</c>, clear of the user's members.</param>
/// <param name="ConnectAuthorization">The <c>[Authorize]</c> attributes CONNECT requires; empty for none.</param>
internal sealed record NamespaceSpec(
    string ClassName,
    string ContainingNamespace,
    string FullyQualifiedName,
    string SelfReference,
    string DispatcherName,
    string AllFieldName,
    string Path,
    EquatableArray<string> ConstructorParameterTypes,
    EquatableArray<HandlerSpec> Handlers,
    LifecycleSpec? Connect,
    LifecycleSpec? Disconnecting,
    LifecycleSpec? Disconnect,
    ClientSpec? Client,
    EquatableArray<AuthorizeSpec> ConnectAuthorization);
