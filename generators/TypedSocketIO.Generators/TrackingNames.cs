namespace TypedSocketIO.Generators;

/// <summary>The names of the pipeline's steps, so tests can check what each run recomputed.</summary>
internal static class TrackingNames
{
    public const string Namespaces = nameof(Namespaces);
    public const string ClientProxies = nameof(ClientProxies);
}
