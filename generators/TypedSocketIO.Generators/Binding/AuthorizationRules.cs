using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TypedSocketIO.Generators.Binding;

/// <summary>One <c>[Authorize]</c> as the rules read it: its policy and roles (the schemes are not applied; the analyzers say so).</summary>
internal sealed class AuthorizeAttributeInfo
{
    public AuthorizeAttributeInfo(AttributeData attribute, string? policy, string? roles, string? schemes)
    {
        Attribute = attribute;
        Policy = policy;
        Roles = roles;
        Schemes = schemes;
    }

    public AttributeData Attribute { get; }

    public string? Policy { get; }

    public string? Roles { get; }

    public string? Schemes { get; }
}

/// <summary>
/// Which <c>[Authorize]</c> attributes apply where, as ASP.NET Core's endpoint authorization
/// combines them: the class's attributes (its base classes' too: they are inherited) apply to
/// CONNECT and to every event handler, a method's own add to them, and <c>[AllowAnonymous]</c>
/// (on a handler, on <c>on_connect</c>, or on the class for all) skips them. A socket cannot be
/// connected without passing CONNECT's rule and its user never changes, so a handler under a
/// class rule checked at CONNECT is checked only for its own attributes.
/// </summary>
internal static class AuthorizationRules
{
    public const string AuthorizeAttribute = "AuthorizeAttribute";
    public const string AllowAnonymousAttribute = "AllowAnonymousAttribute";
    private const string AuthorizationNamespace = "Microsoft.AspNetCore.Authorization";

    /// <summary><c>Microsoft.AspNetCore.Authorization.AuthorizeAttribute</c>, or a class derived from it.</summary>
    public static bool IsAuthorize(INamedTypeSymbol? attributeClass)
    {
        for (var current = attributeClass; current is not null; current = current.BaseType)
        {
            if (current.Name == AuthorizeAttribute && WellKnown.IsIn(current, AuthorizationNamespace))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsAllowAnonymous(INamedTypeSymbol? attributeClass) =>
        attributeClass is { Name: AllowAnonymousAttribute } && WellKnown.IsIn(attributeClass, AuthorizationNamespace);

    /// <summary>The <c>[Authorize]</c> attributes of the class and its bases, up to <c>Namespace</c>.</summary>
    public static List<AuthorizeAttributeInfo> OfClass(INamedTypeSymbol type)
    {
        var found = new List<AuthorizeAttributeInfo>();
        for (var current = type; current is not null && !WellKnown.IsNamespaceBase(current); current = current.BaseType)
        {
            found.AddRange(Read(current.GetAttributes()));
        }

        return found;
    }

    /// <summary>Whether the class or a base carries <c>[AllowAnonymous]</c>.</summary>
    public static bool ClassAllowsAnonymous(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && !WellKnown.IsNamespaceBase(current); current = current.BaseType)
        {
            if (HasAllowAnonymous(current.GetAttributes()))
            {
                return true;
            }
        }

        return false;
    }

    public static List<AuthorizeAttributeInfo> OfMethod(IMethodSymbol method) => Read(method.GetAttributes());

    public static bool MethodAllowsAnonymous(IMethodSymbol method) => HasAllowAnonymous(method.GetAttributes());

    /// <summary>Whether a method carries any authorization attribute.</summary>
    public static bool HasAny(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (IsAuthorize(attribute.AttributeClass) || IsAllowAnonymous(attribute.AttributeClass))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAllowAnonymous(IEnumerable<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (IsAllowAnonymous(attribute.AttributeClass))
            {
                return true;
            }
        }

        return false;
    }

    private static List<AuthorizeAttributeInfo> Read(IEnumerable<AttributeData> attributes)
    {
        var found = new List<AuthorizeAttributeInfo>();
        foreach (var attribute in attributes)
        {
            if (!IsAuthorize(attribute.AttributeClass))
            {
                continue;
            }

            var policy = attribute.ConstructorArguments is [{ Value: string text }] ? text : null;
            string? roles = null, schemes = null;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Policy":
                        policy = named.Value.Value as string;
                        break;
                    case "Roles":
                        roles = named.Value.Value as string;
                        break;
                    case "AuthenticationSchemes":
                        schemes = named.Value.Value as string;
                        break;
                }
            }

            found.Add(new AuthorizeAttributeInfo(attribute, policy, roles, schemes));
        }

        return found;
    }
}
