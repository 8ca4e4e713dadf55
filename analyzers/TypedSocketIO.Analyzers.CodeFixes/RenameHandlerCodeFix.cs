using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Rename;

namespace TypedSocketIO.Analyzers;

/// <summary>TSIO0019: renames a typo-shaped method (<c>onmessage</c>, <c>On_message</c>) to its on_ form, with every reference.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameHandlerCodeFix)), Shared]
public sealed class RenameHandlerCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.HandlerNameTypo.Id);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null; // a rename is a solution-wide edit per symbol

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null || root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(NamespaceAnalyzer.SuggestedNameProperty, out var newName) || newName is null)
            {
                continue;
            }

            var node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
            if (node is null || model.GetDeclaredSymbol(node, context.CancellationToken) is not IMethodSymbol method)
            {
                continue;
            }

            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Rename to '" + newName + "'",
                    cancellationToken => RenameAsync(solution, method, newName, cancellationToken),
                    equivalenceKey: nameof(RenameHandlerCodeFix)),
                diagnostic);
        }
    }

    private static Task<Solution> RenameAsync(Solution solution, IMethodSymbol method, string newName, CancellationToken cancellationToken) =>
        Renamer.RenameSymbolAsync(solution, method, new SymbolRenameOptions(), newName, cancellationToken);
}
