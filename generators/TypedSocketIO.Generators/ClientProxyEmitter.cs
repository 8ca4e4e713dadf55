using System.Collections.Generic;
using System.Linq;
using TypedSocketIO.Generators.Model;
using static TypedSocketIO.Generators.Emit;

namespace TypedSocketIO.Generators;

/// <summary>Writes <c>{Proxy}.g.cs</c>: the class that implements a client interface by emitting its events.</summary>
internal static class ClientProxyEmitter
{
    private const string EventArguments = "global::TypedSocketIO.EventArguments";
    private const string WeakTable = "global::System.Runtime.CompilerServices.ConditionalWeakTable";

    public static string Emit(ClientSpec client)
    {
        var writer = new SourceWriter();
        FileHeader(writer, client.ContainingNamespace);
        var proxy = client.ProxyName;
        var names = client.Members;
        var typeInfos = TypeInfoProperties(client);

        // With JSON values, the proxy carries their type infos from operator to operator.
        var carried = typeInfos.Count > 0 ? ", " + names.TypeInfos : "";
        var described = client.InterfaceType.Contains("<")
            ? "<c>" + DocText(client.InterfaceType.Replace("global::", "")) + "</c>"
            : "<see cref=\"" + client.InterfaceType.Replace("global::", "") + "\"/>";
        writer.Lines($$"""
            /// <summary>
            /// Sends the events of {{described}} to one socket or to a broadcast selection;
            /// each method encodes its packet once, whatever the number of targets.
            /// </summary>
            {{GeneratedCode}}
            {{(client.IsPublic ? "public" : "internal")}} sealed class {{proxy}} : {{client.InterfaceType}}
            """);
        writer.OpenBrace();
        writer.Line("private readonly " + EmitTarget + " " + names.Target + ";");
        if (typeInfos.Count > 0)
        {
            writer.Lines($$"""
                private readonly {{names.TypeInfosClass}} {{names.TypeInfos}};

                /// <summary>Sends to <paramref name="target"/>.</summary>
                public {{proxy}}({{EmitTarget}} target)
                    : this(target, {{names.TypeInfosClass}}.For(target.JsonOptions))
                {
                }

                private {{proxy}}({{EmitTarget}} target, {{names.TypeInfosClass}} typeInfos)
                {
                    {{names.Target}} = target;
                    {{names.TypeInfos}} = typeInfos;
                }
                """);
        }
        else
        {
            writer.Lines($$"""

                /// <summary>Sends to <paramref name="target"/>.</summary>
                public {{proxy}}({{EmitTarget}} target)
                {
                    {{names.Target}} = target;
                }
                """);
        }

        var target = names.Target;
        string Why(string name, string chosen) =>
            name == chosen ? "" : " (<c>" + name + "</c> is an event of the interface)";
        writer.Lines($$"""

            /// <summary>Narrows to the sockets in <paramref name="room"/> (from one socket: the others in that room){{Why("To", names.To)}}.</summary>
            public {{proxy}} {{names.To}}(string room) => new({{target}}.To(room){{carried}});

            /// <summary>Leaves out the sockets in <paramref name="room"/>{{Why("Except", names.Except)}}.</summary>
            public {{proxy}} {{names.Except}}(string room) => new({{target}}.Except(room){{carried}});

            /// <summary>Leaves out <paramref name="socket"/>{{Why("Except", names.Except)}}.</summary>
            public {{proxy}} {{names.Except}}({{Socket}} socket) => new({{target}}.Except(socket){{carried}});

            /// <summary>Drops the events for clients that cannot take them right now{{Why("Volatile", names.Volatile)}}.</summary>
            public {{proxy}} {{names.Volatile}} => new({{target}}.Volatile{{carried}});

            /// <summary>Reaches this server's sockets only{{Why("Local", names.Local)}}.</summary>
            public {{proxy}} {{names.Local}} => new({{target}}.Local{{carried}});

            /// <summary>How long the methods that wait for acknowledgements wait{{Why("Timeout", names.Timeout)}}.</summary>
            public {{proxy}} {{names.Timeout}}(global::System.TimeSpan timeout) => new({{target}}.Timeout(timeout){{carried}});
            """);

        foreach (var method in client.Methods)
        {
            writer.Line();
            WriteMethod(writer, client, method, typeInfos);
        }

        if (typeInfos.Count > 0)
        {
            writer.Line();
            WriteTypeInfos(writer, names.TypeInfosClass, typeInfos);
        }

        writer.CloseBrace();
        return writer.ToString();
    }

