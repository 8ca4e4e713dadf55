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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace TypedSocketIO.Analyzers;

/// <summary>
/// TSIO0015 (async void handler) and TSIO0020 (client method not returning a task): makes the
/// method return <c>ValueTask</c>, or <c>ValueTask&lt;T&gt;</c> for a client method that returned <c>T</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnValueTaskCodeFix)), Shared]
public sealed class ReturnValueTaskCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AsyncVoidHandler.Id,
        DiagnosticDescriptors.ClientMethodReturnType.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var method = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (method is null)
            {
                continue;
            }

            var returnsVoid = method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
            var title = returnsVoid
                ? "Return ValueTask"
                : "Return ValueTask<" + method.ReturnType.ToString() + ">";
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => ReturnValueTaskAsync(context.Document, method, returnsVoid, cancellationToken), equivalenceKey: nameof(ReturnValueTaskCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> ReturnValueTaskAsync(Document document, MethodDeclarationSyntax method, bool returnsVoid, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var valueTask = SyntaxFactory.ParseName("global::System.Threading.Tasks.ValueTask");
        TypeSyntax newType = returnsVoid
            ? valueTask
            : SyntaxFactory.QualifiedName(
                SyntaxFactory.ParseName("global::System.Threading.Tasks"),
                SyntaxFactory.GenericName(SyntaxFactory.Identifier("ValueTask"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(method.ReturnType.WithoutTrivia()))));
        newType = newType
            .WithTriviaFrom(method.ReturnType)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(method.ReturnType, newType));
    }
}
