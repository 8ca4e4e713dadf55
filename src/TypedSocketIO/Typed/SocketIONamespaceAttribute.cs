namespace TypedSocketIO;

/// <summary>
/// Marks a <c>partial</c> class derived from <see cref="Namespace{TClient}"/> as the handler of a
/// namespace; the source generator writes its dispatch code.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SocketIONamespaceAttribute : Attribute
{
    /// <summary>Serves the namespace at <paramref name="path"/> (<c>"/"</c> for the main namespace).</summary>
    public SocketIONamespaceAttribute(string path = "/")
    {
        Path = path;
    }

    /// <summary>The namespace path.</summary>
    public string Path { get; }
}

/// <summary>
/// Names the event a handler method handles, or a client-interface method emits, overriding the
/// naming rules (<c>on_send_message</c> → <c>send_message</c>; <c>OnSendMessage</c> and
/// <c>SendMessage</c> → <c>sendMessage</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class EventAttribute : Attribute
{
    /// <summary>Uses <paramref name="name"/> as the event name.</summary>
    public EventAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The event name.</summary>
    public string Name { get; }
}
