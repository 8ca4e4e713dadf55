using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedSocketIO.Analyzers;

/// <summary>
/// What the generator can bind and what System.Text.Json can read and write: the rules behind
/// TSIO0011 and TSIO0040–TSIO0042. One instance per compilation; the set of types the
/// compilation's <c>JsonSerializerContext</c>s cover is computed at most once, on first need.
/// </summary>
internal sealed class JsonRules
{
    private const int MaxDepth = 6;

    private readonly KnownSymbols _symbols;
    private readonly Lazy<Coverage> _coverage;

    public JsonRules(KnownSymbols symbols, string? aotProperty)
    {
        _symbols = symbols;
        AotProperty = aotProperty;
        _coverage = new Lazy<Coverage>(ComputeCoverage, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>"PublishAot=true" (or the like) when reflection-based JSON is off; else null.</summary>
    public string? AotProperty { get; }

    /// <summary>The JsonSerializerContext classes declared in the compilation, by name.</summary>
    public ImmutableArray<INamedTypeSymbol> Contexts => _coverage.Value.Contexts;

    /// <summary>Whether the generator reads and writes the type itself (no JsonTypeInfo needed), as its <c>ValueKind</c>s.</summary>
    public bool IsDirect(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
            case SpecialType.System_Double:
            case SpecialType.System_Boolean:
                return true;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return true;
        }

        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } named && _symbols.Is(named, _symbols.ReadOnlyMemoryOfT)
            && named.TypeArguments[0].SpecialType == SpecialType.System_Byte)
        {
            return true;
        }

