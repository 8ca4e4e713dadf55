using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Generators;

/// <summary>
/// The name of a client interface's proxy and of the proxy's own members, derived from the
/// interface alone so that every namespace using it agrees, and so that none collides with a
/// name the user declared.
/// </summary>
internal static class ProxyNames
{
    /// <summary>
    /// <c>IChatClient</c> → <c>ChatClientProxy</c>; the <c>I</c> stays when the same scope also
    /// declares an interface <c>ChatClient</c> (whose proxy that is). A nested interface is
    /// prefixed by the types it is nested in, a constructed one gets its type arguments
    /// (<c>IClient&lt;int&gt;</c> → <c>ClientOfInt32Proxy</c>), and a name the namespace or
    /// the interface already uses gets a number.
    /// </summary>
    public static string ProxyName(INamedTypeSymbol clientInterface, ISet<string> interfaceMembers)
    {
        var name = clientInterface.Name;
        var scope = (INamespaceOrTypeSymbol?)clientInterface.ContainingType ?? clientInterface.ContainingNamespace;
        var stem = name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]) ? name.Substring(1) : name;
        if (stem != name && scope.GetTypeMembers(stem, clientInterface.Arity).Any(type => type.TypeKind == TypeKind.Interface))
        {
            stem = name;
        }

        var outer = new List<string>();
        for (var container = clientInterface.ContainingType; container is not null; container = container.ContainingType)
        {
            outer.Insert(0, container.Name);
        }

        var preferred = string.Concat(outer) + stem
            + string.Concat(clientInterface.TypeArguments.Select(argument => "Of" + NamePart(argument)))
            + "Proxy";
        var containingNamespace = clientInterface.ContainingNamespace;
        return Names.Unique(preferred, candidate => interfaceMembers.Contains(candidate) || !containingNamespace.GetTypeMembers(candidate).IsEmpty);
    }

    /// <summary>
    /// The proxy's operators keep their names (<c>To</c>, <c>Except</c>, <c>Volatile</c>,
    /// <c>Local</c>, <c>Timeout</c>) unless the interface declares a member of that name, which
    /// then is the event and the operator becomes <c>LocalOperator</c> (and so on); its private
    /// members step aside the same way.
    /// </summary>
    public static ProxyMemberNames MemberNames(ISet<string> interfaceMembers, string proxyName)
    {
        var taken = new HashSet<string>(interfaceMembers, System.StringComparer.Ordinal) { proxyName };
        string Claim(string preferred, string fallback)
        {
            var name = taken.Contains(preferred) ? Names.Unique(fallback, taken.Contains) : preferred;
            taken.Add(name);
            return name;
        }

        string Operator(string name) => Claim(name, name + "Operator");
        string Private(string name) => Claim(name, name);

        return new ProxyMemberNames(
            To: Operator("To"),
            Except: Operator("Except"),
            Volatile: Operator("Volatile"),
            Local: Operator("Local"),
            Timeout: Operator("Timeout"),
            Target: Private("_target"),
            TypeInfos: Private("_typeInfos"),
            TypeInfosClass: Private("TypeInfos"));
    }

    /// <summary>A type argument as part of a proxy name: <c>int</c> → <c>Int32</c>, <c>List&lt;int&gt;</c> → <c>ListOfInt32</c>.</summary>
    private static string NamePart(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => NamePart(array.ElementType) + "Array",
        INamedTypeSymbol { IsGenericType: true } generic => generic.Name + string.Concat(generic.TypeArguments.Select(a => "Of" + NamePart(a))),
        _ => type.Name,
    };
}
