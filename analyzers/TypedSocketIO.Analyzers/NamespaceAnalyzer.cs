using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSocketIO.Generators;

namespace TypedSocketIO.Analyzers;

/// <summary>
/// Checks every class that is, or looks meant to be, a class-based namespace against the rules
/// of the generator (<c>NamespaceGenerator.Parser</c>), which silently skips what it cannot bind:
/// the declaration (TSIO0001–TSIO0007), its handlers (TSIO0010–TSIO0019, TSIO0050–TSIO0053),
/// its client interface (TSIO0020–TSIO0023) and the JSON types they use (TSIO0040–TSIO0042).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class NamespaceAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NamespaceNotPartial,
        DiagnosticDescriptors.NamespaceNotDerived,
        DiagnosticDescriptors.NamespaceWithoutAttribute,
        DiagnosticDescriptors.InvalidNamespacePath,
        DiagnosticDescriptors.DuplicateNamespacePath,
        DiagnosticDescriptors.NamespaceShape,
        DiagnosticDescriptors.NamespaceNoPublicConstructor,
        DiagnosticDescriptors.ByRefParameter,
        DiagnosticDescriptors.UnbindableType,
        DiagnosticDescriptors.GenericHandler,
        DiagnosticDescriptors.SocketNotFirst,
        DiagnosticDescriptors.CancellationTokenNotLast,
        DiagnosticDescriptors.AsyncVoidHandler,
        DiagnosticDescriptors.DuplicateEvent,
        DiagnosticDescriptors.ReservedEventName,
        DiagnosticDescriptors.HandlerNotDispatched,
        DiagnosticDescriptors.HandlerNameTypo,
        DiagnosticDescriptors.ClientMethodReturnType,
        DiagnosticDescriptors.ClientMemberNotSupported,
        DiagnosticDescriptors.ClientMethodTakesSocket,
        DiagnosticDescriptors.ClientNotInterface,
        DiagnosticDescriptors.NotSerializable,
        DiagnosticDescriptors.NotDeserializable,
        DiagnosticDescriptors.NotInJsonContext,
        DiagnosticDescriptors.ConnectReturnType,
        DiagnosticDescriptors.DisconnectTakesEventArguments,
        DiagnosticDescriptors.DisconnectReturnsValue,
        DiagnosticDescriptors.ConnectTooManyArguments);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.Create(start.Compilation);
            if (symbols is null)
            {
                return; // TypedSocketIO is not referenced: nothing to check
            }

            var state = new CompilationState(symbols, AotSetting.Read(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions));
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, state), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(state.ReportDuplicatePaths);
        });
    }

    /// <summary>What the analysis of one compilation shares between symbol actions.</summary>
    private sealed class CompilationState
    {
        private readonly ConcurrentBag<(string Path, INamedTypeSymbol Type, Location Location)> _paths = new();
        private readonly Lazy<Dictionary<INamedTypeSymbol, INamedTypeSymbol>> _clientInterfaces;

        public CompilationState(KnownSymbols symbols, string? aotProperty)
        {
            Symbols = symbols;
            Json = new JsonRules(symbols, aotProperty);
            _clientInterfaces = new Lazy<Dictionary<INamedTypeSymbol, INamedTypeSymbol>>(FindClientInterfaces, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public KnownSymbols Symbols { get; }

        public JsonRules Json { get; }

        public void AddPath(string path, INamedTypeSymbol type, Location location) => _paths.Add((path, type, location));

        /// <summary>
        /// The client interface whose proxy depends on <paramref name="type"/>: itself when some
        /// namespace class of the compilation derives from <c>Namespace&lt;type&gt;</c>, or one
        /// that inherits it. Found once per compilation, so each interface is checked by its own
        /// symbol action and its diagnostics stay local to its file (and fixable in the IDE).
        /// </summary>
        public INamedTypeSymbol? ClientInterfaceFor(INamedTypeSymbol type) =>
            _clientInterfaces.Value.TryGetValue(type, out var client) ? client : null;

        private Dictionary<INamedTypeSymbol, INamedTypeSymbol> FindClientInterfaces()
        {
            var result = new Dictionary<INamedTypeSymbol, INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var namespaces = Symbols.Compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type)
                .OfType<INamedTypeSymbol>()
                .Where(type => type.TypeKind == TypeKind.Class && Symbols.NamespaceAttributeOf(type) is not null)
                .OrderBy(type => type.ToDisplayString(), StringComparer.Ordinal);
            foreach (var type in namespaces)
            {
                if (Symbols.ClientTypeOf(type) is INamedTypeSymbol { TypeKind: TypeKind.Interface } client)
                {
                    result[client.OriginalDefinition] = client;
                    foreach (var inherited in client.AllInterfaces)
                    {
                        if (!result.ContainsKey(inherited.OriginalDefinition))
                        {
                            result[inherited.OriginalDefinition] = client;
                        }
                    }
                }
            }

            return result;
        }

        public void ReportDuplicatePaths(CompilationAnalysisContext context)
        {
            foreach (var group in _paths.GroupBy(entry => entry.Path, StringComparer.Ordinal))
            {
                var claims = group.OrderBy(entry => entry.Type.ToDisplayString(), StringComparer.Ordinal).ToList();
                if (claims.Count < 2)
                {
                    continue;
                }

                foreach (var claim in claims)
                {
                    var other = claims.First(entry => !SymbolEqualityComparer.Default.Equals(entry.Type, claim.Type));
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.DuplicateNamespacePath, claim.Location, claim.Type.Name, other.Type.Name, claim.Path));
                }
            }
        }
    }

    private static void AnalyzeType(SymbolAnalysisContext context, CompilationState state)
    {
        if (context.Symbol is INamedTypeSymbol { TypeKind: TypeKind.Interface } candidate)
        {
            if (state.ClientInterfaceFor(candidate) is { } clientInterface)
            {
                AnalyzeClientInterface(context, state, candidate, clientInterface);
            }

            return;
        }

        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type)
        {
            return;
        }

        var symbols = state.Symbols;
        var attribute = symbols.NamespaceAttributeOf(type);
        var derives = symbols.DerivesFromNamespace(type);
        if (attribute is null)
        {
            if (derives)
            {
                AnalyzeUnmarkedSubclass(context, state, type);
            }

            return;
        }

        var identifier = type.Locations.FirstOrDefault(location => location.IsInSource) ?? Location.None;
        var cancellationToken = context.CancellationToken;

        var nonPartial = type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(declaration => !declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
        if (nonPartial is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceNotPartial, nonPartial.Identifier.GetLocation(), type.Name));
        }

        var shape = ShapeProblem(type);
        if (shape is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceShape, identifier, type.Name, shape));
        }

        if (!derives)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceNotDerived, identifier, type.Name));
            return; // the generator reads nothing else of a class it cannot serve
        }

        var path = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : "/";
        var pathLocation = PathLocation(attribute, cancellationToken) ?? identifier;
        if (path is null || !path.StartsWith("/", System.StringComparison.Ordinal))
        {
            var shown = path is null ? "null" : "\"" + path + "\"";
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidNamespacePath, pathLocation, shown, type.Name, path ?? ""));
        }
        else
        {
            state.AddPath(path, type, pathLocation);
        }

        if (!type.IsAbstract && !type.InstanceConstructors.Any(constructor => constructor.DeclaredAccessibility == Accessibility.Public))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceNoPublicConstructor, identifier, type.Name));
        }

        var client = symbols.ClientTypeOf(type);
        if (client is not null && client.TypeKind is not (TypeKind.Interface or TypeKind.Error))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClientNotInterface, BaseTypeLocation(type, cancellationToken) ?? identifier, type.Name, client.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        AnalyzeHandlers(context, state, type);
    }

    /// <summary>Why the generator cannot serve the class whatever its members, or null.</summary>
    private static string? ShapeProblem(INamedTypeSymbol type)
    {
        if (type.ContainingType is not null)
        {
            return "nested in '" + type.ContainingType.Name + "'";
        }

        if (type.IsGenericType)
        {
            return "generic";
        }

        if (type.IsAbstract)
        {
            return "abstract";
        }

        return null;
    }

    /// <summary>A Namespace subclass without the attribute: never served (TSIO0003), or an abstract base whose handlers are never read (TSIO0018).</summary>
    private static void AnalyzeUnmarkedSubclass(SymbolAnalysisContext context, CompilationState state, INamedTypeSymbol type)
    {
        if (!type.IsAbstract)
        {
            var identifier = type.Locations.FirstOrDefault(location => location.IsInSource) ?? Location.None;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceWithoutAttribute, identifier, type.Name));
            return;
        }

        foreach (var method in OwnMethods(type, context.CancellationToken))
        {
            var eventName = state.Symbols.EventNameOf(method) ?? EventNames.FromHandlerName(method.Name);
            if (eventName is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.HandlerNotDispatched,
                    method.Locations[0],
                    method.Name,
                    eventName,
                    "it is declared in abstract class '" + type.Name + "', and the generator reads only the methods a [SocketIONamespace] class declares itself; move it to that class"));
            }
        }
    }

    /// <summary>The ordinary methods the user wrote in <paramref name="type"/> (not those the generator added), in declaration order.</summary>
    private static IEnumerable<IMethodSymbol> OwnMethods(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.GetMembers()
            .OfType<IMethodSymbol>()
            .Where(method => method.MethodKind == MethodKind.Ordinary
                && !method.IsImplicitlyDeclared
                && method.Locations.Any(location => location.IsInSource && !GeneratedCode.IsGenerated(location.SourceTree!, cancellationToken)));

    private static Location? PathLocation(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return null;
        }

        return syntax.ArgumentList is { Arguments.Count: > 0 } arguments
            ? arguments.Arguments[0].GetLocation()
            : syntax.GetLocation();
    }

    private static Location? BaseTypeLocation(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { BaseList.Types.Count: > 0 } declaration)
            {
                return declaration.BaseList.Types[0].GetLocation();
            }
        }

        return null;
    }
}
