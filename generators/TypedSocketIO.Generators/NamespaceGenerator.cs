using System.Linq;
using Microsoft.CodeAnalysis;
using TypedSocketIO.Generators.Binding;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Generators;

/// <summary>
/// Writes, for each <c>[SocketIONamespace]</c> class, its dispatcher (a switch on the event name
/// that binds arguments straight from UTF-8 JSON), its registration members and its typed emit
/// surface; and, for each client interface, a proxy that encodes its events.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NamespaceGenerator : IIncrementalGenerator
{
    internal const string AttributeName = NamespaceRules.AttributeName;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax, Parser.Parse)
            .WithTrackingName(TrackingNames.Parse);

        var namespaces = parsed
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Namespaces);

        context.RegisterSourceOutput(namespaces, static (output, spec) =>
            output.AddSource(HintName(spec.ContainingNamespace, spec.ClassName), NamespaceEmitter.Emit(spec)));

        // Several namespaces may share one client interface: one proxy each.
        var proxies = namespaces
            .Select(static (spec, _) => spec.Client)
            .Where(static client => client is not null)
            .Collect()
            .Select(static (clients, _) => clients.Distinct().Select(client => client!).ToEquatableArray())
            .WithTrackingName(TrackingNames.ClientProxies);

        context.RegisterSourceOutput(proxies, static (output, clients) =>
        {
            foreach (var client in clients.GroupBy(c => c.InterfaceType).Select(group => group.First()))
            {
                output.AddSource(HintName(client.ContainingNamespace, client.ProxyName), ClientProxyEmitter.Emit(client));
            }
        });
    }

    private static string HintName(string containingNamespace, string typeName) =>
        (containingNamespace.Length == 0 ? typeName : containingNamespace + "." + typeName) + ".g.cs";
}
