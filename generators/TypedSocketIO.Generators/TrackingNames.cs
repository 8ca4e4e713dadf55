namespace TypedSocketIO.Generators;

/// <summary>The names of the pipeline's steps, so tests can check what each run recomputed.</summary>
internal static class TrackingNames
{
    /// <summary>The parser's output for each <c>[SocketIONamespace]</c> class (null for one it cannot serve).</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The namespaces the generator serves.</summary>
    public const string Namespaces = nameof(Namespaces);

    /// <summary>The client interfaces that get a proxy.</summary>
    public const string ClientProxies = nameof(ClientProxies);
}
