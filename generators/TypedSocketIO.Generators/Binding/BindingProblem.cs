using Microsoft.CodeAnalysis;

namespace TypedSocketIO.Generators.Binding;

/// <summary>Why the generator leaves a method out (or, for a client interface, emits no proxy).</summary>
internal enum ProblemKind
{
    /// <summary>A handler that is static (TSIO0018).</summary>
    Static,

    /// <summary>A handler that is not public (TSIO0018); <see cref="BindingProblem.Detail"/> is its accessibility.</summary>
    NotPublic,

    /// <summary>A generic handler (TSIO0012).</summary>
    Generic,

    /// <summary>A ref, out, in or params parameter (TSIO0010); <see cref="BindingProblem.Detail"/> says which.</summary>
    ByRef,

    /// <summary>A value no event can carry (TSIO0011); <see cref="BindingProblem.Detail"/> says what it is.</summary>
    Unbindable,

    /// <summary>A value whose type does not resolve: the compiler reports it already.</summary>
    UnresolvedType,

    /// <summary>A Socket after other parameters, or a second one (TSIO0013); <see cref="BindingProblem.Detail"/> says which.</summary>
    SocketNotFirst,

    /// <summary>A CancellationToken before other parameters (TSIO0014).</summary>
    TokenNotLast,

    /// <summary>An async void handler (TSIO0015).</summary>
    AsyncVoid,

    /// <summary>A second handler of one event (TSIO0016); <see cref="BindingProblem.Related"/> is the first.</summary>
    Duplicate,

    /// <summary>A reserved event name (TSIO0017); <see cref="BindingProblem.Detail"/> is the name.</summary>
    Reserved,

    /// <summary>A connect handler returning something other than bool (TSIO0050).</summary>
    ConnectReturnType,

    /// <summary>A disconnect handler taking an event argument (TSIO0051).</summary>
    DisconnectTakesArgument,

    /// <summary>A disconnect handler returning a value (TSIO0052).</summary>
    DisconnectReturnsValue,

    /// <summary>A connect handler taking a second auth value (TSIO0053); <see cref="BindingProblem.Related"/> is the first.</summary>
    ConnectTooManyArguments,

    /// <summary>A client-interface member a proxy cannot implement (TSIO0021); <see cref="BindingProblem.Detail"/> says what it is.</summary>
    ClientMemberNotSupported,

    /// <summary>A client method that does not return a task (TSIO0020).</summary>
    ClientReturnType,

    /// <summary>A client method taking a Socket (TSIO0022).</summary>
    ClientTakesSocket,
}

/// <summary>Which part of the declaration a problem is about, so a diagnostic can point at it.</summary>
internal enum ProblemSite
{
    /// <summary>The member's name.</summary>
    Member,

    /// <summary>A parameter: <see cref="BindingProblem.Symbol"/> is the parameter.</summary>
    Parameter,

    /// <summary>The member's return type.</summary>
    ReturnType,

    /// <summary>The name given in <c>[Event("name")]</c>.</summary>
    EventAttribute,
}

/// <summary>One reason the rules refuse a member, with what a message needs to name.</summary>
/// <param name="Kind">The reason.</param>
/// <param name="Site">Where it is.</param>
/// <param name="Symbol">The member, or the parameter for <see cref="ProblemSite.Parameter"/>.</param>
/// <param name="Detail">The word or name the reason needs (see each <see cref="ProblemKind"/>).</param>
/// <param name="Type">For <see cref="ProblemKind.Unbindable"/>: the type.</param>
/// <param name="Role">For <see cref="ProblemKind.Unbindable"/>: what the value is.</param>
/// <param name="Related">The other symbol the reason names: the first handler, the auth parameter, the tuple element.</param>
internal sealed record BindingProblem(
    ProblemKind Kind,
    ProblemSite Site,
    ISymbol Symbol,
    string? Detail = null,
    ITypeSymbol? Type = null,
    ValueRole Role = ValueRole.Argument,
    ISymbol? Related = null);
