using System.Collections.Generic;
using System.Linq;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Generators;

/// <summary>Writes <c>{Namespace}.g.cs</c>: registration members, the typed emit surface and the dispatcher.</summary>
internal static class NamespaceEmitter
{
    private const string Socket = "global::TypedSocketIO.Socket";
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string PacketBuilder = "global::TypedSocketIO.Dispatch.PacketBuilder";
    private const string JsonTypeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";

    public static string Emit(NamespaceSpec spec)
    {
        var writer = new SourceWriter();
        TypedSocketIO.Generators.Emit.FileHeader(writer, spec.ContainingNamespace);
        var contract = "global::TypedSocketIO.Dispatch.IGeneratedNamespace<" + spec.FullyQualifiedName + ">";

        writer.Line("partial class " + spec.ClassName + " : " + contract);
        writer.OpenBrace();
        writer.Line(TypedSocketIO.Generators.Emit.GeneratedCode);
        writer.Line("static string " + contract + ".Path => " + TypedSocketIO.Generators.Emit.Literal(spec.Path) + ";");
        writer.Line();
        WriteFactory(writer, spec, contract);
        writer.Line();
        writer.Line(TypedSocketIO.Generators.Emit.GeneratedCode);
        writer.Line("static global::TypedSocketIO.Dispatch.INamespaceHandler " + contract + ".CreateHandler(" + spec.FullyQualifiedName + " instance, global::TypedSocketIO.ServerNamespace runtime) =>");
        writer.Line("    new Dispatcher(instance, runtime.Server.JsonOptions);");
        if (spec.Client is { } client)
        {
            writer.Line();
            WriteEmitSurface(writer, client);
        }

        writer.Line();
        WriteDispatcher(writer, spec);
        writer.CloseBrace();
        return writer.ToString();
    }

    private static void WriteFactory(SourceWriter writer, NamespaceSpec spec, string contract)
    {
        writer.Line(TypedSocketIO.Generators.Emit.GeneratedCode);
        writer.Line("static " + spec.FullyQualifiedName + " " + contract + ".Create(global::System.IServiceProvider services) =>");
        if (spec.ConstructorParameterTypes.Count == 0)
        {
            writer.Line("    new();");
            return;
        }

        writer.Line("    new(");
        for (var i = 0; i < spec.ConstructorParameterTypes.Count; i++)
        {
            var separator = i == spec.ConstructorParameterTypes.Count - 1 ? ");" : ",";
            writer.Line("        global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<"
                + spec.ConstructorParameterTypes[i] + ">(services)" + separator);
        }
    }

    private static void WriteEmitSurface(SourceWriter writer, ClientSpec client)
    {
        var proxy = client.ProxyType;
        var generated = TypedSocketIO.Generators.Emit.GeneratedCode;
        writer.Line(generated);
        writer.Line("private " + proxy + "? _all;");
        writer.Line();
        writer.Line("/// <summary>Every socket of this namespace.</summary>");
        writer.Line(generated);
        writer.Line("public " + proxy + " All => _all ??= new(global::TypedSocketIO.Dispatch.EmitTarget.ForBroadcast(Runtime.All));");
        writer.Line();
        writer.Line("/// <summary>The sockets in <paramref name=\"room\"/>.</summary>");
        writer.Line(generated);
        writer.Line("public " + proxy + " To(string room) => All.To(room);");
        writer.Line();
        writer.Line("/// <summary>Every socket but those in <paramref name=\"room\"/>.</summary>");
        writer.Line(generated);
        writer.Line("public " + proxy + " Except(string room) => All.Except(room);");
        writer.Line();
        writer.Line("/// <summary>Every socket but <paramref name=\"socket\"/>.</summary>");
        writer.Line(generated);
        writer.Line("public " + proxy + " Except(" + Socket + " socket) => All.Except(socket);");
        writer.Line();
        writer.Line("/// <summary>The one client behind <paramref name=\"socket\"/>.</summary>");
        writer.Line(generated);
        writer.Line("public " + proxy + " Client(" + Socket + " socket) => new(global::TypedSocketIO.Dispatch.EmitTarget.ForSocket(socket));");
    }

