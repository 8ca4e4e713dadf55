using System.Collections.Generic;
using System.Linq;
using TypedSocketIO.Generators.Model;

namespace TypedSocketIO.Generators;

/// <summary>Writes <c>{Proxy}.g.cs</c>: the class that implements a client interface by emitting its events.</summary>
internal static class ClientProxyEmitter
{
    private const string Target = "global::TypedSocketIO.Dispatch.EmitTarget";
    private const string PacketBuilder = "global::TypedSocketIO.Dispatch.PacketBuilder";
    private const string EventArguments = "global::TypedSocketIO.EventArguments";

    public static string Emit(ClientSpec client)
    {
        var writer = new SourceWriter();
        TypedSocketIO.Generators.Emit.FileHeader(writer, client.ContainingNamespace);
        var proxy = client.ProxyName;

        writer.Line("/// <summary>");
        var described = client.InterfaceType.Contains("<")
            ? "<c>" + TypedSocketIO.Generators.Emit.DocText(client.InterfaceType.Replace("global::", "")) + "</c>"
            : "<see cref=\"" + client.InterfaceType.Replace("global::", "") + "\"/>";
        writer.Line("/// Sends the events of " + described + " to one socket or to a broadcast selection;");
        writer.Line("/// each method encodes its packet once, whatever the number of targets.");
        writer.Line("/// </summary>");
        writer.Line(TypedSocketIO.Generators.Emit.GeneratedCode);
        writer.Line((client.IsPublic ? "public" : "internal") + " sealed class " + proxy + " : " + client.InterfaceType);
        writer.OpenBrace();
        writer.Line("private readonly " + Target + " _target;");
        writer.Line();
        writer.Line("/// <summary>Sends to <paramref name=\"target\"/>.</summary>");
        writer.Line("public " + proxy + "(" + Target + " target)");
        writer.OpenBrace();
        writer.Line("_target = target;");
        writer.CloseBrace();
        writer.Line();
        writer.Line("/// <summary>Narrows to the sockets in <paramref name=\"room\"/> (from one socket: the others in that room).</summary>");
        writer.Line("public " + proxy + " To(string room) => new(_target.To(room));");
        writer.Line();
        writer.Line("/// <summary>Leaves out the sockets in <paramref name=\"room\"/>.</summary>");
        writer.Line("public " + proxy + " Except(string room) => new(_target.Except(room));");
        writer.Line();
        writer.Line("/// <summary>Leaves out <paramref name=\"socket\"/>.</summary>");
        writer.Line("public " + proxy + " Except(global::TypedSocketIO.Socket socket) => new(_target.Except(socket));");
        writer.Line();
        writer.Line("/// <summary>Drops the events for clients that cannot take them right now.</summary>");
        writer.Line("public " + proxy + " Volatile => new(_target.Volatile());");
        writer.Line();
        writer.Line("/// <summary>Reaches this server's sockets only.</summary>");
        writer.Line("public " + proxy + " Local => new(_target.Local());");
        writer.Line();
        writer.Line("/// <summary>How long the methods that wait for acknowledgements wait.</summary>");
        writer.Line("public " + proxy + " Timeout(global::System.TimeSpan timeout) => new(_target.Timeout(timeout));");

        foreach (var method in client.Methods)
        {
            writer.Line();
            WriteMethod(writer, method);
        }

        writer.CloseBrace();
        return writer.ToString();
    }

    private static void WriteMethod(SourceWriter writer, ClientMethodSpec method)
    {
        var parameters = method.Parameters.Select(p => p.Value.Type + " " + ParameterName(p.Name)).ToList();
        if (method.TakesCancellationToken)
        {
            parameters.Add("global::System.Threading.CancellationToken cancellationToken");
        }

        var token = method.TakesCancellationToken ? ", cancellationToken" : "";
        writer.Line("/// <summary>Emits <c>" + TypedSocketIO.Generators.Emit.DocText(method.EventName) + "</c>"
            + (method.Ack == AckKind.None ? "" : " and waits for the answer" + (method.Ack == AckKind.List ? " of every target" : "")) + ".</summary>");
        var isAsync = method.Ack != AckKind.None;
        writer.Line("public " + (isAsync ? "async " : "") + method.ReturnType + " " + method.MethodName + "(" + string.Join(", ", parameters) + ")");
        writer.OpenBrace();

        if (method.Ack == AckKind.None)
        {
            writer.Line("using var packet = " + PacketBuilder + ".ForEvent(" + TypedSocketIO.Generators.Emit.Literal(method.EventName) + ", _target.JsonOptions);");
            WriteArguments(writer, method.Parameters);
            writer.Line(method.ReturnsTask ? "return _target.SendAsync(packet).AsTask();" : "return _target.SendAsync(packet);");
            writer.CloseBrace();
            return;
        }

        var answerType = method.Ack == AckKind.Single
            ? "global::System.Threading.Tasks.Task<" + EventArguments + ">"
            : "global::System.Threading.Tasks.Task<global::System.Collections.Generic.IReadOnlyList<" + EventArguments + ">>";
        writer.Line(answerType + " answer;");
        writer.Line("using (var packet = " + PacketBuilder + ".ForEvent(" + TypedSocketIO.Generators.Emit.Literal(method.EventName) + ", _target.JsonOptions))");
        writer.OpenBrace();
        WriteArguments(writer, method.Parameters);
        writer.Line(method.Ack == AckKind.Single
            ? "answer = _target.SendWithAckAsync(packet" + token + ");"
            : "answer = _target.BroadcastWithAckAsync(packet" + token + ");");
        writer.CloseBrace();
        writer.Line();

        var value = method.AckValue!;
        var typeInfo = value.Kind == ValueKind.Json ? "typeInfo" : "";
        if (value.Kind == ValueKind.Json)
        {
            writer.Line("var typeInfo = (global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<" + value.TypeInfoType + ">)_target.JsonOptions.GetTypeInfo(typeof(" + value.RuntimeType + "));");
        }

        if (method.Ack == AckKind.Single)
        {
            writer.Line("var reader = (await answer.ConfigureAwait(false)).CreateReader();");
            writer.Line("return " + TypedSocketIO.Generators.Emit.Read(value, "reader", typeInfo) + ";");
        }
        else
        {
            writer.Line("var answers = await answer.ConfigureAwait(false);");
            writer.Line("var results = new global::System.Collections.Generic.List<" + value.Type + ">(answers.Count);");
            writer.Line("foreach (var arguments in answers)");
            writer.OpenBrace();
            writer.Line("var reader = arguments.CreateReader();");
            writer.Line("results.Add(" + TypedSocketIO.Generators.Emit.Read(value, "reader", typeInfo) + ");");
            writer.CloseBrace();
            writer.Line();
            writer.Line("return results;");
        }

        writer.CloseBrace();
    }

    /// <summary>The parameter's own name, unless it would clash with the method's locals.</summary>
    private static string ParameterName(string name) =>
        name is "packet" or "answer" or "answers" or "results" or "arguments" or "reader" or "typeInfo" or "cancellationToken"
            ? name + "Argument"
            : TypedSocketIO.Generators.Emit.Identifier(name);

    private static void WriteArguments(SourceWriter writer, IEnumerable<ParameterSpec> parameters)
    {
        foreach (var parameter in parameters)
        {
            writer.Line(TypedSocketIO.Generators.Emit.Write(parameter.Value, "packet", ParameterName(parameter.Name), typeInfo: null));
        }
    }
}
