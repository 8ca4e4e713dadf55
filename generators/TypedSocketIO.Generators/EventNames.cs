namespace TypedSocketIO.Generators;

/// <summary>
/// The naming rules shared by the generator and the analyzers (which compile this file in). A handler <c>on_send_message</c>
/// handles <c>send_message</c> verbatim (python-socketio's rule); PascalCase names become
/// camelCase: handler <c>OnSendMessage</c> and client method <c>SendMessage</c> are
/// <c>sendMessage</c>. <c>[Event("name")]</c> overrides both.
/// </summary>
internal static class EventNames
{
    /// <summary>The event a handler method's name maps to, or null when the name follows neither rule.</summary>
    public static string? FromHandlerName(string methodName)
    {
        if (methodName.StartsWith("on_", System.StringComparison.Ordinal) && methodName.Length > 3)
        {
            return methodName.Substring(3);
        }

        if (methodName.Length > 2 && methodName.StartsWith("On", System.StringComparison.Ordinal) && char.IsUpper(methodName[2]))
        {
            return CamelCase(methodName.Substring(2));
        }

        return null;
    }

    /// <summary>The event a client-interface method emits by default: its name in camelCase.</summary>
    public static string FromClientMethodName(string methodName) => CamelCase(methodName);

    public static bool IsLifecycle(string eventName) => eventName is "connect" or "disconnect" or "disconnecting";

    public static bool IsReserved(string eventName) => ReservedEventNames.Contains(eventName);

    /// <summary>System.Text.Json's camelCase rule: a leading run of capitals is lowered, but for the last one before a lower-case letter (<c>URLChanged</c> → <c>urlChanged</c>).</summary>
    private static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length && char.IsUpper(chars[i]); i++)
        {
            if (i > 0 && i + 1 < chars.Length && !char.IsUpper(chars[i + 1]))
            {
                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }
}
