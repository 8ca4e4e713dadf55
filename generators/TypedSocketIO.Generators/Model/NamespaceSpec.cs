namespace TypedSocketIO.Generators.Model;

/// <summary>Everything the emitter needs of one <c>[SocketIONamespace]</c> class, and nothing of Roslyn's.</summary>
internal sealed record NamespaceSpec(
    string ClassName,
    string ContainingNamespace,
    string FullyQualifiedName,
    string Path,
    EquatableArray<string> ConstructorParameterTypes,
    EquatableArray<HandlerSpec> Handlers,
    LifecycleSpec? Connect,
    LifecycleSpec? Disconnecting,
    LifecycleSpec? Disconnect,
    ClientSpec? Client);