    private static void WriteDispatcher(SourceWriter writer, NamespaceSpec spec)
    {
        var typeInfos = TypeInfoFields(spec);

        writer.Line("/// <summary>Routes each event of the namespace to its handler, binding arguments from the JSON as it goes.</summary>");
        writer.Line(TypedSocketIO.Generators.Emit.GeneratedCode);
        writer.Line("private sealed class Dispatcher : global::TypedSocketIO.Dispatch.INamespaceHandler");
        writer.OpenBrace();
        writer.Line("private readonly " + spec.FullyQualifiedName + " _namespace;");
        writer.Line("private readonly global::System.Text.Json.JsonSerializerOptions _json;");
        foreach (var typeInfo in typeInfos.Values)
        {
            writer.Line("private readonly " + JsonTypeInfo + "<" + typeInfo.Type + "> " + typeInfo.Field + ";");
        }

        writer.Line();
        writer.Line("public Dispatcher(" + spec.FullyQualifiedName + " ns, global::System.Text.Json.JsonSerializerOptions json)");
        writer.OpenBrace();
        writer.Line("_namespace = ns;");
        writer.Line("_json = json;");
        foreach (var typeInfo in typeInfos.Values)
        {
            writer.Line(typeInfo.Field + " = (" + JsonTypeInfo + "<" + typeInfo.Type + ">)json.GetTypeInfo(typeof(" + typeInfo.RuntimeType + "));");
        }

        writer.CloseBrace();
        writer.Line();
        WriteConnect(writer, spec.Connect, typeInfos);
        writer.Line();
        WriteDisconnect(writer, "OnDisconnectingAsync", spec.Disconnecting);
        writer.Line();
        WriteDisconnect(writer, "OnDisconnectAsync", spec.Disconnect);
        writer.Line();
        WriteTryDispatch(writer, spec);
        foreach (var handler in spec.Handlers)
        {
            writer.Line();
            WriteHandler(writer, handler, DispatcherMethodName(spec, handler), typeInfos);
        }

        writer.CloseBrace();
    }

    /// <summary>A <c>JsonTypeInfo</c> field of the dispatcher.</summary>
    private sealed record TypeInfoField(string Type, string RuntimeType, string Field);

    /// <summary>One <c>JsonTypeInfo</c> field per JSON-bound type, looked up once when the dispatcher is created.</summary>
    private static Dictionary<string, TypeInfoField> TypeInfoFields(NamespaceSpec spec)
    {
        var values = spec.Handlers.SelectMany(h => h.Parameters.Select(p => p.Value).Concat(h.AckValues));
        if (spec.Connect?.Extra is { } auth)
        {
            values = values.Append(auth);
        }

        var fields = new Dictionary<string, TypeInfoField>();
        var used = new HashSet<string>();
        foreach (var value in values.Where(v => v.Kind == ValueKind.Json))
        {
            if (fields.ContainsKey(value.RuntimeType))
            {
                continue;
            }

            var stem = FieldStem(value.RuntimeType);
            var name = "_" + stem + "Info";
            for (var suffix = 2; !used.Add(name); suffix++)
            {
                name = "_" + stem + suffix + "Info";
            }

            fields[value.RuntimeType] = new TypeInfoField(value.TypeInfoType, value.RuntimeType, name);
        }

        return fields;
    }

