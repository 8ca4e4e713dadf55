using Microsoft.CodeAnalysis;

namespace TypedSocketIO.Analyzers;

/// <summary>
/// The types the analyzers compare against, resolved once per compilation (in a
/// <c>CompilationStartAction</c>). Null when the compilation does not reference TypedSocketIO,
/// in which case the analyzers register nothing.
/// </summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol namespaceBase, INamedTypeSymbol attribute)
    {
        Compilation = compilation;
        NamespaceBase = namespaceBase;
        NamespaceAttribute = attribute;
        NamespaceOfT = compilation.GetTypeByMetadataName("TypedSocketIO.Namespace`1");
        EventAttribute = compilation.GetTypeByMetadataName("TypedSocketIO.EventAttribute");
        Socket = compilation.GetTypeByMetadataName("TypedSocketIO.Socket");
        DisconnectReason = compilation.GetTypeByMetadataName("TypedSocketIO.DisconnectReason");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        ReadOnlyListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
        ReadOnlyMemoryOfT = compilation.GetTypeByMetadataName("System.ReadOnlyMemory`1");
        JsonElement = compilation.GetTypeByMetadataName("System.Text.Json.JsonElement");
        JsonSerializerContext = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
        JsonSerializableAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
        JsonDerivedTypeAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonDerivedTypeAttribute");
        JsonIgnoreAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonIgnoreAttribute");
        JsonConverterAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonConverterAttribute");
        SystemType = compilation.GetTypeByMetadataName("System.Type");
        MemberInfo = compilation.GetTypeByMetadataName("System.Reflection.MemberInfo");
        Assembly = compilation.GetTypeByMetadataName("System.Reflection.Assembly");
        Module = compilation.GetTypeByMetadataName("System.Reflection.Module");
        Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        IEnumerable = compilation.GetTypeByMetadataName("System.Collections.IEnumerable");
        GeneratedCodeAttribute = compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol NamespaceBase { get; }

    public INamedTypeSymbol NamespaceAttribute { get; }

    public INamedTypeSymbol? NamespaceOfT { get; }

    public INamedTypeSymbol? EventAttribute { get; }

    public INamedTypeSymbol? Socket { get; }

    public INamedTypeSymbol? DisconnectReason { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? ReadOnlyListOfT { get; }

    public INamedTypeSymbol? ReadOnlyMemoryOfT { get; }

    public INamedTypeSymbol? JsonElement { get; }

    public INamedTypeSymbol? JsonSerializerContext { get; }

    public INamedTypeSymbol? JsonSerializableAttribute { get; }

    public INamedTypeSymbol? JsonDerivedTypeAttribute { get; }

    public INamedTypeSymbol? JsonIgnoreAttribute { get; }

    public INamedTypeSymbol? JsonConverterAttribute { get; }

    public INamedTypeSymbol? SystemType { get; }

    public INamedTypeSymbol? MemberInfo { get; }

    public INamedTypeSymbol? Assembly { get; }

    public INamedTypeSymbol? Module { get; }

    public INamedTypeSymbol? Stream { get; }

    public INamedTypeSymbol? IEnumerable { get; }

    public INamedTypeSymbol? GeneratedCodeAttribute { get; }

    public static KnownSymbols? Create(Compilation compilation)
    {
        var namespaceBase = compilation.GetTypeByMetadataName("TypedSocketIO.Namespace");
        var attribute = compilation.GetTypeByMetadataName("TypedSocketIO.SocketIONamespaceAttribute");
        return namespaceBase is null || attribute is null ? null : new KnownSymbols(compilation, namespaceBase, attribute);
    }

    public bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);

    public bool IsSocket(ITypeSymbol type) => Is(type, Socket);

    public bool IsCancellationToken(ITypeSymbol type) => Is(type, CancellationToken);

    public bool DerivesFromNamespace(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, NamespaceBase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>TClient</c> of the nearest <c>Namespace&lt;TClient&gt;</c> base, if any.</summary>
    public ITypeSymbol? ClientTypeOf(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (Is(current, NamespaceOfT))
            {
                return current.TypeArguments[0];
            }

            if (SymbolEqualityComparer.Default.Equals(current, NamespaceBase))
            {
                return null;
            }
        }

        return null;
    }

    public AttributeData? NamespaceAttributeOf(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, NamespaceAttribute))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The name of <c>[Event("name")]</c> on <paramref name="method"/>, or null.</summary>
    public string? EventNameOf(IMethodSymbol method)
    {
        if (EventAttribute is null)
        {
            return null;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, EventAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Unwraps Task&lt;T&gt;/ValueTask&lt;T&gt;; says whether the method returns a task at all.</summary>
    public TaskShape ShapeOfReturn(IMethodSymbol method, out ITypeSymbol? result)
    {
        result = null;
        if (method.ReturnsVoid)
        {
            return TaskShape.Void;
        }

        var type = method.ReturnType;
        if (Is(type, Task) || Is(type, ValueTask))
        {
            return TaskShape.Task;
        }

        if (type is INamedTypeSymbol named && (Is(type, TaskOfT) || Is(type, ValueTaskOfT)))
        {
            result = named.TypeArguments[0];
            return TaskShape.TaskOfT;
        }

        result = type;
        return TaskShape.Value;
    }
}

/// <summary>How a method returns.</summary>
internal enum TaskShape
{
    Void,
    Task,
    TaskOfT,
    Value,
}
