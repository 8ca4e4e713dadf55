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
using TypedSocketIO.Generators.Binding;

namespace TypedSocketIO.Analyzers;

/// <summary>
/// Checks every class that is, or looks meant to be, a class-based namespace against the rules
/// the generator binds by (<see cref="NamespaceRules"/>, <see cref="HandlerRules"/>,
/// <see cref="ClientRules"/>, compiled into both), and reports the reason those rules give for
/// everything the generator silently leaves out: the declaration (TSIO0001–TSIO0007), its
/// handlers (TSIO0010–TSIO0019, TSIO0050–TSIO0053), its client interface (TSIO0020–TSIO0023);
/// and, of what they accept, the JSON types System.Text.Json cannot handle (TSIO0040–TSIO0042).
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
        private readonly Lazy<List<INamedTypeSymbol>> _namespaces;
        private readonly Lazy<Dictionary<INamedTypeSymbol, INamedTypeSymbol>> _clientInterfaces;
        private readonly Lazy<Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>> _servedBy;

        public CompilationState(KnownSymbols symbols, string? aotProperty)
        {
            Symbols = symbols;
            Json = new JsonRules(symbols, aotProperty);
            _namespaces = new Lazy<List<INamedTypeSymbol>>(FindNamespaces, LazyThreadSafetyMode.ExecutionAndPublication);
            _clientInterfaces = new Lazy<Dictionary<INamedTypeSymbol, INamedTypeSymbol>>(FindClientInterfaces, LazyThreadSafetyMode.ExecutionAndPublication);
            _servedBy = new Lazy<Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>>(FindServingNamespaces, LazyThreadSafetyMode.ExecutionAndPublication);
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

        /// <summary>
        /// The [SocketIONamespace] classes whose dispatcher reads the methods of <paramref name="type"/>:
        /// itself when it is one, and every one that derives from it (the generator dispatches
        /// handlers a base class declares). Each type reports the problems of its own methods, so
        /// a base class's are reported once, in its file, however many namespaces derive from it.
        /// </summary>
        public IReadOnlyList<INamedTypeSymbol> NamespacesServing(INamedTypeSymbol type) =>
            _servedBy.Value.TryGetValue(type.OriginalDefinition, out var namespaces) ? namespaces : [];

        /// <summary>The [SocketIONamespace] classes of the compilation that derive from Namespace, by name.</summary>
        private List<INamedTypeSymbol> FindNamespaces() =>
            Symbols.Compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type)
                .OfType<INamedTypeSymbol>()
                .Where(type => type.TypeKind == TypeKind.Class && Symbols.NamespaceAttributeOf(type) is not null && NamespaceRules.DerivesFromNamespace(type, out _))
                .OrderBy(type => type.ToDisplayString(), StringComparer.Ordinal)
                .ToList();

        private Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> FindServingNamespaces()
        {
            var result = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            foreach (var type in _namespaces.Value)
            {
                for (INamedTypeSymbol? current = type; current is not null && !WellKnown.IsNamespaceBase(current); current = current.BaseType)
                {
                    if (!result.TryGetValue(current.OriginalDefinition, out var serving))
                    {
                        result[current.OriginalDefinition] = serving = [];
                    }

                    serving.Add(type);
                }
            }

            return result;
        }

        private Dictionary<INamedTypeSymbol, INamedTypeSymbol> FindClientInterfaces()
        {
            var result = new Dictionary<INamedTypeSymbol, INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var type in _namespaces.Value)
            {
                if (NamespaceRules.DerivesFromNamespace(type, out var clientType) && clientType is INamedTypeSymbol { TypeKind: TypeKind.Interface } client)
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
        var derives = NamespaceRules.DerivesFromNamespace(type, out var clientType);
        if (attribute is null)
        {
            if (derives && !type.IsAbstract)
            {
                var location = type.Locations.FirstOrDefault(location => location.IsInSource) ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceWithoutAttribute, location, type.Name));
            }

            if (derives)
            {
                AnalyzeHandlers(context, state, type); // as the namespaces deriving from it dispatch them
            }

            return;
        }

        var identifier = type.Locations.FirstOrDefault(location => location.IsInSource) ?? Location.None;
        var cancellationToken = context.CancellationToken;

        if (NamespaceRules.NonPartialDeclaration(type, cancellationToken) is { } nonPartial)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceNotPartial, nonPartial.Identifier.GetLocation(), type.Name));
        }

        if (NamespaceRules.ShapeProblem(type) is { } shape)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceShape, identifier, type.Name, shape));
        }

        if (!derives)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceNotDerived, identifier, type.Name));
            return; // the generator reads nothing else of a class it cannot serve
        }

        var path = NamespaceRules.PathOf(attribute);
        var pathLocation = PathLocation(attribute, cancellationToken) ?? identifier;
        if (!NamespaceRules.IsValidPath(path))
        {
            var shown = path is null ? "null" : "\"" + path + "\"";
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidNamespacePath, pathLocation, shown, type.Name, path ?? ""));
        }
        else
        {
            state.AddPath(path!, type, pathLocation);
        }

        if (!type.IsAbstract && NamespaceRules.FactoryConstructor(type) is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NamespaceNoPublicConstructor, identifier, type.Name));
        }

        if (clientType is not null && clientType.TypeKind is not (TypeKind.Interface or TypeKind.Error))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClientNotInterface, BaseTypeLocation(type, cancellationToken) ?? identifier, type.Name, clientType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        AnalyzeHandlers(context, state, type);
    }

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
