using Microsoft.CodeAnalysis;

namespace TypedSocketIO.Generators.Binding;

/// <summary>
/// TypedSocketIO's and the BCL's types, recognised by name and namespace: the generator sees
/// them in every compilation without resolving them first, and the analyzers see them the same way.
/// </summary>
internal static class WellKnown
{
    /// <summary><c>TypedSocketIO.Namespace</c> or <c>TypedSocketIO.Namespace&lt;TClient&gt;</c>.</summary>
    public static bool IsNamespaceBase(ITypeSymbol type) => IsTypedSocketIO(type, "Namespace");

    public static bool IsSocket(ITypeSymbol type) => IsTypedSocketIO(type, "Socket");

    public static bool IsDisconnectReason(ITypeSymbol type) => IsTypedSocketIO(type, "DisconnectReason");

    public static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken" } && IsIn(type, "System.Threading");

    public static bool IsTypedSocketIO(ITypeSymbol type, string name) =>
        type.Name == name && type.ContainingNamespace is { Name: "TypedSocketIO", ContainingNamespace.IsGlobalNamespace: true };

    public static bool IsIn(ITypeSymbol type, string containingNamespace) =>
        type.ContainingNamespace?.ToDisplayString() == containingNamespace;

    /// <summary>The <c>[Event("name")]</c> attribute on <paramref name="method"/>, if it has one with a name.</summary>
    public static AttributeData? EventAttributeOf(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && IsTypedSocketIO(attributeClass, "EventAttribute")
                && attribute.ConstructorArguments is [{ Value: string }])
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The name of <c>[Event("name")]</c> on <paramref name="method"/>, or null.</summary>
    public static string? EventAttributeName(IMethodSymbol method) =>
        EventAttributeOf(method)?.ConstructorArguments[0].Value as string;
}
