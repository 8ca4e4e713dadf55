using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSocketIO.Generators.Binding;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Generators;

public sealed partial class NamespaceGenerator
{
    /// <summary>
    /// Turns a <c>[SocketIONamespace]</c> class into a <see cref="NamespaceSpec"/>: the binding
    /// rules (<see cref="HandlerRules"/>, <see cref="ClientRules"/>, shared with the analyzers)
    /// decide what is dispatched; this turns what they accept into specs. Anything they refuse is
    /// left out (the analyzers say why); a class that cannot be served at all gives null.
    /// </summary>
    internal static class Parser
    {
        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static NamespaceSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
                || NamespaceRules.ShapeProblem(type) is not null
                || NamespaceRules.NonPartialDeclaration(type, cancellationToken) is not null
                || !NamespaceRules.IsValidPath(NamespaceRules.PathOf(context.Attributes[0]))
                || !NamespaceRules.DerivesFromNamespace(type, out var clientType)
                || NamespaceRules.FactoryConstructor(type) is not { } constructor)
            {
                return null;
            }

            var bindings = HandlerRules.Classify(type, cancellationToken);
            var authorization = Authorization.Of(type, bindings);
            var handlers = new List<HandlerSpec>();
            LifecycleSpec? connect = null, disconnecting = null, disconnect = null;
            foreach (var binding in bindings)
            {
                if (!binding.IsDispatched)
                {
                    continue;
                }

                switch (binding.Role)
                {
                    case HandlerRole.Connect:
                        connect = ToLifecycleSpec(binding);
                        break;
                    case HandlerRole.Disconnecting:
                        disconnecting = ToLifecycleSpec(binding);
                        break;
                    case HandlerRole.Disconnect:
                        disconnect = ToLifecycleSpec(binding);
                        break;
                    default:
                        handlers.Add(ToHandlerSpec(binding, authorization.OfHandler(binding.Method)));
                        break;
                }
            }

