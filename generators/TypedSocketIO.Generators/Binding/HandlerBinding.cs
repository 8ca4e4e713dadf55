using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Generators.Binding;

/// <summary>What a method of a namespace class is to the dispatcher.</summary>
internal enum HandlerRole
{
    /// <summary>Its name follows no handler rule and it has no <c>[Event]</c>: not a handler.</summary>
    None,

    /// <summary>Handles a client event.</summary>
    Event,

    /// <summary><c>on_connect</c>.</summary>
    Connect,

    /// <summary><c>on_disconnecting</c>.</summary>
    Disconnecting,

    /// <summary><c>on_disconnect</c>.</summary>
    Disconnect,
}

/// <summary>
/// One candidate method of a namespace class as the rules see it: the event it handles, and
/// either how it binds (when <see cref="Problems"/> is empty, the generator dispatches it) or
/// every reason it is left out.
/// </summary>
internal sealed class HandlerBinding
{
    public HandlerBinding(IMethodSymbol method)
    {
        Method = method;
    }

    public IMethodSymbol Method { get; }

    /// <summary>The event it handles; null for <see cref="HandlerRole.None"/>.</summary>
    public string? EventName { get; set; }

    /// <summary>Whether the event name comes from <c>[Event("name")]</c>.</summary>
    public bool HasExplicitName { get; set; }

    public HandlerRole Role { get; set; }

    /// <summary>Why the generator leaves the method out; empty when it is dispatched.</summary>
    public List<BindingProblem> Problems { get; } = [];

    /// <summary>Whether the generator dispatches it.</summary>
    public bool IsDispatched => Role != HandlerRole.None && Problems.Count == 0;

    public bool TakesSocket { get; set; }

    public bool TakesCancellationToken { get; set; }

    /// <summary>Disconnect handlers: whether it takes the <c>DisconnectReason</c>.</summary>
    public bool TakesReason { get; set; }

    /// <summary>The values it binds: event arguments (or the connect auth) in order, then what it returns.</summary>
    public List<BoundValue> Values { get; } = [];

    public ReturnKind Return { get; set; }

    /// <summary>The value its return carries (the <c>T</c> of a task), or null.</summary>
    public ITypeSymbol? Result { get; set; }
}
