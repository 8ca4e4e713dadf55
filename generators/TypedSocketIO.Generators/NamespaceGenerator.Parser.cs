using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Generators;

public sealed partial class NamespaceGenerator
{
    /// <summary>
    /// Turns a <c>[SocketIONamespace]</c> class into a <see cref="NamespaceSpec"/>. Anything it cannot
    /// bind is left out (the analyzers explain why); a class it cannot serve at all gives null.
    /// </summary>
    internal static class Parser
    {
        /// <summary>Members every proxy has; a client method of the same name would collide with them.</summary>
        private static readonly HashSet<string> ProxyOperators = ["To", "Except", "Volatile", "Local", "Timeout"];

        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static NamespaceSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type
                || type.TypeKind != TypeKind.Class
                || type.ContainingType is not null
                || type.IsGenericType
                || type.IsAbstract
                || !IsPartial(type, cancellationToken))
            {
                return null;
            }

            var path = context.Attributes[0].ConstructorArguments is [{ Value: string p }] ? p : "/";
            if (!path.StartsWith("/", System.StringComparison.Ordinal))
            {
                return null;
            }

            if (!DerivesFromNamespace(type, out var clientInterface))
            {
                return null;
            }

            var constructor = type.InstanceConstructors
                .Where(c => c.DeclaredAccessibility == Accessibility.Public)
                .OrderByDescending(c => c.Parameters.Length)
                .FirstOrDefault();
            if (constructor is null)
            {
                return null;
            }

