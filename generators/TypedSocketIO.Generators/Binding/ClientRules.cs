using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Generators.Binding;

/// <summary>One member of a client interface (or of one it inherits) as the rules see it.</summary>
internal sealed class ClientMemberBinding
{
    public ClientMemberBinding(ISymbol member)
    {
        Member = member;
    }

    public ISymbol Member { get; }

    /// <summary>Why the proxy cannot implement it; empty when it can.</summary>
    public List<BindingProblem> Problems { get; } = [];

    /// <summary>For a method: the event it emits.</summary>
    public string? EventName { get; set; }

    public bool TakesCancellationToken { get; set; }

    /// <summary>Its arguments in order, then the acknowledgement it waits for.</summary>
    public List<BoundValue> Values { get; } = [];

    public ReturnKind Return { get; set; }

    public AckKind Ack { get; set; }
}

/// <summary>
/// The rules a client interface follows for the generator to emit its proxy: every member an
/// instance, non-generic method whose parameters are event arguments and which returns a task.
/// One member it cannot implement, and there is no proxy at all.
/// </summary>
internal static class ClientRules
{
    /// <summary>The members of <paramref name="clientInterface"/> and of the interfaces it inherits, in that order; nested types and fields are not part of a proxy.</summary>
    public static List<ClientMemberBinding> Classify(INamedTypeSymbol clientInterface, System.Threading.CancellationToken cancellationToken)
    {
        var members = new List<ClientMemberBinding>();
        foreach (var declaring in new[] { clientInterface }.Concat(clientInterface.AllInterfaces))
        {
            foreach (var member in declaring.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var kind = member switch
                {
                    IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: true } => "a static method",
                    IMethodSymbol { MethodKind: MethodKind.Ordinary, IsGenericMethod: true } => "a generic method",
                    IMethodSymbol { MethodKind: MethodKind.Ordinary } => "",
                    IPropertySymbol => "a property",
                    IEventSymbol => "an event",
                    _ => null, // accessors (checked through their property), nested types, constants
                };
                if (kind is null)
                {
                    continue;
                }

                var binding = new ClientMemberBinding(member);
                members.Add(binding);
                if (kind.Length > 0)
                {
                    binding.Problems.Add(new BindingProblem(ProblemKind.ClientMemberNotSupported, ProblemSite.Member, member, kind));
                }
                else
                {
                    ClassifyMethod(binding, (IMethodSymbol)member);
                }
            }
        }

        return members;
    }

    private static void ClassifyMethod(ClientMemberBinding binding, IMethodSymbol method)
    {
        var parameters = method.Parameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (ValueRules.ByRefKind(parameter) is { } byRef)
            {
                binding.Problems.Add(new BindingProblem(ProblemKind.ByRef, ProblemSite.Parameter, parameter, byRef));
            }
            else if (WellKnown.IsSocket(parameter.Type))
            {
                binding.Problems.Add(new BindingProblem(ProblemKind.ClientTakesSocket, ProblemSite.Parameter, parameter));
            }
            else if (WellKnown.IsCancellationToken(parameter.Type))
            {
                if (i != parameters.Length - 1)
                {
                    binding.Problems.Add(new BindingProblem(ProblemKind.TokenNotLast, ProblemSite.Parameter, parameter));
                }

                binding.TakesCancellationToken = true;
            }
            else if (HandlerRules.Bindable(parameter.Type, ValueRole.Argument, ProblemSite.Parameter, parameter, null) is { } problem)
            {
                binding.Problems.Add(problem);
            }
            else
            {
                binding.Values.Add(new BoundValue(parameter.Type, ValueRole.Argument, ValueUse.Write, parameter, parameter.Name));
            }
        }

        binding.Return = Returns.Classify(method, out var result);
        if (!Returns.IsTask(binding.Return))
        {
            binding.Problems.Add(new BindingProblem(ProblemKind.ClientReturnType, ProblemSite.ReturnType, method));
        }
        else if (result is not null)
        {
            // ValueTask<IReadOnlyList<T>> gathers one answer per socket of a broadcast.
            binding.Ack = AckKind.Single;
            if (result is INamedTypeSymbol { MetadataName: "IReadOnlyList`1" } list && WellKnown.IsIn(list, "System.Collections.Generic"))
            {
                binding.Ack = AckKind.List;
                result = list.TypeArguments[0];
            }

            if (HandlerRules.Bindable(result, ValueRole.Acknowledgement, ProblemSite.ReturnType, method, null) is { } problem)
            {
                binding.Problems.Add(problem);
            }
            else
            {
                binding.Values.Add(new BoundValue(result, ValueRole.Acknowledgement, ValueUse.Read, null, null));
            }
        }

        var explicitName = WellKnown.EventAttributeName(method);
        binding.EventName = explicitName ?? EventNames.FromClientMethodName(method.Name);
        if (EventNames.IsReserved(binding.EventName))
        {
            var site = explicitName is not null ? ProblemSite.EventAttribute : ProblemSite.Member;
            binding.Problems.Add(new BindingProblem(ProblemKind.Reserved, site, method, binding.EventName));
        }
    }
}
