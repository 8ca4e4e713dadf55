using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSocketIO.Generators;

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
    /// Walks the methods of a [SocketIONamespace] class in declaration order, exactly as the
    /// generator's parser does, and says why each one it would skip is skipped.
    /// </summary>
    private static void AnalyzeHandlers(SymbolAnalysisContext context, CompilationState state, INamedTypeSymbol type)
    {
        var symbols = state.Symbols;
        var handled = new Dictionary<string, IMethodSymbol>(System.StringComparer.Ordinal);
        var lifecycle = new Dictionary<string, IMethodSymbol>(System.StringComparer.Ordinal);
        foreach (var method in OwnMethods(type, context.CancellationToken))
        {
            var explicitName = symbols.EventNameOf(method);
            var eventName = explicitName ?? EventNames.FromHandlerName(method.Name);
            if (eventName is null)
            {
                CheckNameTypo(context, method);
                continue;
            }

            if (method.IsStatic || method.DeclaredAccessibility != Accessibility.Public)
            {
                var reason = method.IsStatic
                    ? "it is static; make it an instance method"
                    : "it is " + AccessibilityText(method.DeclaredAccessibility) + "; make it public";
                var properties = method.IsStatic
                    ? ImmutableDictionary<string, string?>.Empty
                    : ImmutableDictionary<string, string?>.Empty.Add(MakePublicProperty, "true");
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HandlerNotDispatched, method.Locations[0], properties, method.Name, eventName, reason));
                continue;
            }

            if (method.IsGenericMethod)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GenericHandler, method.Locations[0], method.Name));
                continue;
            }

            if (explicitName is null && EventNames.IsLifecycle(eventName))
            {
                if (lifecycle.TryGetValue(eventName, out var first))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateEvent, method.Locations[0], method.Name, eventName, first.Name));
                }
                else
                {
                    lifecycle.Add(eventName, method);
                    AnalyzeLifecycle(context, state, method, eventName);
                }

                continue;
            }

            if (EventNames.IsReserved(eventName))
            {
                var consequence = explicitName is not null && EventNames.IsLifecycle(eventName)
                    ? SkipsHandler + " (to handle " + eventName + ", name the method on_" + eventName + " without [Event])"
                    : SkipsHandler;
                var location = explicitName is not null ? EventAttributeLocation(method, symbols, context.CancellationToken) : method.Locations[0];
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReservedEventName, location, method.Name, eventName, consequence));
                continue;
            }

            if (handled.TryGetValue(eventName, out var earlier))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateEvent, method.Locations[0], method.Name, eventName, earlier.Name));
                continue;
            }

            handled.Add(eventName, method);
            AnalyzeHandler(context, state, method);
        }
    }

    private static void AnalyzeHandler(SymbolAnalysisContext context, CompilationState state, IMethodSymbol method)
    {
        var symbols = state.Symbols;
        var parameters = method.Parameters;
        var socketSeen = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var location = LocationOf(parameter, method);
            if (RefKindText(parameter) is { } refKind)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ByRefParameter, location, parameter.Name, method.Name, refKind, SkipsHandler));
                continue;
            }

            if (symbols.IsSocket(parameter.Type))
            {
                if (i != 0)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SocketNotFirst, location, method.Name, parameter.Name, socketSeen ? "a second time" : "after other parameters"));
                }

                socketSeen = true;
                continue;
            }

            if (symbols.IsCancellationToken(parameter.Type))
            {
                if (i != parameters.Length - 1)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CancellationTokenNotLast, location, method.Name, parameter.Name, SkipsHandler));
                }

                continue;
            }

            CheckValue(context, state, parameter.Type, "parameter '" + parameter.Name + "'", method, SkipsHandler, ValueUse.Read, location);
        }

        if (ValueReturned(context, symbols, method) is not { } result)
        {
            return;
        }

        var returnLocation = ReturnTypeLocation(method, context);
        if (result is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            foreach (var element in tuple.TupleElements)
            {
                CheckValue(context, state, element.Type, "tuple element '" + element.Name + "'", method, SkipsHandler, ValueUse.Write, returnLocation);
            }
        }
        else
        {
            CheckValue(context, state, result, "return value", method, SkipsHandler, ValueUse.Write, returnLocation);
        }
    }

    /// <summary>on_connect, on_disconnecting, on_disconnect: the generator's <c>ParseLifecycle</c>.</summary>
    private static void AnalyzeLifecycle(SymbolAnalysisContext context, CompilationState state, IMethodSymbol method, string eventName)
    {
        var symbols = state.Symbols;
        var isConnect = eventName == "connect";
        var parameters = method.Parameters;
        var socketSeen = false;
        var reasonSeen = false;
        IParameterSymbol? auth = null;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var location = LocationOf(parameter, method);
            if (RefKindText(parameter) is { } refKind)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ByRefParameter, location, parameter.Name, method.Name, refKind, SkipsHandler));
                continue;
            }

            if (symbols.IsSocket(parameter.Type) && !socketSeen && i == 0)
            {
                socketSeen = true;
            }
            else if (symbols.IsSocket(parameter.Type))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SocketNotFirst, location, method.Name, parameter.Name, socketSeen ? "a second time" : "after other parameters"));
            }
            else if (symbols.IsCancellationToken(parameter.Type))
            {
                if (i != parameters.Length - 1)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CancellationTokenNotLast, location, method.Name, parameter.Name, SkipsHandler));
                }
            }
            else if (!isConnect && symbols.Is(parameter.Type, symbols.DisconnectReason) && !reasonSeen)
            {
                reasonSeen = true;
            }
            else if (!isConnect)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DisconnectTakesEventArguments, location, method.Name, parameter.Name, eventName));
            }
            else if (auth is null)
            {
                auth = parameter;
                CheckValue(context, state, parameter.Type, "auth parameter '" + parameter.Name + "'", method, SkipsHandler, ValueUse.ReadAuth, location);
            }
            else
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConnectTooManyArguments, location, method.Name, parameter.Name, auth.Name));
            }
        }

        if (ValueReturned(context, symbols, method) is not { } result)
        {
            return;
        }

        var returnType = method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (isConnect && result.SpecialType != SpecialType.System_Boolean)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConnectReturnType, ReturnTypeLocation(method, context), method.Name, returnType));
        }
        else if (!isConnect)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DisconnectReturnsValue, ReturnTypeLocation(method, context), method.Name, returnType, eventName));
        }
    }

    /// <summary>
    /// A public method whose name is almost a handler name: <c>onmessage</c>, <c>onMessage</c>,
    /// <c>On_message</c>, <c>ON_message</c>. python-socketio users lose hours to these.
    /// </summary>
    /// <summary>
    /// The value a handler's return sends back as the ack (the T of a task), or null when it
    /// returns none; an async void handler is reported (TSIO0015) and gives null.
    /// </summary>
    private static ITypeSymbol? ValueReturned(SymbolAnalysisContext context, KnownSymbols symbols, IMethodSymbol method)
    {
        if (method.ReturnsVoid && method.IsAsync)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AsyncVoidHandler, ReturnTypeLocation(method, context), method.Name));
            return null;
        }

        symbols.ShapeOfReturn(method, out var result);
        return result;
    }

    private static void CheckNameTypo(SymbolAnalysisContext context, IMethodSymbol method)
    {
        if (method.IsStatic || method.DeclaredAccessibility != Accessibility.Public || SuggestHandlerName(method.Name) is not { } suggestion)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(SuggestedNameProperty, suggestion);
        context.ReportDiagnostic(Diagnostic.Create(
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

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.Internal => "internal",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "not public",
    };

    private static string? RefKindText(IParameterSymbol parameter)
    {
        if (parameter.IsParams)
        {
            return "params";
        }

        return parameter.RefKind switch
        {
            RefKind.Ref => "ref",
            RefKind.Out => "out",
            RefKind.In => "in",
            RefKind.RefReadOnlyParameter => "ref readonly",
            _ => null,
        };
    }

    private static Location LocationOf(IParameterSymbol parameter, IMethodSymbol method) =>
        parameter.Locations.FirstOrDefault(location => location.IsInSource) ?? method.Locations[0];

    private static Location ReturnTypeLocation(IMethodSymbol method, SymbolAnalysisContext context)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is MethodDeclarationSyntax declaration)
            {
                return declaration.ReturnType.GetLocation();
            }
        }

        return method.Locations[0];
    }

    private static Location EventAttributeLocation(IMethodSymbol method, KnownSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.EventAttribute)
                && attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax)
            {
                return syntax.ArgumentList.Arguments[0].GetLocation();
            }
        }

        return method.Locations[0];
    }
}
