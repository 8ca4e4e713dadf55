using System.Collections.Generic;
using System.Linq;
using TypedSocketIO.Generators.Model;
using static TypedSocketIO.Generators.Emit;

namespace TypedSocketIO.Generators;

/// <summary>Writes <c>{Namespace}.g.cs</c>: registration members, the typed emit surface and the dispatcher.</summary>
internal static class NamespaceEmitter
{
    private const string GeneratedNamespace = "global::TypedSocketIO.Dispatch.IGeneratedNamespace";
    private const string NamespaceHandler = "global::TypedSocketIO.Dispatch.INamespaceHandler";
    private const string IncomingEvent = "global::TypedSocketIO.Dispatch.IncomingEvent";
    private const string DisconnectReason = "global::TypedSocketIO.DisconnectReason";
    private const string ConnectionRefused = "global::TypedSocketIO.ConnectionRefusedException";
    private const string ServiceProviderExtensions = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions";
    private const string AuthorizeData = "global::TypedSocketIO.Dispatch.AuthorizeData";
    private const string EventAuthorization = "global::TypedSocketIO.Dispatch.EventAuthorization";
    private const string ConnectAuthorizationField = "ConnectAuthorization";

    public static string Emit(NamespaceSpec spec)
    {
        var writer = new SourceWriter();
        FileHeader(writer, spec.ContainingNamespace);
        var self = spec.SelfReference;
        var contract = GeneratedNamespace + "<" + self + ">";

        writer.Line("partial class " + spec.ClassName + " : " + contract);
        writer.OpenBrace();
        writer.Lines($$"""
            {{GeneratedCode}}
            static string {{contract}}.Path => {{Literal(spec.Path)}};

            """);
        WriteFactory(writer, spec, contract);
        writer.Line();
        writer.Line(GeneratedCode);
        writer.Signature("static " + NamespaceHandler + " " + contract + ".CreateHandler", [self + " instance", "global::TypedSocketIO.ServerNamespace runtime"]);
        writer.Line("    => new " + spec.DispatcherName + "(instance, runtime.Server.JsonOptions);");
        if (spec.ConnectAuthorization.Count > 0)
        {
            writer.Line();
            writer.Line(GeneratedCode);
            writer.ExpressionBodied("static " + AuthorizeData + "[]? " + contract + ".ConnectAuthorization", spec.DispatcherName + "." + ConnectAuthorizationField + ";");
        }
        if (spec.Client is { } client)
        {
            writer.Line();
            WriteEmitSurface(writer, spec, client);
        }

        writer.Line();
        WriteDispatcher(writer, spec);
        writer.CloseBrace();
        return writer.ToString();
    }

    /// <summary>Creates the namespace with its constructor's services from dependency injection.</summary>
    private static void WriteFactory(SourceWriter writer, NamespaceSpec spec, string contract)
    {
        var create = "static " + spec.SelfReference + " " + contract + ".Create";
        string[] parameters = ["global::System.IServiceProvider services"];
        writer.Line(GeneratedCode);
        var services = spec.ConstructorParameterTypes;
        if (services.Count == 0)
        {
            writer.Signature(create, parameters, " => new();");
            return;
        }

        writer.Signature(create, parameters);
        writer.OpenBrace();
        if (services.Count == 1)
        {
            writer.Line("return new(Required<" + services[0] + ">());");
        }
        else
        {
            writer.Line("return new(");
            for (var i = 0; i < services.Count; i++)
            {
                writer.Line("    Required<" + services[i] + ">()" + (i == services.Count - 1 ? ");" : ","));
            }
        }

        writer.Lines($$"""

            T Required<T>() where T : notnull =>
                {{ServiceProviderExtensions}}.GetRequiredService<T>(services);
            """);
        writer.CloseBrace();
    }

