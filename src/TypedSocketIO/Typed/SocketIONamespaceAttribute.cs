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
