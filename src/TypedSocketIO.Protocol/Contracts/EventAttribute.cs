namespace TypedSocketIO;

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
