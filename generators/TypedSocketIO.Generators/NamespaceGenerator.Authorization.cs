using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedSocketIO.Generators.Binding;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Generators;

public sealed partial class NamespaceGenerator
{
    /// <summary>What CONNECT and each handler of a namespace require, by <see cref="AuthorizationRules"/>.</summary>
    internal sealed class Authorization
    {
        private readonly List<AuthorizeAttributeInfo> _class;
        private readonly bool _classCheckedAtConnect;
        private readonly bool _allAnonymous;

        private Authorization(List<AuthorizeAttributeInfo> classRule, bool allAnonymous, bool classCheckedAtConnect, EquatableArray<AuthorizeSpec> connect)
        {
            _class = classRule;
            _allAnonymous = allAnonymous;
            _classCheckedAtConnect = classCheckedAtConnect;
            Connect = connect;
        }

        /// <summary>What CONNECT requires: the class's attributes and <c>on_connect</c>'s own, unless it allows anonymous users.</summary>
        public EquatableArray<AuthorizeSpec> Connect { get; }

        public static Authorization Of(INamedTypeSymbol type, List<HandlerBinding> bindings)
        {
            if (AuthorizationRules.ClassAllowsAnonymous(type))
            {
                return new Authorization([], allAnonymous: true, classCheckedAtConnect: false, EquatableArray<AuthorizeSpec>.Empty);
            }

            var classRule = AuthorizationRules.OfClass(type);
            var onConnect = bindings.FirstOrDefault(binding => binding.Role == HandlerRole.Connect && binding.IsDispatched)?.Method;
            if (onConnect is not null && AuthorizationRules.MethodAllowsAnonymous(onConnect))
            {
                return new Authorization(classRule, allAnonymous: false, classCheckedAtConnect: false, EquatableArray<AuthorizeSpec>.Empty);
            }

            var connect = onConnect is null ? classRule : [.. classRule, .. AuthorizationRules.OfMethod(onConnect)];
            return new Authorization(classRule, allAnonymous: false, classCheckedAtConnect: classRule.Count > 0, ToSpecs(connect));
        }

        /// <summary>What an event handler is checked for at each call: its own attributes, plus the class's when CONNECT did not check them.</summary>
        public EquatableArray<AuthorizeSpec> OfHandler(IMethodSymbol method)
        {
            if (_allAnonymous || AuthorizationRules.MethodAllowsAnonymous(method))
            {
                return EquatableArray<AuthorizeSpec>.Empty;
            }

            var own = AuthorizationRules.OfMethod(method);
            return ToSpecs(_classCheckedAtConnect ? own : [.. _class, .. own]);
        }

        private static EquatableArray<AuthorizeSpec> ToSpecs(List<AuthorizeAttributeInfo> attributes) =>
            attributes.Select(attribute => new AuthorizeSpec(attribute.Policy, attribute.Roles)).ToEquatableArray();
    }
}
