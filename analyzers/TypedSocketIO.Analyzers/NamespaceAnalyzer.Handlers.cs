using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSocketIO.Generators;
using TypedSocketIO.Generators.Binding;

namespace TypedSocketIO.Analyzers;

public sealed partial class NamespaceAnalyzer
{
    private const string SkipsHandler = "the generator skips the handler";

    /// <summary>Property of TSIO0019: the name the code fix renames the method to.</summary>
    internal const string SuggestedNameProperty = "SuggestedName";

    /// <summary>Property of TSIO0018: present when making the method public is the fix.</summary>
    internal const string MakePublicProperty = "MakePublic";

    /// <summary>Property of TSIO0042: the type to add, fully qualified.</summary>
    internal const string TypeNameProperty = "TypeName";

    /// <summary>
    /// Reports, for the methods <paramref name="type"/> declares, the reasons the binding rules
    /// give for each one the generator leaves out of the dispatchers that read it (its own, and
    /// those of the namespaces deriving from it: base-class handlers are dispatched), the JSON
    /// problems of what they accept, and the names that look like a handler's but follow no rule.
    /// </summary>
    private static void AnalyzeHandlers(SymbolAnalysisContext context, CompilationState state, INamedTypeSymbol type)
    {
        // A base class no namespace of this compilation derives from (a library's) is read as one would read it.
        var reported = new ReportedDiagnostics(context);
        var servedBy = state.NamespacesServing(type);
        foreach (var served in servedBy.Count > 0 ? servedBy : [type])
        {
            foreach (var binding in HandlerRules.Classify(served, context.CancellationToken))
            {
                var method = binding.Method;
                if (!SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, type.OriginalDefinition)
                    || !IsUserCode(method, context.CancellationToken))
                {
                    continue;
                }

                if (binding.Role == HandlerRole.None)
                {
                    CheckNameTypo(reported, method);
                    continue;
                }

                foreach (var problem in binding.Problems)
                {
                    ReportProblem(reported, state, problem, method, SkipsHandler, binding);
                }

                foreach (var value in binding.Values)
                {
                    CheckJson(reported, state, value, method);
                }
            }
        }
    }

    /// <summary>Whether the user wrote the method (not the generator, not the compiler), where a diagnostic can point.</summary>
    private static bool IsUserCode(ISymbol member, System.Threading.CancellationToken cancellationToken) =>
        !member.IsImplicitlyDeclared
        && member.Locations.Any(location => location.IsInSource && !GeneratedCode.IsGenerated(location.SourceTree!, cancellationToken));

    /// <summary>
    /// A public method whose name is almost a handler name: <c>onmessage</c>, <c>onMessage</c>,
    /// <c>On_message</c>, <c>ON_message</c>. python-socketio users lose hours to these.
    /// </summary>
    private static void CheckNameTypo(ReportedDiagnostics reported, IMethodSymbol method)
    {
        if (method.IsStatic || method.DeclaredAccessibility != Accessibility.Public || SuggestHandlerName(method.Name) is not { } suggestion)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(SuggestedNameProperty, suggestion);
        reported.Report(Diagnostic.Create(
            DiagnosticDescriptors.HandlerNameTypo, method.Locations[0], properties, method.Name, suggestion, EventNames.FromHandlerName(suggestion)));
    }

    /// <summary>The on_ name a typo-shaped method name was probably meant to have, or null when it does not look like a handler.</summary>
    internal static string? SuggestHandlerName(string name)
    {
        string rest;
        if (name.StartsWith("on", System.StringComparison.Ordinal) && name.Length > 2 && name[2] != '_')
        {
            rest = name.Substring(2); // onmessage, onMessage
        }
        else if (name.Length > 3 && name[2] == '_' && (name.StartsWith("On", System.StringComparison.Ordinal) || name.StartsWith("ON", System.StringComparison.Ordinal) || name.StartsWith("oN", System.StringComparison.Ordinal)))
        {
            rest = name.Substring(3); // On_message, ON_message
        }
        else
        {
            return null;
        }

        rest = rest.TrimStart('_');
        if (rest.Length == 0)
        {
            return null;
        }

        // The event is what the On<Event> rule would give: the rest in camelCase.
        var eventName = char.IsUpper(rest[0]) ? char.ToLowerInvariant(rest[0]) + rest.Substring(1) : rest;
        return EventNames.IsLifecycle(eventName) || !EventNames.IsReserved(eventName) ? "on_" + eventName : null;
    }
}
