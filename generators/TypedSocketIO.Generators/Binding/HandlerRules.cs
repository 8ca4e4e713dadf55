using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Generators.Binding;

/// <summary>
/// The rules that decide which methods of a namespace class handle which events, and how their
/// parameters and return values bind. The generator dispatches exactly the methods these rules
/// accept; the analyzers report exactly the reasons they give for the others.
/// </summary>
internal static class HandlerRules
{
    /// <summary>
    /// Every candidate method of <paramref name="type"/>, the most derived first (its own methods,
    /// then its bases' up to <c>Namespace</c>), each with its role and binding. The first handler
    /// of an event (or lifecycle) wins; later ones are <see cref="ProblemKind.Duplicate"/>.
    /// </summary>
    public static List<HandlerBinding> Classify(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        var bindings = new List<HandlerBinding>();
        var events = new Dictionary<string, IMethodSymbol>(System.StringComparer.Ordinal);
        var lifecycle = new Dictionary<HandlerRole, IMethodSymbol>();
        foreach (var method in Candidates(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var binding = new HandlerBinding(method);
            bindings.Add(binding);

            var explicitName = WellKnown.EventAttributeName(method);
            var eventName = explicitName ?? EventNames.FromHandlerName(method.Name);
            if (eventName is null)
            {
                continue; // HandlerRole.None
            }

            binding.EventName = eventName;
            binding.HasExplicitName = explicitName is not null;
            var isLifecycle = explicitName is null && EventNames.IsLifecycle(eventName);
            binding.Role = !isLifecycle ? HandlerRole.Event
                : eventName == "connect" ? HandlerRole.Connect
                : eventName == "disconnecting" ? HandlerRole.Disconnecting
                : HandlerRole.Disconnect;

            if (method.IsStatic)
            {
                binding.Problems.Add(new BindingProblem(ProblemKind.Static, ProblemSite.Member, method));
                continue;
            }

            if (method.DeclaredAccessibility != Accessibility.Public)
            {
                binding.Problems.Add(new BindingProblem(ProblemKind.NotPublic, ProblemSite.Member, method, AccessibilityText(method.DeclaredAccessibility)));
                continue;
            }

            if (method.IsGenericMethod)
            {
                binding.Problems.Add(new BindingProblem(ProblemKind.Generic, ProblemSite.Member, method));
                continue;
            }

            if (!isLifecycle && EventNames.IsReserved(eventName))
            {
                var site = binding.HasExplicitName ? ProblemSite.EventAttribute : ProblemSite.Member;
                binding.Problems.Add(new BindingProblem(ProblemKind.Reserved, site, method, eventName));
                continue;
            }

            var first = isLifecycle
                ? lifecycle.TryGetValue(binding.Role, out var earlier) ? earlier : null
                : events.TryGetValue(eventName, out earlier) ? earlier : null;
            if (first is not null)
            {
                binding.Problems.Add(new BindingProblem(ProblemKind.Duplicate, ProblemSite.Member, method, eventName, Related: first));
                continue;
            }

            if (isLifecycle)
            {
                lifecycle.Add(binding.Role, method);
                ClassifyLifecycle(binding);
            }
            else
            {
                events.Add(eventName, method);
                ClassifyEvent(binding);
            }
        }

        return bindings;
    }

    /// <summary>
    /// The ordinary methods of the class and of its bases up to <c>Namespace</c>, the most derived
    /// first. An override stands for the methods it overrides (a call dispatches to it anyway).
    /// </summary>
    public static IEnumerable<IMethodSymbol> Candidates(INamedTypeSymbol type)
    {
        var overridden = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        for (var current = type; current is not null && !WellKnown.IsNamespaceBase(current); current = current.BaseType)
        {
            foreach (var method in current.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared || overridden.Contains(method))
                {
                    continue;
                }

                for (var replaced = method.OverriddenMethod; replaced is not null; replaced = replaced.OverriddenMethod)
                {
                    overridden.Add(replaced);
                }

                yield return method;
            }
        }
    }

    /// <summary>An event handler: the Socket first (optional), the event's arguments, a CancellationToken last (optional).</summary>
    private static void ClassifyEvent(HandlerBinding binding)
    {
        var method = binding.Method;
        var parameters = method.Parameters;
        var socketSeen = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (ValueRules.ByRefKind(parameter) is { } byRef)
            {
                binding.Problems.Add(new BindingProblem(ProblemKind.ByRef, ProblemSite.Parameter, parameter, byRef));
            }
            else if (WellKnown.IsSocket(parameter.Type))
            {
                if (i != 0)
                {
                    binding.Problems.Add(new BindingProblem(ProblemKind.SocketNotFirst, ProblemSite.Parameter, parameter, socketSeen ? "a second time" : "after other parameters"));
                }

                binding.TakesSocket = i == 0;
                socketSeen = true;
            }
            else if (WellKnown.IsCancellationToken(parameter.Type))
            {
                if (i != parameters.Length - 1)
                {
                    binding.Problems.Add(new BindingProblem(ProblemKind.TokenNotLast, ProblemSite.Parameter, parameter));
                }

                binding.TakesCancellationToken = true;
            }
            else
            {
                BindParameter(binding, parameter, ValueRole.Argument, ValueUse.Read);
            }
        }

