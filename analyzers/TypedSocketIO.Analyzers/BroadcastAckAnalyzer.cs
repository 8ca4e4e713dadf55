using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSocketIO.Generators.Binding;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Analyzers;

/// <summary>
/// TSIO0030: a client method that waits for one answer (<c>ValueTask&lt;T&gt;</c>, T not
/// <c>IReadOnlyList&lt;U&gt;</c>) called on a broadcast (<c>All</c>, <c>To(room)</c>,
/// <c>Except(...)</c>, or any chain through them). The generated proxy's <c>EmitTarget</c>
/// throws <c>InvalidOperationException</c> for it at run time, whatever the timeout; only
/// <c>Client(socket)</c> (and <c>Timeout</c>/<c>Volatile</c>/<c>Local</c> on it) targets one socket.
/// A proxy's operators are known by their shape, not their names: they return the proxy itself,
/// and step aside (<c>LocalOperator</c>) when the client interface declares an event of their name.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BroadcastAckAnalyzer : DiagnosticAnalyzer
{
    private const string GeneratorName = "TypedSocketIO.Generators";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.SingleAckOnBroadcast);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.Create(start.Compilation);
            if (symbols is null || symbols.GeneratedCodeAttribute is null)
            {
                return;
            }

            start.RegisterOperationAction(operationContext => AnalyzeInvocation(operationContext, symbols), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.IsStatic || invocation.Instance is null || !IsGeneratedProxy(method.ContainingType, symbols))
        {
            return;
        }

        if (Returns.Classify(method, out var answer) is not (ReturnKind.TaskOfValue or ReturnKind.ValueTaskOfValue) || answer is null
            || (answer is INamedTypeSymbol list && symbols.Is(list, symbols.ReadOnlyListOfT)))
        {
            return;
        }

        var broadcast = BroadcastOperator(invocation.Instance, symbols);
        if (broadcast is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.SingleAckOnBroadcast,
            invocation.Syntax.GetLocation(),
            method.Name,
            broadcast,
            answer.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
    }

    /// <summary>
    /// Follows the receiver back to where the proxy came from: the broadcast operator that made
    /// it a broadcast ("All", "To(...)", "Except(...)"), or null for one socket or anything the
    /// syntax does not show (a local, a field, a parameter).
    /// </summary>
    private static string? BroadcastOperator(IOperation receiver, KnownSymbols symbols)
    {
        for (var current = receiver; current is not null;)
        {
            switch (current)
            {
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    break;
                case IPropertyReferenceOperation property:
                    if (property.Property.Name == "All" && IsNamespace(property.Property.ContainingType))
                    {
                        return "All";
                    }

                    if (IsOperator(property.Property.ContainingType, property.Property.Type, symbols))
                    {
                        current = property.Instance; // Volatile, Local: the selection stays what it was
                        break;
                    }

                    return null;
                case IInvocationOperation call:
                    var target = call.TargetMethod;
                    if (IsNamespace(target.ContainingType))
                    {
                        // The namespace's own To(room), Except(...) broadcast; Client(socket) is one socket.
                        return target.Name is "To" or "Except" ? target.Name + "(...)" : null;
                    }

                    if (!IsOperator(target.ContainingType, target.ReturnType, symbols))
                    {
                        return null;
                    }

                    // A proxy's operator: Timeout(TimeSpan) keeps the selection, the others (To, Except) make it a broadcast.
                    if (target.Parameters is [{ Type: { Name: "TimeSpan" } timeSpan }] && WellKnown.IsIn(timeSpan, "System"))
                    {
                        current = call.Instance;
                        break;
                    }

                    return target.Name + "(...)";
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool IsNamespace(INamedTypeSymbol? type) =>
        type is not null && NamespaceRules.DerivesFromNamespace(type, out _);

    /// <summary>A member of a generated proxy that returns the proxy itself: one of its operators.</summary>
    private static bool IsOperator(INamedTypeSymbol? owner, ITypeSymbol returned, KnownSymbols symbols) =>
        IsGeneratedProxy(owner, symbols) && SymbolEqualityComparer.Default.Equals(owner, returned);

    /// <summary>A proxy class the TypedSocketIO generator wrote for a client interface.</summary>
    private static bool IsGeneratedProxy(INamedTypeSymbol? type, KnownSymbols symbols) =>
        type is { TypeKind: TypeKind.Class }
        && type.Interfaces.Length > 0
        && type.GetAttributes().Any(attribute =>
            SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.GeneratedCodeAttribute)
            && attribute.ConstructorArguments.Length > 0
            && attribute.ConstructorArguments[0].Value is GeneratorName);
}
