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
    /// <summary>
    /// Reports each diagnostic once: a base class's method is classified once for every namespace
    /// deriving from it, and what is true of it in all of them is said once.
    /// </summary>
    private sealed class ReportedDiagnostics(SymbolAnalysisContext context)
    {
        private readonly HashSet<(string Id, Location Location, string Message)> _reported = [];

        public System.Threading.CancellationToken CancellationToken => context.CancellationToken;

        public void Report(Diagnostic diagnostic)
        {
            if (_reported.Add((diagnostic.Id, diagnostic.Location, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture))))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    /// <summary>The diagnostic for one reason the binding rules give, at the part of the declaration it is about.</summary>
    /// <param name="owner">The handler or client member the problem is of.</param>
    /// <param name="consequence">What the generator does about it ("the generator skips the handler", "the generator emits no proxy for 'IClient'").</param>
    /// <param name="handler">The handler's binding, or null for a client member.</param>
    /// <param name="clientInterface">The client interface, for client members.</param>
    private static void ReportProblem(ReportedDiagnostics reported, CompilationState state, BindingProblem problem, ISymbol owner, string consequence, HandlerBinding? handler, INamedTypeSymbol? clientInterface = null)
    {
        var location = LocationOf(problem, owner, reported.CancellationToken);
        var name = owner.Name;
        var parameter = problem.Symbol.Name;
        var eventName = handler?.EventName ?? problem.Detail;
        var returnType = owner is IMethodSymbol method ? method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) : "";
        var diagnostic = problem.Kind switch
        {
            ProblemKind.Static => Diagnostic.Create(DiagnosticDescriptors.HandlerNotDispatched, location, name, eventName, "it is static; make it an instance method"),
            ProblemKind.NotPublic => Diagnostic.Create(
                DiagnosticDescriptors.HandlerNotDispatched,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(MakePublicProperty, "true"),
                name,
                eventName,
                "it is " + problem.Detail + "; make it public"),
            ProblemKind.Generic => Diagnostic.Create(DiagnosticDescriptors.GenericHandler, location, name),
            ProblemKind.ByRef => Diagnostic.Create(DiagnosticDescriptors.ByRefParameter, location, parameter, name, problem.Detail, consequence),
            ProblemKind.Unbindable => Diagnostic.Create(
                DiagnosticDescriptors.UnbindableType, location, What(problem.Role, problem), name, Display(problem.Type!), problem.Detail, consequence),
            ProblemKind.SocketNotFirst => Diagnostic.Create(DiagnosticDescriptors.SocketNotFirst, location, name, parameter, problem.Detail),
            ProblemKind.TokenNotLast => Diagnostic.Create(DiagnosticDescriptors.CancellationTokenNotLast, location, name, parameter, consequence),
            ProblemKind.AsyncVoid => Diagnostic.Create(DiagnosticDescriptors.AsyncVoidHandler, location, name),
            ProblemKind.Duplicate => Diagnostic.Create(DiagnosticDescriptors.DuplicateEvent, location, name, eventName, FirstHandlerName(problem.Related!, owner)),
            ProblemKind.Reserved => Diagnostic.Create(DiagnosticDescriptors.ReservedEventName, location, name, problem.Detail, ReservedConsequence(problem, consequence, handler)),
            ProblemKind.ConnectReturnType => Diagnostic.Create(DiagnosticDescriptors.ConnectReturnType, location, name, returnType),
            ProblemKind.DisconnectTakesArgument => Diagnostic.Create(DiagnosticDescriptors.DisconnectTakesEventArguments, location, name, parameter, eventName),
            ProblemKind.DisconnectReturnsValue => Diagnostic.Create(DiagnosticDescriptors.DisconnectReturnsValue, location, name, returnType, eventName),
            ProblemKind.ConnectTooManyArguments => Diagnostic.Create(DiagnosticDescriptors.ConnectTooManyArguments, location, name, parameter, problem.Related!.Name),
            ProblemKind.ClientMemberNotSupported => Diagnostic.Create(DiagnosticDescriptors.ClientMemberNotSupported, location, name, problem.Detail, clientInterface!.Name),
            ProblemKind.ClientReturnType => Diagnostic.Create(DiagnosticDescriptors.ClientMethodReturnType, location, name, returnType, clientInterface!.Name),
            ProblemKind.ClientTakesSocket => Diagnostic.Create(DiagnosticDescriptors.ClientMethodTakesSocket, location, name, parameter, clientInterface!.Name),
            _ => null, // UnresolvedType: the compiler reports it
        };

        if (diagnostic is not null)
        {
            reported.Report(diagnostic);
        }
    }

    /// <summary>A reserved name through <c>[Event("connect")]</c> says how to handle the lifecycle event instead.</summary>
    private static string ReservedConsequence(BindingProblem problem, string consequence, HandlerBinding? handler) =>
        handler is { HasExplicitName: true } && EventNames.IsLifecycle(problem.Detail!)
            ? consequence + " (to handle " + problem.Detail + ", name the method on_" + problem.Detail + " without [Event])"
            : consequence;

    /// <summary>The handler that won an event: by its name, or qualified by its class when that is another class (a base's handler lost to a derived one, or the reverse).</summary>
    private static string FirstHandlerName(ISymbol first, ISymbol owner) =>
        SymbolEqualityComparer.Default.Equals(first.ContainingType.OriginalDefinition, owner.ContainingType.OriginalDefinition)
            ? first.Name
            : first.ContainingType.Name + "." + first.Name;

    /// <summary>
    /// A value the rules accept: can System.Text.Json handle it (TSIO0040, TSIO0041), and, under
    /// AOT or trimming, does a JsonSerializerContext cover it (TSIO0042).
    /// </summary>
    private static void CheckJson(ReportedDiagnostics reported, CompilationState state, BoundValue value, ISymbol owner)
    {
        var type = value.Type;
        var location = value.Parameter is { } parameter
            ? ParameterLocation(parameter, owner)
            : ReturnTypeLocation(owner, reported.CancellationToken);
        var what = What(value.Role, value);
        var display = Display(type);
        var json = state.Json;
        if (json.FindUnsupported(type) is { } unsupported)
        {
            reported.Report(Diagnostic.Create(DiagnosticDescriptors.NotSerializable, location, what, owner.Name, display, unsupported));
            return;
        }

        if (value.Use != ValueUse.Write && json.FindNotCreatable(type) is { } notCreatable)
        {
            var kind = SymbolEqualityComparer.Default.Equals(notCreatable.Type, type)
                ? notCreatable.Kind
                : "whose element type '" + notCreatable.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' is " + notCreatable.Kind;
            reported.Report(Diagnostic.Create(DiagnosticDescriptors.NotDeserializable, location, what, owner.Name, display, kind));
            return;
        }

        if (json.AotProperty is null)
        {
            return;
        }

        var direct = value.Use == ValueUse.ReadAuth ? json.IsJsonElement(type) : json.IsDirect(type);
        if (direct || json.IsCovered(type))
        {
            return;
        }

        var contexts = json.Contexts;
        var where = contexts.Length switch
        {
            0 => "a JsonSerializerContext (declare one and add it to the server's JSON options)",
            1 => "'" + contexts[0].Name + "'",
            _ => "one of " + string.Join(", ", contexts.Select(c => "'" + c.Name + "'")),
        };
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(TypeNameProperty, JsonRules.Normalize(type).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
        reported.Report(Diagnostic.Create(
            DiagnosticDescriptors.NotInJsonContext, location, properties, display, what, owner.Name, json.AotProperty, where));
    }

    private static string Display(ITypeSymbol type) => JsonRules.Normalize(type).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>How a message names the value: "parameter 'text'", "return value", "tuple element 'Item1'"...</summary>
    private static string What(ValueRole role, BindingProblem problem) =>
        What(role, problem.Site == ProblemSite.Parameter ? problem.Symbol.Name : problem.Related?.Name);

    private static string What(ValueRole role, BoundValue value) => What(role, value.Name);

    private static string What(ValueRole role, string? name) => role switch
    {
        ValueRole.Argument => "parameter '" + name + "'",
        ValueRole.Auth => "auth parameter '" + name + "'",
        ValueRole.TupleElement => "tuple element '" + name + "'",
        ValueRole.Result => "return value",
        _ => "acknowledgement",
    };

    private static Location LocationOf(BindingProblem problem, ISymbol owner, System.Threading.CancellationToken cancellationToken) => problem.Site switch
    {
        ProblemSite.Parameter => ParameterLocation((IParameterSymbol)problem.Symbol, owner),
        ProblemSite.ReturnType => ReturnTypeLocation(owner, cancellationToken),
        ProblemSite.EventAttribute => EventAttributeLocation(owner, cancellationToken),
        _ => owner.Locations[0],
    };

    private static Location ParameterLocation(IParameterSymbol parameter, ISymbol owner) =>
        parameter.Locations.FirstOrDefault(location => location.IsInSource) ?? owner.Locations[0];

    private static Location ReturnTypeLocation(ISymbol owner, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in owner.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                return declaration.ReturnType.GetLocation();
            }
        }

        return owner.Locations[0];
    }

    private static Location EventAttributeLocation(ISymbol owner, System.Threading.CancellationToken cancellationToken) =>
        owner is IMethodSymbol method
            && WellKnown.EventAttributeOf(method)?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
            ? syntax.ArgumentList.Arguments[0].GetLocation()
            : owner.Locations[0];
}
