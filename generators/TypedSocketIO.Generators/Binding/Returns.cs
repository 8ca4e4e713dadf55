using Microsoft.CodeAnalysis;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Generators.Binding;

/// <summary>How a handler or client method returns: the task shape, and the value it carries.</summary>
internal static class Returns
{
    /// <summary>
    /// The shape of <paramref name="method"/>'s return, and in <paramref name="result"/> the value
    /// it gives (the <c>T</c> of a task, the type itself for a plain value, null for none).
    /// </summary>
    public static ReturnKind Classify(IMethodSymbol method, out ITypeSymbol? result)
    {
        result = null;
        if (method.ReturnsVoid)
        {
            return ReturnKind.Void;
        }

        if (method.ReturnType is INamedTypeSymbol named && WellKnown.IsIn(named, "System.Threading.Tasks"))
        {
            switch (named.MetadataName)
            {
                case "Task":
                    return ReturnKind.Task;
                case "ValueTask":
                    return ReturnKind.ValueTask;
                case "Task`1":
                    result = named.TypeArguments[0];
                    return ReturnKind.TaskOfValue;
                case "ValueTask`1":
                    result = named.TypeArguments[0];
                    return ReturnKind.ValueTaskOfValue;
            }
        }

        result = method.ReturnType;
        return ReturnKind.Value;
    }

    /// <summary>Whether the shape is one of the four task types.</summary>
    public static bool IsTask(ReturnKind kind) => kind is not (ReturnKind.Void or ReturnKind.Value);
}