            var handlers = new List<HandlerSpec>();
            var seenEvents = new HashSet<string>();
            LifecycleSpec? connect = null, disconnecting = null, disconnect = null;
            foreach (var method in HandlerCandidates(type))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.DeclaredAccessibility != Accessibility.Public || method.IsGenericMethod)
                {
                    continue;
                }

                var explicitName = EventAttributeName(method);
                var eventName = explicitName ?? EventNames.FromHandlerName(method.Name);
                if (eventName is null)
                {
                    continue;
                }

                if (explicitName is null && EventNames.IsLifecycle(eventName))
                {
                    switch (eventName)
                    {
                        case "connect":
                            connect ??= ParseLifecycle(method, isConnect: true);
                            break;
                        case "disconnecting":
                            disconnecting ??= ParseLifecycle(method, isConnect: false);
                            break;
                        default:
                            disconnect ??= ParseLifecycle(method, isConnect: false);
                            break;
                    }

                    continue;
                }

                if (EventNames.IsReserved(eventName) || !seenEvents.Add(eventName))
                {
                    continue;
                }

                if (ParseHandler(method, eventName) is { } handler)
                {
                    handlers.Add(handler);
                }
            }

            var client = clientInterface is null ? null : ParseClient(clientInterface, cancellationToken);
            return new NamespaceSpec(
                ClassName: type.Name,
                ContainingNamespace: type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
                FullyQualifiedName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                Path: path,
                ConstructorParameterTypes: constructor.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToEquatableArray(),
                Handlers: handlers.ToEquatableArray(),
                Connect: connect,
                Disconnecting: disconnecting,
                Disconnect: disconnect,
                Client: client);
        }

        /// <summary>The methods of the class and of its bases up to <c>Namespace</c>, the most derived first.</summary>
        private static IEnumerable<IMethodSymbol> HandlerCandidates(INamedTypeSymbol type)
        {
            for (var current = type; current is not null && !IsTypedSocketIO(current, "Namespace"); current = current.BaseType)
            {
                foreach (var method in current.GetMembers().OfType<IMethodSymbol>())
                {
                    if (current.Equals(type, SymbolEqualityComparer.Default) || !method.IsOverride)
                    {
                        yield return method;
                    }
                }
            }
        }

        private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            type.DeclaringSyntaxReferences.All(reference =>
                reference.GetSyntax(cancellationToken) is ClassDeclarationSyntax declaration
                && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

        private static bool DerivesFromNamespace(INamedTypeSymbol type, out INamedTypeSymbol? clientInterface)
        {
            clientInterface = null;
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (IsTypedSocketIO(current, "Namespace"))
                {
                    if (current.TypeArguments.Length == 1)
                    {
                        clientInterface = current.TypeArguments[0] as INamedTypeSymbol;
                        if (clientInterface?.TypeKind != TypeKind.Interface)
                        {
                            clientInterface = null;
                        }
                    }

                    return true;
                }
            }

            return false;
        }

        private static string? EventAttributeName(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass is { } attributeClass && IsTypedSocketIO(attributeClass, "EventAttribute")
                    && attribute.ConstructorArguments is [{ Value: string name }])
                {
                    return name;
                }
            }

            return null;
        }

        private static HandlerSpec? ParseHandler(IMethodSymbol method, string eventName)
        {
            if (!TryParseParameters(method, allowSocket: true, out var takesSocket, out var parameters, out var takesToken))
            {
                return null;
            }

            if (!TryParseReturn(method, out var returnKind, out var resultType))
            {
                return null;
            }

            var ackValues = new List<ValueSpec>();
            if (resultType is not null)
            {
                if (resultType is INamedTypeSymbol { IsTupleType: true } tuple)
                {
                    foreach (var element in tuple.TupleElements)
                    {
                        if (ToValueSpec(element.Type) is not { } value)
                        {
                            return null;
                        }

                        ackValues.Add(value);
                    }
                }
                else if (ToValueSpec(resultType) is { } value)
                {
                    ackValues.Add(value);
                }
                else
                {
                    return null;
                }
            }

            return new HandlerSpec(
                eventName,
                method.Name,
                takesSocket,
                parameters.ToEquatableArray(),
                takesToken,
                returnKind,
                resultType?.ToDisplayString(TypeFormat),
                ackValues.ToEquatableArray());
        }

        private static LifecycleSpec? ParseLifecycle(IMethodSymbol method, bool isConnect)
        {
            var takesSocket = false;
            var takesReason = false;
            var takesToken = false;
            ValueSpec? extra = null;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.IsParams)
                {
                    return null;
                }

                if (IsTypedSocketIO(parameter.Type, "Socket") && !takesSocket && parameter.Ordinal == 0)
                {
                    takesSocket = true;
                }
                else if (IsCancellationToken(parameter.Type) && parameter.Ordinal == method.Parameters.Length - 1)
                {
                    takesToken = true;
                }
                else if (!isConnect && IsTypedSocketIO(parameter.Type, "DisconnectReason") && !takesReason)
                {
                    takesReason = true;
                }
                else if (isConnect && extra is null && ToValueSpec(parameter.Type) is { } auth)
                {
                    extra = auth;
                }
                else
                {
                    return null;
                }
            }

            if (!TryParseReturn(method, out var returnKind, out var resultType))
            {
                return null;
            }

            var returnsBool = resultType?.SpecialType == SpecialType.System_Boolean;
            if (resultType is not null && !(isConnect && returnsBool))
            {
                return null;
            }

            return new LifecycleSpec(method.Name, takesSocket, extra, takesReason, takesToken, returnKind, returnsBool);
        }

        private static bool TryParseParameters(IMethodSymbol method, bool allowSocket, out bool takesSocket, out List<ParameterSpec> parameters, out bool takesToken)
        {
            takesSocket = false;
            takesToken = false;
            parameters = [];
            var all = method.Parameters;
            for (var i = 0; i < all.Length; i++)
            {
                var parameter = all[i];
                if (parameter.RefKind != RefKind.None || parameter.IsParams)
                {
                    return false;
                }

                if (IsTypedSocketIO(parameter.Type, "Socket"))
                {
                    if (!allowSocket || i != 0)
                    {
                        return false;
                    }

                    takesSocket = true;
                    continue;
                }

                if (IsCancellationToken(parameter.Type))
                {
                    if (i != all.Length - 1)
                    {
                        return false;
                    }

                    takesToken = true;
                    continue;
                }

                if (ToValueSpec(parameter.Type) is not { } value)
                {
                    return false;
                }

                parameters.Add(new ParameterSpec(parameter.Name, value, DefaultValueOf(parameter)));
            }

            return true;
        }

        private static bool TryParseReturn(IMethodSymbol method, out ReturnKind kind, out ITypeSymbol? resultType)
        {
            resultType = null;
            var returnType = method.ReturnType;
            if (method.ReturnsVoid)
            {
                kind = ReturnKind.Void;
                return !method.IsAsync; // async void cannot be awaited and crashes the process on an exception
            }

            if (returnType is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
            {
                switch (named.MetadataName)
                {
                    case "Task":
                        kind = ReturnKind.Task;
                        return true;
                    case "ValueTask":
                        kind = ReturnKind.ValueTask;
                        return true;
                    case "Task`1":
                        kind = ReturnKind.TaskOfValue;
                        resultType = named.TypeArguments[0];
                        return true;
                    case "ValueTask`1":
                        kind = ReturnKind.ValueTaskOfValue;
                        resultType = named.TypeArguments[0];
                        return true;
                }
            }

            kind = ReturnKind.Value;
            resultType = returnType;
            return true;
        }

        private static ClientSpec? ParseClient(INamedTypeSymbol clientInterface, CancellationToken cancellationToken)
        {
            var methods = new List<ClientMethodSpec>();
            foreach (var declaring in new[] { clientInterface }.Concat(clientInterface.AllInterfaces))
            {
                foreach (var member in declaring.GetMembers())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                    {
                        if (member is IMethodSymbol or ITypeSymbol)
                        {
                            continue; // accessors are checked through their property below
                        }

                        return null; // a property or event the proxy could not implement
                    }

                    if (method.IsStatic || method.IsGenericMethod || ProxyOperators.Contains(method.Name))
                    {
                        return null; // the proxy could not implement it, or its name is one of the proxy's operators
                    }

                    var spec = ParseClientMethod(method);
                    if (spec is null)
                    {
                        return null;
                    }

                    methods.Add(spec);
                }
            }

            var name = clientInterface.Name;
            var proxyName = (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]) ? name.Substring(1) : name)
                + string.Concat(clientInterface.TypeArguments.Select(argument => "Of" + ProxyNamePart(argument)))
                + "Proxy";
            return new ClientSpec(
                clientInterface.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                name,
                clientInterface.ContainingNamespace.IsGlobalNamespace ? "" : clientInterface.ContainingNamespace.ToDisplayString(),
                proxyName,
                clientInterface.DeclaredAccessibility == Accessibility.Public,
                methods.ToEquatableArray());
        }

        private static ClientMethodSpec? ParseClientMethod(IMethodSymbol method)
        {
            if (!TryParseParameters(method, allowSocket: false, out _, out var parameters, out var takesToken))
            {
                return null;
            }

            if (method.ReturnType is not INamedTypeSymbol returnType || returnType.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
            {
                return null;
            }

            var eventName = EventAttributeName(method) ?? EventNames.FromClientMethodName(method.Name);
            if (EventNames.IsReserved(eventName))
            {
                return null;
            }

            var returnsTask = returnType.MetadataName is "Task" or "Task`1";
            var ack = AckKind.None;
            ValueSpec? ackValue = null;
            switch (returnType.MetadataName)
            {
                case "Task":
                case "ValueTask":
                    break;
                case "Task`1":
                case "ValueTask`1":
                    var result = returnType.TypeArguments[0];
                    if (result is INamedTypeSymbol { MetadataName: "IReadOnlyList`1" } list
                        && list.ContainingNamespace.ToDisplayString() == "System.Collections.Generic")
                    {
                        ack = AckKind.List;
                        result = list.TypeArguments[0];
                    }
                    else
                    {
                        ack = AckKind.Single;
                    }

                    ackValue = ToValueSpec(result);
                    if (ackValue is null)
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }

            return new ClientMethodSpec(
                method.Name,
                eventName,
                parameters.ToEquatableArray(),
                takesToken,
                returnsTask,
                ack,
                ackValue,
                method.ReturnType.ToDisplayString(TypeFormat));
        }

        /// <summary>A type argument as part of a proxy name: <c>IClient&lt;int&gt;</c> → <c>ClientOfInt32Proxy</c>.</summary>
        private static string ProxyNamePart(ITypeSymbol type) => type switch
        {
            IArrayTypeSymbol array => ProxyNamePart(array.ElementType) + "Array",
            INamedTypeSymbol { IsGenericType: true } generic => generic.Name + string.Concat(generic.TypeArguments.Select(a => "Of" + ProxyNamePart(a))),
            _ => type.Name,
        };

        internal static ValueSpec? ToValueSpec(ITypeSymbol type)
        {
            if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol or ITypeParameterSymbol or IErrorTypeSymbol || type.IsRefLikeType
                || type.SpecialType == SpecialType.System_Void || type.TypeKind == TypeKind.Dynamic)
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
            return new ValueSpec(display, typeInfoType, runtimeType, kind, allowsNull);
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

        private static bool IsCancellationToken(ITypeSymbol type) =>
            type is INamedTypeSymbol { Name: "CancellationToken" } && type.ContainingNamespace?.ToDisplayString() == "System.Threading";

        private static bool IsTypedSocketIO(ITypeSymbol type, string name) =>
            type.Name == name && type.ContainingNamespace is { Name: "TypedSocketIO", ContainingNamespace.IsGlobalNamespace: true };
    }
}
