using Microsoft.CodeAnalysis;

namespace TypedSocketIO.Analyzers;

/// <summary>
/// The types the JSON rules and the broadcast analyzer compare against, resolved once per
/// compilation (in a <c>CompilationStartAction</c>); the binding rules recognise TypedSocketIO's
/// own types by name (<c>WellKnown</c>). Null when the compilation does not reference
/// TypedSocketIO, in which case the analyzers register nothing.
/// </summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol namespaceBase, INamedTypeSymbol attribute)
    {
        Compilation = compilation;
        NamespaceBase = namespaceBase;
        NamespaceAttribute = attribute;
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
}
