using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace TypedSocketIO.Analyzers;

/// <summary>TSIO0004: puts the missing leading '/' in front of a namespace path literal.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixNamespacePathCodeFix)), Shared]
public sealed class FixNamespacePathCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidNamespacePath.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var literal = node as LiteralExpressionSyntax ?? (node as AttributeArgumentSyntax)?.Expression as LiteralExpressionSyntax;
            if (literal is null || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                continue; // a constant or null: no obvious edit
            }

            var path = "/" + literal.Token.ValueText;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use \"" + path + "\"",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root!.ReplaceNode(
                        literal,
                        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(path)).WithTriviaFrom(literal)))),
                    equivalenceKey: nameof(FixNamespacePathCodeFix)),
                diagnostic);
        }
    }
}

/// <summary>TSIO0018: makes a non-public handler public, so the generator dispatches it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeHandlerPublicCodeFix)), Shared]
public sealed class MakeHandlerPublicCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.HandlerNotDispatched.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(NamespaceAnalyzer.MakePublicProperty)
                || root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not MethodDeclarationSyntax method)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Make '" + method.Identifier.ValueText + "' public",
                    cancellationToken => MakePublicAsync(context.Document, method, cancellationToken),
                    equivalenceKey: nameof(MakeHandlerPublicCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> MakePublicAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.SetAccessibility(method, Accessibility.Public);
        return editor.GetChangedDocument();
    }
}
