using Microsoft.CodeAnalysis;

namespace TypedSocketIO.Generators.Binding;

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

/// <summary>Where a value a method binds comes from, for messages and locations.</summary>
internal enum ValueRole
{
    /// <summary>An event argument: a handler's or a client method's parameter.</summary>
    Argument,

    /// <summary>The auth parameter of a connect handler.</summary>
    Auth,

    /// <summary>What a handler returns, sent as its acknowledgement.</summary>
    Result,

    /// <summary>One element of a tuple a handler returns: one acknowledgement argument.</summary>
    TupleElement,

    /// <summary>The answer a client method waits for.</summary>
    Acknowledgement,
}

/// <summary>A value a method binds to the wire, once the rules have accepted it.</summary>
/// <param name="Type">Its type.</param>
/// <param name="Role">What it is to the method.</param>
/// <param name="Use">Which way it travels.</param>
/// <param name="Parameter">The parameter it is, for arguments and auth.</param>
/// <param name="Name">The parameter's or the tuple element's name.</param>
internal sealed record BoundValue(ITypeSymbol Type, ValueRole Role, ValueUse Use, IParameterSymbol? Parameter, string? Name);

/// <summary>What can travel as an event argument at all.</summary>
internal static class ValueRules
{
    /// <summary>Why <paramref name="type"/> cannot be an event argument or acknowledgement, or null when it can.</summary>
    public static string? UnbindableReason(ITypeSymbol type) => type switch
    {
        IPointerTypeSymbol => "a pointer",
        IFunctionPointerTypeSymbol => "a function pointer",
        ITypeParameterSymbol => "a type parameter",
        { TypeKind: TypeKind.Dynamic } => "dynamic",
        { SpecialType: SpecialType.System_Void } => "void",
        { IsRefLikeType: true } => "a ref struct",
        _ => null,
    };

    /// <summary>The word for a by-reference or params parameter, or null for a plain one.</summary>
    public static string? ByRefKind(IParameterSymbol parameter)
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
}
