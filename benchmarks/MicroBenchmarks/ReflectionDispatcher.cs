using System.Reflection;
using System.Text.Json;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.Benchmarks.Micro;

/// <summary>
/// Dispatch the way python-socketio's <c>Namespace.trigger_event</c> does it: build
/// <c>"on_" + event</c>, look the method up on the instance at run time, convert each JSON
/// argument to the parameter's type, invoke, and send the return value as the ack. Written
/// fairly (no caching, as python-socketio has none): one lookup per event.
/// </summary>
internal sealed class ReflectionDispatcher(object instance, JsonSerializerOptions options)
{
    public bool TryDispatch(Socket socket, in IncomingEvent incoming, out ValueTask handling)
    {
        handling = default;
        var method = instance.GetType().GetMethod("on_" + incoming.Name, BindingFlags.Public | BindingFlags.Instance);
        if (method is null)
        {
            return false;
        }

        var parameters = method.GetParameters();
        var args = new object?[parameters.Length];
        var next = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            args[i] = type == typeof(Socket)
                ? socket
                : incoming.Arguments.GetElement(next++).Deserialize(type, options);
        }

        var result = method.Invoke(instance, args);
        switch (result)
        {
            case ValueTask task:
                handling = AcknowledgeLaterAsync(socket, incoming.AckId, task);
                return true;
            case Task task:
                handling = new ValueTask(AcknowledgeLaterAsync(socket, incoming.AckId, new ValueTask(task)).AsTask());
                return true;
        }

        if (incoming.WantsAck)
        {
            using var ack = PacketBuilder.ForAck(options);
            if (method.ReturnType != typeof(void))
            {
                ack.WriteObject(result);
            }

            socket.Send(ack.Build(socket.Namespace.Name, incoming.AckId));
        }

        return true;
    }

    private async ValueTask AcknowledgeLaterAsync(Socket socket, long ackId, ValueTask pending)
    {
        await pending.ConfigureAwait(false);
        if (ackId >= 0)
        {
            using var ack = PacketBuilder.ForAck(options);
            socket.Send(ack.Build(socket.Namespace.Name, ackId));
        }
    }
}