        return IsJsonElement(type);
    }

    public bool IsJsonElement(ITypeSymbol type) => _symbols.Is(type, _symbols.JsonElement);

    /// <summary>
    /// The first part of <paramref name="type"/> System.Text.Json refuses to serialize (its
    /// <c>UnsupportedTypeConverter</c> types), described for a message, or null.
    /// </summary>
    public string? FindUnsupported(ITypeSymbol type)
    {
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        return FindUnsupported(type, null, 0, visited);
    }

    private string? FindUnsupported(ITypeSymbol type, string? path, int depth, HashSet<ITypeSymbol> visited)
    {
        if (depth > MaxDepth || !visited.Add(type))
        {
            return null;
        }

        var what = UnsupportedKind(type);
        if (what is not null)
        {
            return path is null ? what : what + " (found at '" + path + "')";
        }

        if (HasConverter(type))
        {
            return null;
        }

        foreach (var (child, childPath) in Children(type, path, includeProperties: true))
        {
            if (FindUnsupported(child, childPath, depth + 1, visited) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private string? UnsupportedKind(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Delegate)
        {
            return "delegates";
        }

        if (type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
        {
            return "IntPtr or UIntPtr";
        }

        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (_symbols.Is(current, _symbols.SystemType))
            {
                return "System.Type";
            }

            if (_symbols.Is(current, _symbols.MemberInfo))
            {
                return "reflection members (MemberInfo)";
            }
        }

        return null;
    }

    /// <summary>
    /// For a value the server reads: the interface or abstract class in <paramref name="type"/>
    /// (itself or an element type) that System.Text.Json cannot instantiate, or null.
    /// </summary>
    public (ITypeSymbol Type, string Kind)? FindNotCreatable(ITypeSymbol type)
    {
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        return FindNotCreatable(type, 0, visited);
    }

    private (ITypeSymbol Type, string Kind)? FindNotCreatable(ITypeSymbol type, int depth, HashSet<ITypeSymbol> visited)
    {
        if (depth > MaxDepth || !visited.Add(type) || HasConverter(type) || IsSystemTextJson(type))
        {
            return null;
        }

        var collection = IsCollection(type);
        if (!collection && !DerivedTypes(type).Any())
        {
            if (type.TypeKind == TypeKind.Interface)
            {
                return (type, "an interface");
            }

            if (type.TypeKind == TypeKind.Class && type.IsAbstract)
            {
                return (type, "an abstract class");
            }
        }

        foreach (var (child, _) in Children(type, null, includeProperties: false))
        {
            if (FindNotCreatable(child, depth + 1, visited) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Whether a JsonSerializerContext of the compilation generates metadata for <paramref name="type"/>.</summary>
    public bool IsCovered(ITypeSymbol type) => _coverage.Value.Types.Contains(Normalize(type));

    private Coverage ComputeCoverage()
    {
        var contexts = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        var covered = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        if (_symbols.JsonSerializerContext is null || _symbols.JsonSerializableAttribute is null)
        {
            return new Coverage(contexts.ToImmutable(), covered);
        }

        var compilation = _symbols.Compilation;
        foreach (var symbol in compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type))
        {
            if (symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } candidate || !DerivesFrom(candidate, _symbols.JsonSerializerContext))
            {
                continue;
            }

            contexts.Add(candidate);
            foreach (var attribute in candidate.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.JsonSerializableAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is ITypeSymbol root)
                {
                    AddReachable(root, covered, 0);
                }
            }
        }

        contexts.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new Coverage(contexts.ToImmutable(), covered);
    }

    /// <summary>The types the System.Text.Json source generator emits metadata for, starting from a [JsonSerializable] root.</summary>
    private void AddReachable(ITypeSymbol type, HashSet<ITypeSymbol> covered, int depth)
    {
        if (depth > MaxDepth * 2 || !covered.Add(Normalize(type)))
        {
            return;
        }

        foreach (var (child, _) in Children(type, null, includeProperties: true))
        {
            AddReachable(child, covered, depth + 1);
        }

        foreach (var derived in DerivedTypes(type))
        {
            AddReachable(derived, covered, depth + 1);
        }
    }

    /// <summary>
    /// The types a value of <paramref name="type"/> is made of, as System.Text.Json walks them:
    /// array and collection elements, the value of a Nullable, and (when asked, for the
    /// application's own types) the public properties it reads and writes.
    /// </summary>
    private IEnumerable<(ITypeSymbol Type, string? Path)> Children(ITypeSymbol type, string? path, bool includeProperties)
    {
        if (type is IArrayTypeSymbol array)
        {
            yield return (array.ElementType, path);
            yield break;
        }

        if (type is not INamedTypeSymbol named)
        {
            yield break;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T || (named.IsGenericType && IsCollection(named)))
        {
            foreach (var argument in named.TypeArguments)
            {
                yield return (argument, path);
            }

            yield break;
        }

        if (!includeProperties || named.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface) || IsFrameworkType(named))
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = named; current is not null && !IsFrameworkType(current); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property
                    || !seen.Add(property.Name)
                    || HasAttribute(property, _symbols.JsonIgnoreAttribute)
                    || HasAttribute(property, _symbols.JsonConverterAttribute))
                {
                    continue;
                }

                yield return (property.Type, (path ?? named.Name) + "." + property.Name);
            }
        }
    }

    private IEnumerable<ITypeSymbol> DerivedTypes(ITypeSymbol type)
    {
        if (_symbols.JsonDerivedTypeAttribute is null)
        {
            yield break;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.JsonDerivedTypeAttribute)
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value is ITypeSymbol derived)
            {
                yield return derived;
            }
        }
    }

    private bool IsCollection(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return false;
        }

        if (_symbols.Is(type, _symbols.IEnumerable))
        {
            return true;
        }

        return type.AllInterfaces.Any(i => _symbols.Is(i, _symbols.IEnumerable));
    }

    private bool HasConverter(ITypeSymbol type) => HasAttribute(type, _symbols.JsonConverterAttribute);

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType) =>
        attributeType is not null && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { Name: "System" or "Microsoft" };
    }

    private static bool IsSystemTextJson(ITypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString().StartsWith("System.Text.Json", StringComparison.Ordinal) == true;

    private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reference types without their nullable annotation: <c>string?</c> and <c>string</c> share one JsonTypeInfo.</summary>
    public static ITypeSymbol Normalize(ITypeSymbol type) =>
        type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : type;

    private sealed class Coverage
    {
        public Coverage(ImmutableArray<INamedTypeSymbol> contexts, HashSet<ITypeSymbol> types)
        {
            Contexts = contexts;
            Types = types;
        }

        public ImmutableArray<INamedTypeSymbol> Contexts { get; }

        public HashSet<ITypeSymbol> Types { get; }
    }
}