    private static void WriteEmitSurface(SourceWriter writer, NamespaceSpec spec, ClientSpec client)
    {
        var proxy = client.ProxyType;
        var operators = client.Members;
        var all = spec.AllFieldName;
        writer.Lines($$"""
            {{GeneratedCode}}
            private {{proxy}}? {{all}};

            /// <summary>Every socket of this namespace.</summary>
            {{GeneratedCode}}
            """);
        writer.ExpressionBodied("public " + proxy + " All", all + " ??= new(" + EmitTarget + ".ForBroadcast(Runtime.All));");
        writer.Lines($$"""

            /// <summary>The sockets in <paramref name="room"/>.</summary>
            {{GeneratedCode}}
            public {{proxy}} To(string room) => All.{{operators.To}}(room);

            /// <summary>Every socket but those in <paramref name="room"/>.</summary>
            {{GeneratedCode}}
            public {{proxy}} Except(string room) => All.{{operators.Except}}(room);

            /// <summary>Every socket but <paramref name="socket"/>.</summary>
            {{GeneratedCode}}
            public {{proxy}} Except({{Socket}} socket) => All.{{operators.Except}}(socket);

            /// <summary>The one client behind <paramref name="socket"/>.</summary>
            {{GeneratedCode}}
            """);
        writer.ExpressionBodied("public " + proxy + " Client(" + Socket + " socket)", "new(" + EmitTarget + ".ForSocket(socket));");
    }

    private static void WriteDispatcher(SourceWriter writer, NamespaceSpec spec)
    {
        var names = new DispatcherNames(spec);
        var typeInfos = names.TypeInfos;
        var self = spec.SelfReference;

        writer.Lines($$"""
            /// <summary>Routes each event of the namespace to its handler, binding arguments from the JSON as it goes.</summary>
            {{GeneratedCode}}
            private sealed class {{spec.DispatcherName}} : {{NamespaceHandler}}
            """);
        writer.OpenBrace();
        writer.Line("private readonly " + self + " _namespace;");
        writer.Line("private readonly " + JsonSerializerOptions + " _json;");
        foreach (var typeInfo in typeInfos.Values)
        {
            writer.Declaration("private readonly " + JsonTypeInfo + "<" + typeInfo.Type + ">", typeInfo.Name + ";");
        }

        WriteAuthorizationFields(writer, spec, names);

        writer.Line();
        writer.Line("public " + spec.DispatcherName + "(" + self + " ns, " + JsonSerializerOptions + " json)");
        writer.OpenBrace();
        writer.Line("_namespace = ns;");
        writer.Line("_json = json;");
        foreach (var typeInfo in typeInfos.Values)
        {
            writer.Line(typeInfo.Name + " = TypeInfo<" + typeInfo.Type + ">(json);");
        }

        writer.CloseBrace();
        writer.Line();
        WriteConnect(writer, spec.Connect, typeInfos);
        writer.Line();
        WriteDisconnect(writer, "OnDisconnectingAsync", spec.Disconnecting);
        writer.Line();
        WriteDisconnect(writer, "OnDisconnectAsync", spec.Disconnect);
        writer.Line();
        WriteTryDispatch(writer, spec, names);
        foreach (var handler in spec.Handlers)
        {
            writer.Line();
            WriteHandler(writer, handler, names.MethodOf(handler), typeInfos);
        }

        if (typeInfos.Count > 0)
        {
            writer.Line();
            TypeInfoHelper(writer);
        }

        writer.CloseBrace();
    }

    /// <summary>The <c>[Authorize]</c> rules, one static array each: CONNECT's (read by the runtime before middleware) and each guarded handler's.</summary>
    private static void WriteAuthorizationFields(SourceWriter writer, NamespaceSpec spec, DispatcherNames names)
    {
        if (spec.ConnectAuthorization.Count > 0)
        {
            writer.Declaration("internal static readonly " + AuthorizeData + "[]", ConnectAuthorizationField + " = " + RuleLiteral(spec.ConnectAuthorization) + ";");
        }

        foreach (var handler in spec.Handlers.Where(h => h.Authorization.Count > 0))
        {
            writer.Declaration("private static readonly " + AuthorizeData + "[]", names.AuthorizationOf(handler) + " = " + RuleLiteral(handler.Authorization) + ";");
        }
    }

    private static string RuleLiteral(EquatableArray<AuthorizeSpec> rule) =>
        "[" + string.Join(", ", rule.Select(data =>
        {
            var arguments = new List<string>();
            if (data.Policy is not null)
            {
                arguments.Add("policy: " + Literal(data.Policy));
            }

            if (data.Roles is not null)
            {
                arguments.Add("roles: " + Literal(data.Roles));
            }

            return "new(" + string.Join(", ", arguments) + ")";
        })) + "]";

    /// <summary>A <c>JsonTypeInfo</c> the dispatcher looks up once, when it is created.</summary>
    private sealed record TypeInfoField(string Type, string Name);

