using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSocketIO.Generators.Binding;

namespace TypedSocketIO.Analyzers;

/// <summary>
/// Reports <c>[Authorize]</c> and <c>[AllowAnonymous]</c> where the generator and the runtime
/// cannot apply them (TSIO0060–TSIO0064): on methods that are no handler, on disconnect handlers,
/// with authentication schemes, under an <c>[AllowAnonymous]</c> class, and on delegates given
/// to the delegate API, which reads no attributes. <see cref="AuthorizationRules"/> decides what
/// applies, for the generator and here alike.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AuthorizationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AuthorizationOnNonHandler,
        DiagnosticDescriptors.AuthorizationOnDisconnect,
        DiagnosticDescriptors.AuthenticationSchemesNotApplied,
        DiagnosticDescriptors.AuthorizationOnDelegate,
        DiagnosticDescriptors.AuthorizeUnderAllowAnonymous);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.Create(start.Compilation) is null
                || start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Authorization.AuthorizeAttribute") is null)
            {
                return; // without TypedSocketIO or ASP.NET Core's authorization there is nothing to misplace
            }

            start.RegisterSymbolAction(AnalyzeNamespaceClass, SymbolKind.NamedType);
            start.RegisterOperationAction(AnalyzeDelegateArgument, OperationKind.Argument);
        });
    }

    private static void AnalyzeNamespaceClass(SymbolAnalysisContext context)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type || !NamespaceRules.DerivesFromNamespace(type, out _))
        {
            return;
        }

        foreach (var attribute in AuthorizationRules.OfClass(type))
        {
            ReportSchemes(context, attribute, type.Name, type);
        }

        var classAllowsAnonymous = AuthorizationRules.ClassAllowsAnonymous(type);
        foreach (var binding in HandlerRules.Classify(type, context.CancellationToken))
        {
            var method = binding.Method;
            if (!SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, type.OriginalDefinition)
                || !AuthorizationRules.HasAny(method))
            {
                continue; // each class reports its own methods; a base class's are reported in its own file
            }

            var descriptor = binding.Role switch
            {
                HandlerRole.None => DiagnosticDescriptors.AuthorizationOnNonHandler,
                HandlerRole.Disconnect or HandlerRole.Disconnecting => DiagnosticDescriptors.AuthorizationOnDisconnect,
                _ => null,
            };
            foreach (var attribute in method.GetAttributes())
            {
                var isAuthorize = AuthorizationRules.IsAuthorize(attribute.AttributeClass);
                if (!isAuthorize && !AuthorizationRules.IsAllowAnonymous(attribute.AttributeClass))
                {
                    continue;
                }

                if (descriptor is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(descriptor, LocationOf(attribute, method), method.Name, ShortName(attribute)));
                }
                else if (isAuthorize && classAllowsAnonymous)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AuthorizeUnderAllowAnonymous, LocationOf(attribute, method), method.Name));
                }
            }

            if (descriptor is null)
            {
                foreach (var attribute in AuthorizationRules.OfMethod(method))
                {
                    ReportSchemes(context, attribute, method.Name, method);
                }
            }
        }
    }

    private static void ReportSchemes(SymbolAnalysisContext context, AuthorizeAttributeInfo attribute, string subject, ISymbol owner)
    {
        if (!string.IsNullOrWhiteSpace(attribute.Schemes))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AuthenticationSchemesNotApplied, LocationOf(attribute.Attribute, owner), subject));
        }
    }

    /// <summary>A lambda or method group with an authorization attribute, passed to a method of <c>ServerNamespace</c>.</summary>
    private static void AnalyzeDelegateArgument(OperationAnalysisContext context)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter?.ContainingSymbol is not IMethodSymbol { ContainingType: { } receiver } target
            || !WellKnown.IsTypedSocketIO(receiver, "ServerNamespace"))
        {
            return;
        }

        var value = argument.Value;
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        IMethodSymbol? handler = value switch
        {
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda.Symbol,
            IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => reference.Method,
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            _ => null,
        };
        var attribute = handler?.GetAttributes().FirstOrDefault(a => AuthorizationRules.IsAuthorize(a.AttributeClass) || AuthorizationRules.IsAllowAnonymous(a.AttributeClass));
        if (attribute is null)
        {
            return;
        }

        var location = handler!.MethodKind == MethodKind.AnonymousFunction ? LocationOf(attribute, handler) : argument.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AuthorizationOnDelegate, location, target.Name, ShortName(attribute)));
    }

    private static Location LocationOf(AttributeData attribute, ISymbol owner) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation()
        ?? owner.Locations.FirstOrDefault(location => location.IsInSource)
        ?? Location.None;

    private static string ShortName(AttributeData attribute)
    {
        var name = attribute.AttributeClass?.Name ?? "Authorize";
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }
}
