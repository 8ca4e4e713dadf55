using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace TypedSocketIO.Analyzers;

/// <summary>
/// TSIO0042: adds <c>[JsonSerializable(typeof(T))]</c> to a JsonSerializerContext of the
/// project, one action per context declared in source.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddJsonSerializableCodeFix)), Shared]
public sealed class AddJsonSerializableCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.NotInJsonContext.Id);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var compilation = await context.Document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
        var contextBase = compilation?.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
        if (compilation is null || contextBase is null)
        {
            return;
        }

        var contexts = compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type, context.CancellationToken)
            .OfType<INamedTypeSymbol>()
            .Where(type => type.TypeKind == TypeKind.Class && DerivesFrom(type, contextBase))
            .OrderBy(type => type.Name, System.StringComparer.Ordinal)
            .ToList();

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(NamespaceAnalyzer.TypeNameProperty, out var typeName) || typeName is null)
            {
                continue;
            }

            foreach (var jsonContext in contexts)
            {
                var reference = jsonContext.DeclaringSyntaxReferences.FirstOrDefault();
                var document = reference is null ? null : context.Document.Project.Solution.GetDocument(reference.SyntaxTree);
                if (document is null)
                {
                    continue;
                }

                var shownType = typeName.Replace("global::", "");
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Add [JsonSerializable(typeof(" + shownType + "))] to '" + jsonContext.Name + "'",
                        cancellationToken => AddAttributeAsync(document, reference!, typeName, cancellationToken),
                        equivalenceKey: nameof(AddJsonSerializableCodeFix) + "." + jsonContext.ToDisplayString()),
                    diagnostic);
            }
        }
    }

    private static async Task<Solution> AddAttributeAsync(Document document, SyntaxReference reference, string typeName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var declaration = await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) as ClassDeclarationSyntax;
        if (root is null || declaration is null)
        {
            return document.Project.Solution;
        }

        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.ParseName("global::System.Text.Json.Serialization.JsonSerializable"),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.AttributeArgument(SyntaxFactory.TypeOfExpression(SyntaxFactory.ParseTypeName(typeName))))));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        var endOfLine = root.DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        if (endOfLine == default)
        {
            endOfLine = SyntaxFactory.ElasticCarriageReturnLineFeed;
        }

        ClassDeclarationSyntax updated;
        if (declaration.AttributeLists.Count == 0)
        {
            // [JsonSerializable(...)] takes the class's leading trivia (blank lines, comments);
            // the class keeps its indentation on the next line.
            var leading = declaration.GetLeadingTrivia();
            var indentation = IndentationOf(leading);
            updated = declaration.WithoutLeadingTrivia();
            var firstToken = updated.GetFirstToken();
            updated = updated
                .ReplaceToken(firstToken, firstToken.WithLeadingTrivia(indentation))
                .WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine)));
        }
        else
        {
            // Under the last attribute list, at its indentation.
            var last = declaration.AttributeLists.Last();
            updated = declaration.WithAttributeLists(declaration.AttributeLists.Add(
                list.WithLeadingTrivia(IndentationOf(last.GetLeadingTrivia())).WithTrailingTrivia(last.GetTrailingTrivia())));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated)).Project.Solution;
    }

    /// <summary>The whitespace after the last line break: the indentation of what follows.</summary>
    private static SyntaxTriviaList IndentationOf(SyntaxTriviaList trivia)
    {
        var result = SyntaxFactory.TriviaList();
        foreach (var item in trivia)
        {
            result = item.IsKind(SyntaxKind.WhitespaceTrivia) ? result.Add(item) : SyntaxFactory.TriviaList();
        }

        return result;
    }

    private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