    private static string FieldStem(string type)
    {
        // global::MyApp.ChatMessage → chatMessage; global::System.Collections.Generic.List<global::MyApp.Item> → listOfItem
        var words = new List<string>();
        foreach (var part in type.Replace("global::", "").Split('<', '>', ',', '[', ']', '?', ' ', '(', ')'))
        {
            var simple = new string(part.Substring(part.LastIndexOf('.') + 1).Where(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
            if (simple.Length > 0)
            {
                words.Add(words.Count == 0 ? char.ToLowerInvariant(simple[0]) + simple.Substring(1) : char.ToUpperInvariant(simple[0]) + simple.Substring(1));
            }
        }

        var stem = words.Count == 0 ? "value" : string.Join("Of", words);
        if (char.IsDigit(stem[0]))
        {
            stem = "value" + stem;
        }

        return type.EndsWith("[]", System.StringComparison.Ordinal) ? stem + "Array" : stem;
    }

    private static void WriteConnect(SourceWriter writer, LifecycleSpec? connect, Dictionary<string, TypeInfoField> typeInfos)
    {
        writer.Line("public " + ValueTask + " OnConnectAsync(" + Socket + " socket)");
        if (connect is null)
        {
            writer.Line("    => default;");
            return;
        }

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
        switch (connect.Return)
        {
            case ReturnKind.Void:
                writer.Line(call + ";");
                writer.Line("return default;");
                break;
            case ReturnKind.Value:
                writer.Line("if (!" + call + ")");
                writer.OpenBrace();
                writer.Line("throw new global::TypedSocketIO.ConnectionRefusedException(\"Connection rejected by server\");");
                writer.CloseBrace();
                writer.Line();
                writer.Line("return default;");
                break;
            case ReturnKind.Task:
                writer.Line("return new " + ValueTask + "(" + call + ");");
                break;
            case ReturnKind.ValueTask:
                writer.Line("return " + call + ";");
                break;
            default:
                writer.Line("return RefuseUnlessAcceptedAsync(" + call + ");");
                writer.Line();
                var pending = connect.Return == ReturnKind.TaskOfValue ? "global::System.Threading.Tasks.Task<bool>" : "global::System.Threading.Tasks.ValueTask<bool>";
                writer.Line("static async " + ValueTask + " RefuseUnlessAcceptedAsync(" + pending + " accepted)");
                writer.OpenBrace();
                writer.Line("if (!await accepted.ConfigureAwait(false))");
                writer.OpenBrace();
                writer.Line("throw new global::TypedSocketIO.ConnectionRefusedException(\"Connection rejected by server\");");
                writer.CloseBrace();
                writer.CloseBrace();
                break;
        }

        writer.CloseBrace();
    }

    private static string ReadAuth(ValueSpec auth, Dictionary<string, TypeInfoField> typeInfos) => auth.Kind switch
    {
        ValueKind.JsonElement => "socket.Handshake.Auth",
        ValueKind.Json => "global::TypedSocketIO.Dispatch.HandshakeAuth.Read(socket, " + typeInfos[auth.RuntimeType].Field + ", allowsNull: " + (auth.AllowsNull ? "true" : "false") + ")" + (auth.AllowsNull ? "" : "!"),
        _ => "global::TypedSocketIO.Dispatch.HandshakeAuth.Read(socket, (" + JsonTypeInfo + "<" + auth.TypeInfoType + ">)_json.GetTypeInfo(typeof(" + auth.RuntimeType + ")), allowsNull: " + (auth.AllowsNull ? "true" : "false") + ")" + (auth.AllowsNull ? "" : "!"),
    };

    private static void WriteDisconnect(SourceWriter writer, string name, LifecycleSpec? handler)
    {
        var signature = "public " + ValueTask + " " + name + "(" + Socket + " socket, global::TypedSocketIO.DisconnectReason reason)";
        if (handler is null)
        {
            writer.Line(signature);
            writer.Line("    => default;");
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
        writer.Line(signature);
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
                writer.Line(call + ";");
                writer.Line("return default;");
                break;
        }

        writer.CloseBrace();
    }

    private static void WriteTryDispatch(SourceWriter writer, NamespaceSpec spec)
    {
        writer.Line("public bool TryDispatch(" + Socket + " socket, in global::TypedSocketIO.Dispatch.IncomingEvent incoming, out " + ValueTask + " handling)");
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
                    writer.Line("if (global::System.MemoryExtensions.SequenceEqual(name, " + TypedSocketIO.Generators.Emit.Utf8Literal(handler.EventName) + "))");
                    writer.OpenBrace();
                    writer.Line("handling = " + DispatcherMethodName(spec, handler) + "(socket, incoming);");
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

        writer.Line("handling = default;");
        writer.Line("return false;");
        writer.CloseBrace();
    }

    /// <summary>The dispatcher's method for a handler: the handler's own name, numbered when the handler is overloaded.</summary>
    private static string DispatcherMethodName(NamespaceSpec spec, HandlerSpec handler)
    {
        var sameName = spec.Handlers.Where(h => h.MethodName == handler.MethodName).ToList();
        return sameName.Count == 1 ? handler.MethodName : handler.MethodName + (sameName.IndexOf(handler) + 1);
    }

    private static void WriteHandler(SourceWriter writer, HandlerSpec handler, string methodName, Dictionary<string, TypeInfoField> typeInfos)
    {
        writer.Line("/// <summary>The <c>" + TypedSocketIO.Generators.Emit.DocText(handler.EventName) + "</c> event.</summary>");
        writer.Line("private " + ValueTask + " " + methodName + "(" + Socket + " socket, in global::TypedSocketIO.Dispatch.IncomingEvent incoming)");
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
                var read = TypedSocketIO.Generators.Emit.Read(parameter.Value, "arguments", TypeInfoOf(parameter.Value, typeInfos));
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
                writer.Line("return default;");
                break;
            case ReturnKind.Value:
                writer.Line("var result = " + call + ";");
                WriteAckIfWanted(writer, handler, "incoming.AckId", "result", typeInfos, guard: "incoming.WantsAck");
                writer.Line("return default;");
                break;
            case ReturnKind.Task or ReturnKind.ValueTask or ReturnKind.TaskOfValue:
                writer.Line("var pending = " + call + ";");
                writer.Line("if (!incoming.WantsAck)");
                writer.OpenBrace();
                writer.Line(handler.Return == ReturnKind.ValueTask ? "return pending;" : "return new " + ValueTask + "(pending);");
                writer.CloseBrace();
                writer.Line();
                writer.Line("return AcknowledgeAsync(socket, incoming.AckId, pending);");
                writer.Line();
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
            ReturnKind.Task => "global::System.Threading.Tasks.Task",
            ReturnKind.ValueTask => ValueTask,
            ReturnKind.TaskOfValue => "global::System.Threading.Tasks.Task<" + handler.ResultType + ">",
            _ => "global::System.Threading.Tasks.ValueTask<" + handler.ResultType + ">",
        };
        writer.Line("async " + ValueTask + " AcknowledgeAsync(" + Socket + " socket, long ackId, " + pending + " pending)");
        writer.OpenBrace();
        if (handler.ResultType is null)
        {
            writer.Line("await pending.ConfigureAwait(false);");
            WriteAckIfWanted(writer, handler, "ackId", resultExpression: null, typeInfos, guard: "ackId >= 0", inLocalFunction: true);
        }
        else
        {
            writer.Line("var result = await pending.ConfigureAwait(false);");
            WriteAckIfWanted(writer, handler, "ackId", "result", typeInfos, guard: "ackId >= 0", inLocalFunction: true);
        }

        writer.CloseBrace();
    }

    private static void WriteAckIfWanted(SourceWriter writer, HandlerSpec handler, string ackId, string? resultExpression, Dictionary<string, TypeInfoField> typeInfos, string guard, bool inLocalFunction = false)
    {
        writer.Line("if (" + guard + ")");
        writer.OpenBrace();
        writer.Line("using var ack = " + PacketBuilder + ".ForAck(_json);");
        if (resultExpression is not null)
        {
            if (handler.AckValues.Count == 1)
            {
                var value = handler.AckValues[0];
                writer.Line(TypedSocketIO.Generators.Emit.Write(value, "ack", resultExpression, TypeInfoOf(value, typeInfos)));
            }
            else
            {
                for (var i = 0; i < handler.AckValues.Count; i++)
                {
                    var value = handler.AckValues[i];
                    writer.Line(TypedSocketIO.Generators.Emit.Write(value, "ack", resultExpression + ".Item" + (i + 1), TypeInfoOf(value, typeInfos)));
                }
            }
        }

        writer.Line("socket.Send(ack.Build(socket.Namespace.Name, " + ackId + "));");
        writer.CloseBrace();
        if (!inLocalFunction)
        {
            writer.Line();
        }
    }

    /// <summary>The parameter's own name, unless it would clash with the dispatcher's locals.</summary>
    private static string LocalName(string parameter) =>
        parameter is "socket" or "incoming" or "arguments" or "result" or "ack" or "pending" or "ackId" || parameter.StartsWith("_", System.StringComparison.Ordinal)
            ? parameter + "Argument"
            : TypedSocketIO.Generators.Emit.Identifier(parameter);

    private static string TypeInfoOf(ValueSpec value, Dictionary<string, TypeInfoField> typeInfos) =>
        typeInfos.TryGetValue(value.RuntimeType, out var field) ? field.Field : "";

}