    /// <summary>The names of the dispatcher's members: its fixed ones, one field per JSON type, one method per handler, none the same.</summary>
    private sealed class DispatcherNames
    {
        private readonly Dictionary<HandlerSpec, string> _methods = [];

        public DispatcherNames(NamespaceSpec spec)
        {
            var taken = new HashSet<string>(System.StringComparer.Ordinal)
            {
                spec.DispatcherName, "_namespace", "_json", "OnConnectAsync", "OnDisconnectingAsync", "OnDisconnectAsync", "TryDispatch", "TypeInfo",
                ConnectAuthorizationField,
            };

            var values = spec.Handlers.SelectMany(h => h.Parameters.Select(p => p.Value).Concat(h.AckValues)).Where(v => v.Kind == ValueKind.Json);
            if (spec.Connect?.Extra is { Kind: not ValueKind.JsonElement } auth)
            {
                values = values.Append(auth); // read through its type info whatever its kind
            }

            foreach (var value in values)
            {
                if (!TypeInfos.ContainsKey(value.RuntimeType))
                {
                    var name = Names.Unique("_" + TypeStem(value.RuntimeType) + "Info", taken.Contains);
                    taken.Add(name);
                    TypeInfos[value.RuntimeType] = new TypeInfoField(value.TypeInfoType, name);
                }
            }

            foreach (var handler in spec.Handlers)
            {
                var name = Names.Unique(handler.MethodName, taken.Contains);
                taken.Add(name);
                _methods[handler] = name;
            }

            foreach (var handler in spec.Handlers.Where(h => h.Authorization.Count > 0))
            {
                var name = Names.Unique(_methods[handler] + "Authorization", taken.Contains);
                taken.Add(name);
                _authorizations[handler] = name;
            }
        }

        private readonly Dictionary<HandlerSpec, string> _authorizations = [];

        /// <summary>The static field holding a handler's <c>[Authorize]</c> rule; only for handlers that have one.</summary>
        public string AuthorizationOf(HandlerSpec handler) => _authorizations[handler];

        /// <summary>The fields, by the runtime type they are for.</summary>
        public Dictionary<string, TypeInfoField> TypeInfos { get; } = [];

        /// <summary>The dispatcher's method for a handler: the handler's own name, numbered when it is overloaded or taken.</summary>
        public string MethodOf(HandlerSpec handler) => _methods[handler];
    }

    private static void WriteConnect(SourceWriter writer, LifecycleSpec? connect, Dictionary<string, TypeInfoField> typeInfos)
    {
        var signature = "public " + ValueTask + " OnConnectAsync(" + Socket + " socket)";
        if (connect is null)
        {
            writer.ExpressionBodied(signature, "default;");
            return;
        }

        writer.Line(signature);
        writer.OpenBrace();
        var arguments = new List<string>();
        if (connect.TakesSocket)
        {
            arguments.Add("socket");
        }

        if (connect.Extra is { } auth)
        {
            writer.Line("var auth = " + ReadAuth(auth, typeInfos) + ";");
            arguments.Add("auth");
        }

        if (connect.TakesCancellationToken)
        {
            arguments.Add("socket.DisconnectToken");
        }

        var call = "_namespace." + connect.MethodName + "(" + string.Join(", ", arguments) + ")";
        var refuse = "throw new " + ConnectionRefused + "(\"Connection rejected by server\");";
        switch (connect.Return)
        {
            case ReturnKind.Void:
                writer.Lines($$"""
                    {{call}};
                    return default;
                    """);
                break;
            case ReturnKind.Value:
                writer.Lines($$"""
                    if (!{{call}})
                    {
                        {{refuse}}
                    }

                    return default;
                    """);
                break;
            case ReturnKind.Task:
                writer.Line("return new " + ValueTask + "(" + call + ");");
                break;
            case ReturnKind.ValueTask:
                writer.Line("return " + call + ";");
                break;
            default:
                var pending = (connect.Return == ReturnKind.TaskOfValue ? Task : ValueTask) + "<bool>";
                writer.Lines($$"""
                    return RefuseUnlessAcceptedAsync({{call}});

                    static async {{ValueTask}} RefuseUnlessAcceptedAsync({{pending}} accepted)
                    {
                        if (!await accepted.ConfigureAwait(false))
                        {
                            {{refuse}}
                        }
                    }
                    """);
                break;
        }

        writer.CloseBrace();
    }