        if (ClassifyReturn(binding) is not { } result)
        {
            return;
        }

        if (result is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            foreach (var element in tuple.TupleElements)
            {
                Bind(binding, element.Type, ValueRole.TupleElement, ValueUse.Write, ProblemSite.ReturnType, method, null, element);
            }
        }
        else
        {
            Bind(binding, result, ValueRole.Result, ValueUse.Write, ProblemSite.ReturnType, method, null, null);
        }
    }

    /// <summary>
    /// on_connect takes the Socket, one auth value and a CancellationToken, and returns nothing
    /// or a bool; on_disconnecting and on_disconnect take the Socket, the DisconnectReason and a
    /// CancellationToken, and return nothing.
    /// </summary>
    private static void ClassifyLifecycle(HandlerBinding binding)
    {
        var method = binding.Method;
        var isConnect = binding.Role == HandlerRole.Connect;
        var parameters = method.Parameters;
        IParameterSymbol? auth = null;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (ValueRules.ByRefKind(parameter) is { } byRef)
            {
                binding.Problems.Add(new BindingProblem(ProblemKind.ByRef, ProblemSite.Parameter, parameter, byRef));
            }
            else if (WellKnown.IsSocket(parameter.Type))
            {
                if (binding.TakesSocket || i != 0)
                {
                    binding.Problems.Add(new BindingProblem(ProblemKind.SocketNotFirst, ProblemSite.Parameter, parameter, binding.TakesSocket ? "a second time" : "after other parameters"));
                }
                else
                {
                    binding.TakesSocket = true;
                }
            }
            else if (WellKnown.IsCancellationToken(parameter.Type))
            {
                if (i != parameters.Length - 1)
                {
                    binding.Problems.Add(new BindingProblem(ProblemKind.TokenNotLast, ProblemSite.Parameter, parameter));
                }

                binding.TakesCancellationToken = true;
            }
            else if (!isConnect && WellKnown.IsDisconnectReason(parameter.Type) && !binding.TakesReason)
            {
                binding.TakesReason = true;
            }
            else if (!isConnect)
            {
                binding.Problems.Add(new BindingProblem(ProblemKind.DisconnectTakesArgument, ProblemSite.Parameter, parameter, binding.EventName));
            }
            else if (auth is null)
            {
                auth = parameter;
                BindParameter(binding, parameter, ValueRole.Auth, ValueUse.ReadAuth);
            }
            else
            {
                binding.Problems.Add(new BindingProblem(ProblemKind.ConnectTooManyArguments, ProblemSite.Parameter, parameter, Related: auth));
            }
        }

        if (ClassifyReturn(binding) is not { } result)
        {
            return;
        }

        if (!isConnect)
        {
            binding.Problems.Add(new BindingProblem(ProblemKind.DisconnectReturnsValue, ProblemSite.ReturnType, method, binding.EventName));
        }
        else if (result.SpecialType != SpecialType.System_Boolean)
        {
            binding.Problems.Add(new BindingProblem(ProblemKind.ConnectReturnType, ProblemSite.ReturnType, method));
        }
    }

    /// <summary>The return shape; the value it carries, or null for none (and for async void, a problem).</summary>
    private static ITypeSymbol? ClassifyReturn(HandlerBinding binding)
    {
        var method = binding.Method;
        binding.Return = Returns.Classify(method, out var result);
        if (binding.Return == ReturnKind.Void && method.IsAsync)
        {
            // Nothing can await it, and an exception in it crashes the process.
            binding.Problems.Add(new BindingProblem(ProblemKind.AsyncVoid, ProblemSite.ReturnType, method));
            return null;
        }

        binding.Result = result;
        return result;
    }

    private static void BindParameter(HandlerBinding binding, IParameterSymbol parameter, ValueRole role, ValueUse use) =>
        Bind(binding, parameter.Type, role, use, ProblemSite.Parameter, parameter, parameter, null);

    private static void Bind(HandlerBinding binding, ITypeSymbol type, ValueRole role, ValueUse use, ProblemSite site, ISymbol where, IParameterSymbol? parameter, IFieldSymbol? element)
    {
        if (Bindable(type, role, site, where, element) is { } problem)
        {
            binding.Problems.Add(problem);
            return;
        }

        binding.Values.Add(new BoundValue(type, role, use, parameter, parameter?.Name ?? element?.Name));
    }

    /// <summary>Why a value cannot travel (as a problem), or null when it can.</summary>
    internal static BindingProblem? Bindable(ITypeSymbol type, ValueRole role, ProblemSite site, ISymbol where, ISymbol? related)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            return new BindingProblem(ProblemKind.UnresolvedType, site, where, Type: type, Role: role, Related: related);
        }

        return ValueRules.UnbindableReason(type) is { } reason
            ? new BindingProblem(ProblemKind.Unbindable, site, where, reason, type, role, related)
            : null;
    }

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.Internal => "internal",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "not public",
    };
}
