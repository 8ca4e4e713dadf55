using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSocketIO.Generators;

namespace TypedSocketIO.Analyzers;

/// <summary>Which way a value travels, which decides what System.Text.Json must do with it.</summary>
internal enum ValueUse
{
    /// <summary>The server reads it from the client's JSON (a handler argument, an acknowledgement the client sends back).</summary>
    Read,

    /// <summary>The CONNECT auth: read through a JsonTypeInfo whatever its type, primitives included.</summary>
    ReadAuth,

    /// <summary>The server writes it (an acknowledgement a handler returns, an argument of a client method).</summary>
    Write,
}

public sealed partial class NamespaceAnalyzer
{
    /// <summary>
    /// A client interface (or one it inherits) as the generator's <c>ParseClient</c> reads it:
    /// one member it cannot implement and the whole proxy (All, To, Except, Client) is gone.
    /// </summary>
    /// <param name="declaring">The interface whose own members are checked.</param>
    /// <param name="clientInterface">The client interface of a namespace that inherits <paramref name="declaring"/> (or is it).</param>
    private static void AnalyzeClientInterface(SymbolAnalysisContext context, CompilationState state, INamedTypeSymbol declaring, INamedTypeSymbol clientInterface)
    {
        var noProxy = "the generator emits no proxy for '" + clientInterface.Name + "'";
        foreach (var member in declaring.GetMembers())
        {
            if (!member.Locations.Any(location => location.IsInSource))
            {
                continue;
            }

            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                var kind = member switch
                {
                    IPropertySymbol => "a property",
                    IEventSymbol => "an event",
                    _ => null, // accessors, nested types
                };
                if (kind is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClientMemberNotSupported, member.Locations[0], member.Name, kind, clientInterface.Name));
                }

                continue;
            }

            if (method.IsStatic || method.IsGenericMethod)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClientMemberNotSupported, method.Locations[0], method.Name, method.IsStatic ? "a static method" : "a generic method", clientInterface.Name));
                continue;
            }

            AnalyzeClientMethod(context, state, method, clientInterface, noProxy);
        }
    }

    private static void AnalyzeClientMethod(SymbolAnalysisContext context, CompilationState state, IMethodSymbol method, INamedTypeSymbol clientInterface, string noProxy)
    {
        var symbols = state.Symbols;
        var parameters = method.Parameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var location = LocationOf(parameter, method);
            if (RefKindText(parameter) is { } refKind)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ByRefParameter, location, parameter.Name, method.Name, refKind, noProxy));
            }
            else if (symbols.IsSocket(parameter.Type))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClientMethodTakesSocket, location, method.Name, parameter.Name, clientInterface.Name));
            }
            else if (symbols.IsCancellationToken(parameter.Type))
            {
                if (i != parameters.Length - 1)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CancellationTokenNotLast, location, method.Name, parameter.Name, noProxy));
                }
            }
            else
            {
                CheckValue(context, state, parameter.Type, "parameter '" + parameter.Name + "'", method, noProxy, ValueUse.Write, location);
            }
        }

        var shape = symbols.ShapeOfReturn(method, out var result);
        var returnLocation = ReturnTypeLocation(method, context);
        if (shape is TaskShape.Void or TaskShape.Value)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ClientMethodReturnType, returnLocation,
                method.Name, method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), clientInterface.Name));
        }
        else if (result is not null)
        {
            var answer = result is INamedTypeSymbol { TypeArguments.Length: 1 } list && symbols.Is(list, symbols.ReadOnlyListOfT)
                ? list.TypeArguments[0]
                : result;
            CheckValue(context, state, answer, "acknowledgement", method, noProxy, ValueUse.Read, returnLocation);
        }

        var eventName = symbols.EventNameOf(method) ?? EventNames.FromClientMethodName(method.Name);
        if (EventNames.IsReserved(eventName))
        {
            var location = symbols.EventNameOf(method) is not null ? EventAttributeLocation(method, symbols, context.CancellationToken) : method.Locations[0];
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReservedEventName, location, method.Name, eventName, noProxy));
        }
    }

    /// <summary>
    /// One event argument or acknowledgement: can the generator bind it (TSIO0011), can
    /// System.Text.Json handle it (TSIO0040, TSIO0041), and, under AOT or trimming, does a
    /// JsonSerializerContext cover it (TSIO0042).
    /// </summary>
    private static void CheckValue(SymbolAnalysisContext context, CompilationState state, ITypeSymbol type, string what, IMethodSymbol method, string consequence, ValueUse use, Location location)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            return; // the compiler already reports it
        }

        var display = JsonRules.Normalize(type).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (JsonRules.UnbindableReason(type) is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnbindableType, location, what, method.Name, display, reason, consequence));
            return;
        }

        var json = state.Json;
        if (json.FindUnsupported(type) is { } unsupported)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotSerializable, location, what, method.Name, display, unsupported));
            return;
        }

        if (use != ValueUse.Write && json.FindNotCreatable(type) is { } notCreatable)
        {
            var kind = SymbolEqualityComparer.Default.Equals(notCreatable.Type, type)
                ? notCreatable.Kind
                : "whose element type '" + notCreatable.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' is " + notCreatable.Kind;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotDeserializable, location, what, method.Name, display, kind));
            return;
        }

        if (json.AotProperty is null)
        {
            return;
        }

        var direct = use == ValueUse.ReadAuth ? json.IsJsonElement(type) : json.IsDirect(type);
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
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.NotInJsonContext, location, properties, display, what, method.Name, json.AotProperty, where));
    }
}