    private static void WriteMethod(SourceWriter writer, ClientSpec client, ClientMethodSpec method, Dictionary<string, TypeInfoProperty> typeInfos)
    {
        var target = client.Members.Target;
        var parameters = method.Parameters.Select(p => p.Value.Type + " " + ParameterName(p.Name, client.Members)).ToList();
        if (method.TakesCancellationToken)
        {
            parameters.Add(CancellationToken + " cancellationToken");
        }

        var token = method.TakesCancellationToken ? ", cancellationToken" : "";
        var waits = method.Ack switch
        {
            AckKind.None => "",
            AckKind.Single => " and waits for the answer",
            _ => " and waits for the answer of every target",
        };
        writer.Line("/// <summary>Emits <c>" + DocText(method.EventName) + "</c>" + waits + ".</summary>");
        var isAsync = method.Ack != AckKind.None;
        writer.Signature("public " + (isAsync ? "async " : "") + method.ReturnType + " " + method.MethodName, parameters);
        writer.OpenBrace();

        var newPacket = PacketBuilder + ".ForEvent(" + Literal(method.EventName) + ", " + target + ".JsonOptions)";
        if (method.Ack == AckKind.None)
        {
            writer.Line("using var packet = " + newPacket + ";");
            WriteArguments(writer, method.Parameters, typeInfos, client.Members);
            writer.Line("return " + target + ".SendAsync(packet)" + (method.ReturnsTask ? ".AsTask();" : ";"));
            writer.CloseBrace();
            return;
        }

        var answers = method.Ack == AckKind.Single ? EventArguments : ReadOnlyList + "<" + EventArguments + ">";
        writer.Line(Task + "<" + answers + "> answer;");
        writer.Line("using (var packet = " + newPacket + ")");
        writer.OpenBrace();
        WriteArguments(writer, method.Parameters, typeInfos, client.Members);
        writer.Line(method.Ack == AckKind.Single
            ? "answer = " + target + ".SendWithAckAsync(packet" + token + ");"
            : "answer = " + target + ".BroadcastWithAckAsync(packet" + token + ");");
        writer.CloseBrace();
        writer.Line();

        var value = method.AckValue!;
        var typeInfo = TypeInfoOf(value, typeInfos, client.Members.TypeInfos) ?? "";
        if (method.Ack == AckKind.Single)
        {
            writer.Lines($$"""
                var reader = (await answer.ConfigureAwait(false)).CreateReader();
                return {{Read(value, "reader", typeInfo)}};
                """);
        }
        else
        {
            writer.Lines($$"""
                var answers = await answer.ConfigureAwait(false);
                var results = new {{List}}<{{value.Type}}>(answers.Count);
                foreach (var arguments in answers)
                {
                    var reader = arguments.CreateReader();
                    results.Add({{Read(value, "reader", typeInfo)}});
                }

                return results;
                """);
        }

        writer.CloseBrace();
    }

    /// <summary>A <c>JsonTypeInfo</c> property of the proxy's type-info holder.</summary>
    private sealed record TypeInfoProperty(string Type, string Name);

    /// <summary>
    /// One property per JSON type the proxy writes by its static type or reads from an
    /// acknowledgement (a value that may be binary at run time is written by its runtime type instead).
    /// </summary>
    private static Dictionary<string, TypeInfoProperty> TypeInfoProperties(ClientSpec client)
    {
        var values = client.Methods
            .SelectMany(m => m.Parameters.Select(p => p.Value).Where(v => !v.MayHoldBinary).Append(m.AckValue))
            .OfType<ValueSpec>()
            .Where(v => v.Kind == ValueKind.Json);
        var taken = new HashSet<string>(System.StringComparer.Ordinal) { client.Members.TypeInfosClass, "For", "Cache", "TypeInfo" };
        var properties = new Dictionary<string, TypeInfoProperty>();
        foreach (var value in values)
        {
            if (!properties.ContainsKey(value.RuntimeType))
            {
                var stem = TypeStem(value.RuntimeType);
                var name = Names.Unique(char.ToUpperInvariant(stem[0]) + stem.Substring(1), taken.Contains);
                taken.Add(name);
                properties[value.RuntimeType] = new TypeInfoProperty(value.TypeInfoType, name);
            }
        }

        return properties;
    }

    /// <summary>The nested class holding the type infos, looked up once per <c>JsonSerializerOptions</c> and shared by every proxy on them.</summary>
    private static void WriteTypeInfos(SourceWriter writer, string className, Dictionary<string, TypeInfoProperty> typeInfos)
    {
        writer.Lines($$"""
            /// <summary>The <c>JsonTypeInfo</c> of each JSON value, looked up once for each <c>JsonSerializerOptions</c>.</summary>
            private sealed class {{className}}
            """);
        writer.OpenBrace();
        writer.Lines($$"""
            private static readonly {{WeakTable}}<
                {{JsonSerializerOptions}}, {{className}}> Cache = new();
            """);
        writer.Line();
        writer.Line("private " + className + "(" + JsonSerializerOptions + " json)");
        writer.OpenBrace();
        foreach (var typeInfo in typeInfos.Values)
        {
            writer.Line(typeInfo.Name + " = TypeInfo<" + typeInfo.Type + ">(json);");
        }

        writer.CloseBrace();
        foreach (var typeInfo in typeInfos.Values)
        {
            writer.Line();
            writer.Declaration("public " + JsonTypeInfo + "<" + typeInfo.Type + ">", typeInfo.Name + " { get; }");
        }

        writer.Line();
        writer.ExpressionBodied("public static " + className + " For(" + JsonSerializerOptions + " json)", "Cache.GetValue(json, static options => new(options));");
        writer.Line();
        TypeInfoHelper(writer);
        writer.CloseBrace();
    }

    /// <summary>The parameter's own name, unless it would clash with the method's locals or hide the proxy's fields.</summary>
    private static string ParameterName(string name, ProxyMemberNames members) =>
        name is "packet" or "answer" or "answers" or "results" or "arguments" or "reader" or "cancellationToken"
            || name == members.Target || name == members.TypeInfos
            ? name + "Argument"
            : Identifier(name);

    private static void WriteArguments(SourceWriter writer, IEnumerable<ParameterSpec> parameters, Dictionary<string, TypeInfoProperty> typeInfos, ProxyMemberNames members)
    {
        foreach (var parameter in parameters)
        {
            var typeInfo = parameter.Value.MayHoldBinary ? null : TypeInfoOf(parameter.Value, typeInfos, members.TypeInfos);
            writer.Line(Write(parameter.Value, "packet", ParameterName(parameter.Name, members), typeInfo));
        }
    }

    private static string? TypeInfoOf(ValueSpec value, Dictionary<string, TypeInfoProperty> typeInfos, string holder) =>
        typeInfos.TryGetValue(value.RuntimeType, out var property) ? holder + "." + property.Name : null;
}
