using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedSocketIO.Generators.Binding;

/// <summary>The rules a <c>[SocketIONamespace]</c> class itself must follow for the generator to serve it.</summary>
internal static class NamespaceRules
{
    public const string AttributeName = "TypedSocketIO.SocketIONamespaceAttribute";

    /// <summary>Why the class cannot be served whatever its members (nested, generic, abstract), or null.</summary>
    public static string? ShapeProblem(INamedTypeSymbol type)
    {
        if (type.ContainingType is not null)
        {
            return "nested in '" + type.ContainingType.Name + "'";
        }

        if (type.IsGenericType)
        {
            return "generic";
        }

        return type.IsAbstract ? "abstract" : null;
    }

    /// <summary>A declaration of the class without the <c>partial</c> modifier, or null when every one has it.</summary>
    public static TypeDeclarationSyntax? NonPartialDeclaration(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(declaration => !declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>
    /// Whether the class derives from <c>Namespace</c>; <paramref name="clientType"/> is the
    /// <c>TClient</c> of <c>Namespace&lt;TClient&gt;</c> (an interface or not), or null for plain <c>Namespace</c>.
    /// </summary>
    public static bool DerivesFromNamespace(INamedTypeSymbol type, out ITypeSymbol? clientType)
    {
        clientType = null;
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (WellKnown.IsNamespaceBase(current))
            {
                clientType = current.TypeArguments.Length == 1 ? current.TypeArguments[0] : null;
                return true;
            }
        }

        return false;
    }

    /// <summary>The path <c>[SocketIONamespace]</c> gives (<c>"/"</c> without an argument); it may be null or invalid.</summary>
    public static string? PathOf(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : "/";

    public static bool IsValidPath(string? path) => path is not null && path.StartsWith("/", System.StringComparison.Ordinal);

    /// <summary>The constructor the generated factory calls: the public one with the most parameters, or null.</summary>
    public static IMethodSymbol? FactoryConstructor(INamedTypeSymbol type) =>
        type.InstanceConstructors
            .Where(constructor => constructor.DeclaredAccessibility == Accessibility.Public)
            .OrderByDescending(constructor => constructor.Parameters.Length)
            .FirstOrDefault();
}