            var fullName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var client = clientType is INamedTypeSymbol { TypeKind: TypeKind.Interface } clientInterface
                ? ParseClient(clientInterface, cancellationToken)
                : null;
            return new NamespaceSpec(
                ClassName: type.Name,
                ContainingNamespace: type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
                FullyQualifiedName: fullName,
                SelfReference: InheritsMemberNamed(type, type.Name) ? fullName : type.Name,
                DispatcherName: GeneratedMemberName(type, "Dispatcher"),
                AllFieldName: GeneratedMemberName(type, "_all"),
                Path: NamespaceRules.PathOf(context.Attributes[0])!,
                ConstructorParameterTypes: constructor.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToEquatableArray(),
                Handlers: handlers.ToEquatableArray(),
                Connect: connect,
                Disconnecting: disconnecting,
                Disconnect: disconnect,
                Client: client,
                ConnectAuthorization: authorization.Connect);
        }

        /// <summary>Whether a base class has a member named <paramref name="name"/>, which would make the class's own simple name mean that member inside it.</summary>
        private static bool InheritsMemberNamed(INamedTypeSymbol type, string name)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (!current.GetMembers(name).IsEmpty || !current.GetTypeMembers(name).IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A name for a private member the generator adds to the user's class: <paramref name="preferred"/>, numbered if the class or a base already uses it.</summary>
        private static string GeneratedMemberName(INamedTypeSymbol type, string preferred) =>
            Names.Unique(preferred, name => !type.GetMembers(name).IsEmpty || InheritsMemberNamed(type, name));

        private static HandlerSpec ToHandlerSpec(HandlerBinding binding, EquatableArray<AuthorizeSpec> authorization)
        {
            var parameters = new List<ParameterSpec>();
            var ackValues = new List<ValueSpec>();
            foreach (var value in binding.Values)
            {
                var spec = ToValueSpec(value.Type)!;
                if (value.Role == ValueRole.Argument)
                {
                    parameters.Add(new ParameterSpec(value.Name!, spec, DefaultValueOf(value.Parameter!)));
                }
                else
                {
                    ackValues.Add(spec);
                }
            }

            return new HandlerSpec(
                binding.EventName!,
                binding.Method.Name,
                binding.TakesSocket,
                parameters.ToEquatableArray(),
                binding.TakesCancellationToken,
                binding.Return,
                binding.Result?.ToDisplayString(TypeFormat),
                ackValues.ToEquatableArray(),
                authorization);
        }

        private static LifecycleSpec ToLifecycleSpec(HandlerBinding binding) => new(
            binding.Method.Name,
            binding.TakesSocket,
            binding.Values.Count > 0 ? ToValueSpec(binding.Values[0].Type) : null,
            binding.TakesReason,
            binding.TakesCancellationToken,
            binding.Return,
            ReturnsBool: binding.Result?.SpecialType == SpecialType.System_Boolean);

        /// <summary>Whether the type is visible outside its assembly: public, and nested (if at all) in public types only.</summary>
        private static bool IsPublic(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        private static ClientSpec? ParseClient(INamedTypeSymbol clientInterface, CancellationToken cancellationToken)
        {
            var members = ClientRules.Classify(clientInterface, cancellationToken);
            if (members.Any(member => member.Problems.Count > 0))
            {
                return null; // one member the proxy cannot implement, and there is no proxy
            }

            var methods = new List<ClientMethodSpec>();
            foreach (var member in members)
            {
                var method = (IMethodSymbol)member.Member;
                var parameters = member.Values
                    .Where(value => value.Role == ValueRole.Argument)
                    .Select(value => new ParameterSpec(value.Name!, ToValueSpec(value.Type)!, DefaultValueOf(value.Parameter!)))
                    .ToEquatableArray();
                var ack = member.Values.FirstOrDefault(value => value.Role == ValueRole.Acknowledgement);
                methods.Add(new ClientMethodSpec(
                    method.Name,
                    member.EventName!,
                    parameters,
                    member.TakesCancellationToken,
                    member.Return is ReturnKind.Task or ReturnKind.TaskOfValue,
                    member.Ack,
                    ack is null ? null : ToValueSpec(ack.Type),
                    method.ReturnType.ToDisplayString(TypeFormat)));
            }

            var memberNames = new HashSet<string>(members.Select(member => member.Member.Name), System.StringComparer.Ordinal);
            var proxyName = ProxyNames.ProxyName(clientInterface, memberNames);
            return new ClientSpec(
                clientInterface.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                clientInterface.Name,
                clientInterface.ContainingNamespace.IsGlobalNamespace ? "" : clientInterface.ContainingNamespace.ToDisplayString(),
                proxyName,
                ProxyNames.MemberNames(memberNames, proxyName),
                IsPublic(clientInterface),
                methods.ToEquatableArray());
        }

        /// <summary>The wire form of a value the rules bound (null for one they refuse).</summary>
        internal static ValueSpec? ToValueSpec(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Error || ValueRules.UnbindableReason(type) is not null)
            {
                return null;
            }

            var display = type.ToDisplayString(TypeFormat);
            var allowsNull = type.IsReferenceType
                ? type.NullableAnnotation != NullableAnnotation.NotAnnotated
                : type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            var kind = type.SpecialType switch
            {
                SpecialType.System_String => ValueKind.String,
                SpecialType.System_Int32 => ValueKind.Int32,
                SpecialType.System_Int64 => ValueKind.Int64,
                SpecialType.System_Double => ValueKind.Double,
                SpecialType.System_Boolean => ValueKind.Boolean,
                _ => ValueKind.Json,
            };

            if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte, Rank: 1 })
            {
                kind = ValueKind.Bytes;
            }
            else if (type is INamedTypeSymbol { MetadataName: "ReadOnlyMemory`1" } memory
                && memory.ContainingNamespace.ToDisplayString() == "System"
                && memory.TypeArguments[0].SpecialType == SpecialType.System_Byte)
            {
                kind = ValueKind.Memory;
            }
            else if (type is INamedTypeSymbol { Name: "JsonElement" } element && element.ContainingNamespace.ToDisplayString() == "System.Text.Json")
            {
                kind = ValueKind.JsonElement;
            }

            var typeInfoType = type.IsReferenceType
                ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat)
                : display;
            var runtimeType = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            return new ValueSpec(display, typeInfoType, runtimeType, kind, allowsNull, kind == ValueKind.Json && MayHoldBinary(type));
        }

        /// <summary>
        /// Whether a value of this static type may be binary at run time (<c>object</c>, an interface,
        /// <c>Memory&lt;byte&gt;</c>, <c>ArraySegment&lt;byte&gt;</c>): the packet builder then decides by its runtime type.
        /// </summary>
        private static bool MayHoldBinary(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type.TypeKind == TypeKind.Interface
                || type.SpecialType is SpecialType.System_Object or SpecialType.System_Array or SpecialType.System_ValueType)
            {
                return true;
            }

            return type is INamedTypeSymbol { MetadataName: "Memory`1" or "ArraySegment`1" } segment
                && WellKnown.IsIn(segment, "System")
                && segment.TypeArguments[0].SpecialType == SpecialType.System_Byte;
        }

        private static string? DefaultValueOf(IParameterSymbol parameter)
        {
            if (!parameter.HasExplicitDefaultValue)
            {
                return null;
            }

            var value = parameter.ExplicitDefaultValue;
            var type = parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            return value switch
            {
                null => "default",
                string text => SymbolDisplay.FormatLiteral(text, quote: true),
                bool flag => flag ? "true" : "false",
                char c => SymbolDisplay.FormatLiteral(c, quote: true),
                double d => DoubleLiteral(d, "double", "D"),
                float f => float.IsNaN(f) || float.IsInfinity(f) ? DoubleLiteral(f, "float", "F") : f.ToString("R", CultureInfo.InvariantCulture) + "F",
                decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
                int i when parameter.Type.TypeKind != TypeKind.Enum => i.ToString(CultureInfo.InvariantCulture),
                long l when parameter.Type.TypeKind != TypeKind.Enum => l.ToString(CultureInfo.InvariantCulture) + "L",
                uint u when parameter.Type.TypeKind != TypeKind.Enum => u.ToString(CultureInfo.InvariantCulture) + "U",
                ulong u when parameter.Type.TypeKind != TypeKind.Enum => u.ToString(CultureInfo.InvariantCulture) + "UL",
                _ => "(" + type + ")(" + System.Convert.ToString(value, CultureInfo.InvariantCulture) + ")",
            };
        }

        private static string DoubleLiteral(double value, string keyword, string suffix) =>
            double.IsNaN(value) ? keyword + ".NaN"
            : double.IsPositiveInfinity(value) ? keyword + ".PositiveInfinity"
            : double.IsNegativeInfinity(value) ? keyword + ".NegativeInfinity"
            : value.ToString("R", CultureInfo.InvariantCulture) + suffix;
    }
}
