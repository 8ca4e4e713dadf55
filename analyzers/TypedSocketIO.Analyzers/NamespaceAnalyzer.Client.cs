using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSocketIO.Generators.Binding;

namespace TypedSocketIO.Analyzers;

public sealed partial class NamespaceAnalyzer
{
    /// <summary>
    /// A client interface (or one it inherits) as <see cref="ClientRules"/> read it for the
    /// generator: one member it cannot implement and the whole proxy (All, To, Except, Client) is gone.
    /// </summary>
    /// <param name="declaring">The interface whose own members are checked.</param>
    /// <param name="clientInterface">The client interface of a namespace that inherits <paramref name="declaring"/> (or is it).</param>
    private static void AnalyzeClientInterface(SymbolAnalysisContext context, CompilationState state, INamedTypeSymbol declaring, INamedTypeSymbol clientInterface)
    {
        var reported = new ReportedDiagnostics(context);
        var noProxy = "the generator emits no proxy for '" + clientInterface.Name + "'";
        foreach (var binding in ClientRules.Classify(clientInterface, context.CancellationToken))
        {
            var member = binding.Member;
            if (!SymbolEqualityComparer.Default.Equals(member.ContainingType.OriginalDefinition, declaring.OriginalDefinition)
                || !member.Locations.Any(location => location.IsInSource))
            {
                continue;
            }

            foreach (var problem in binding.Problems)
            {
                ReportProblem(reported, state, problem, member, noProxy, handler: null, clientInterface);
            }

            foreach (var value in binding.Values)
            {
                CheckJson(reported, state, value, member);
            }
        }
    }
}