    private static string ReadAuth(ValueSpec auth, Dictionary<string, TypeInfoField> typeInfos) => auth.Kind == ValueKind.JsonElement
        ? "socket.Handshake.Auth"
        : "global::TypedSocketIO.Dispatch.HandshakeAuth.Read(socket, " + typeInfos[auth.RuntimeType].Name + ", allowsNull: "
            + (auth.AllowsNull ? "true)" : "false)!");

    private static void WriteDisconnect(SourceWriter writer, string name, LifecycleSpec? handler)
    {
        string[] parameters = [Socket + " socket", DisconnectReason + " reason"];
        if (handler is null)
        {
            writer.Signature("public " + ValueTask + " " + name, parameters, " => default;");
            return;
        }

        var arguments = new List<string>();
        if (handler.TakesSocket)
        {
            arguments.Add("socket");
        }

        if (handler.TakesReason)
        {
            arguments.Add("reason");
        }

        if (handler.TakesCancellationToken)
        {
            arguments.Add("socket.DisconnectToken");
        }

        var call = "_namespace." + handler.MethodName + "(" + string.Join(", ", arguments) + ")";
        writer.Signature("public " + ValueTask + " " + name, parameters);
        writer.OpenBrace();
        switch (handler.Return)
        {
            case ReturnKind.Task:
                writer.Line("return new " + ValueTask + "(" + call + ");");
                break;
            case ReturnKind.ValueTask:
                writer.Line("return " + call + ";");
                break;
            default:
                writer.Lines($$"""
                    {{call}};
                    return default;
                    """);
                break;
        }

        writer.CloseBrace();
    }

    private static void WriteTryDispatch(SourceWriter writer, NamespaceSpec spec, DispatcherNames names)
    {
        writer.Signature("public bool TryDispatch", [Socket + " socket", "in " + IncomingEvent + " incoming", "out " + ValueTask + " handling"]);
        writer.OpenBrace();
        if (spec.Handlers.Count > 0)
        {
            writer.Line("var name = incoming.NameUtf8.Span;");
            writer.Line("switch (name.Length)");
            writer.OpenBrace();
            foreach (var group in spec.Handlers.GroupBy(h => System.Text.Encoding.UTF8.GetByteCount(h.EventName)).OrderBy(g => g.Key))
            {
                writer.Line("case " + group.Key + ":");
                writer.OpenBrace();
                foreach (var handler in group)
                {
                    writer.Line("if (global::System.MemoryExtensions.SequenceEqual(name, " + Utf8Literal(handler.EventName) + "))");
                    writer.OpenBrace();
                    if (handler.Authorization.Count == 0)
                    {
                        writer.Line("handling = " + names.MethodOf(handler) + "(socket, incoming);");
                    }
                    else
                    {
                        // Checked before the arguments are read: a refused event costs no binding.
                        writer.Lines($$"""
                            handling = {{EventAuthorization}}.RunIfAuthorized(
                                this,
                                socket,
                                incoming,
                                {{names.AuthorizationOf(handler)}},
                                static (dispatcher, s, e) => dispatcher.{{names.MethodOf(handler)}}(s, e));
                            """);
                    }

                    writer.Line("return true;");
                    writer.CloseBrace();
                    writer.Line();
                }

                writer.Line("break;");
                writer.CloseBrace();
            }

            writer.CloseBrace();
            writer.Line();
        }

        writer.Lines("""
            handling = default;
            return false;
            """);
        writer.CloseBrace();
    }

    private static void WriteHandler(SourceWriter writer, HandlerSpec handler, string methodName, Dictionary<string, TypeInfoField> typeInfos)
    {
        writer.Line("/// <summary>The <c>" + DocText(handler.EventName) + "</c> event.</summary>");
        writer.Signature("private " + ValueTask + " " + methodName, [Socket + " socket", "in " + IncomingEvent + " incoming"]);
        writer.OpenBrace();

        var arguments = new List<string>();
        if (handler.TakesSocket)
        {
            arguments.Add("socket");
        }

        if (handler.Parameters.Count > 0)
        {
            writer.Line("var arguments = incoming.Arguments.CreateReader();");
            foreach (var parameter in handler.Parameters)
            {
                var read = Read(parameter.Value, "arguments", TypeInfoOf(parameter.Value, typeInfos));
                var local = LocalName(parameter.Name);
                writer.Line(parameter.DefaultValue is null
                    ? "var " + local + " = " + read + ";"
                    : parameter.Value.Type + " " + local + " = arguments.HasNext ? " + read + " : " + parameter.DefaultValue + ";");
                arguments.Add(local);
            }

            writer.Line();
        }

        if (handler.TakesCancellationToken)
        {
            arguments.Add("socket.DisconnectToken");
        }

        var call = "_namespace." + handler.MethodName + "(" + string.Join(", ", arguments) + ")";
        switch (handler.Return)
        {
            case ReturnKind.Void:
                writer.Line(call + ";");
                WriteAckIfWanted(writer, handler, "incoming.AckId", resultExpression: null, typeInfos, guard: "incoming.WantsAck");
                writer.Line();
                writer.Line("return default;");
                break;
            case ReturnKind.Value:
                writer.Line("var result = " + call + ";");
                WriteAckIfWanted(writer, handler, "incoming.AckId", "result", typeInfos, guard: "incoming.WantsAck");
                writer.Line();
                writer.Line("return default;");
                break;
            case ReturnKind.Task or ReturnKind.ValueTask or ReturnKind.TaskOfValue:
                writer.Lines($$"""
                    var pending = {{call}};
                    if (!incoming.WantsAck)
                    {
                        {{(handler.Return == ReturnKind.ValueTask ? "return pending;" : "return new " + ValueTask + "(pending);")}}
                    }

                    return AcknowledgeAsync(socket, incoming.AckId, pending);

                    """);
                WriteAcknowledgeFunction(writer, handler, typeInfos);
                break;
            default:
                writer.Line("return AcknowledgeAsync(socket, incoming.AckId, " + call + ");");
                writer.Line();
                WriteAcknowledgeFunction(writer, handler, typeInfos);
                break;
        }

        writer.CloseBrace();
    }

    /// <summary>The local function that awaits an async handler and then sends its ack.</summary>
    private static void WriteAcknowledgeFunction(SourceWriter writer, HandlerSpec handler, Dictionary<string, TypeInfoField> typeInfos)
    {
        var pending = handler.Return switch
        {
            ReturnKind.Task => Task,
            ReturnKind.ValueTask => ValueTask,
            ReturnKind.TaskOfValue => Task + "<" + handler.ResultType + ">",
            _ => ValueTask + "<" + handler.ResultType + ">",
        };
        writer.Signature("async " + ValueTask + " AcknowledgeAsync", [Socket + " socket", "long ackId", pending + " pending"]);
        writer.OpenBrace();
        if (handler.ResultType is null)
        {
            writer.Line("await pending.ConfigureAwait(false);");
            WriteAckIfWanted(writer, handler, "ackId", resultExpression: null, typeInfos, guard: "ackId >= 0");
        }
        else
        {
            writer.Line("var result = await pending.ConfigureAwait(false);");
            WriteAckIfWanted(writer, handler, "ackId", "result", typeInfos, guard: "ackId >= 0");
        }

        writer.CloseBrace();
    }

    private static void WriteAckIfWanted(SourceWriter writer, HandlerSpec handler, string ackId, string? resultExpression, Dictionary<string, TypeInfoField> typeInfos, string guard)
    {
        writer.Line("if (" + guard + ")");
        writer.OpenBrace();
        writer.Line("using var ack = " + PacketBuilder + ".ForAck(_json);");
        if (resultExpression is not null)
        {
            for (var i = 0; i < handler.AckValues.Count; i++)
            {
                var value = handler.AckValues[i];
                var expression = handler.AckValues.Count == 1 ? resultExpression : resultExpression + ".Item" + (i + 1);
                writer.Line(Write(value, "ack", expression, TypeInfoOf(value, typeInfos)));
            }
        }

        writer.Line("socket.Send(ack.Build(socket.Namespace.Name, " + ackId + "));");
        writer.CloseBrace();
    }

    /// <summary>The parameter's own name, unless it would clash with the dispatcher's locals.</summary>
    private static string LocalName(string parameter) =>
        parameter is "socket" or "incoming" or "arguments" or "result" or "ack" or "pending" or "ackId" || parameter.StartsWith("_", System.StringComparison.Ordinal)
            ? parameter + "Argument"
            : Identifier(parameter);

    private static string TypeInfoOf(ValueSpec value, Dictionary<string, TypeInfoField> typeInfos) =>
        typeInfos.TryGetValue(value.RuntimeType, out var field) ? field.Name : "";
}
