using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Dispatch;

/// <summary>The JSON settings event arguments are read and written with unless the application configures its own.</summary>
public static class SocketIOJson
{
    /// <summary>
    /// Web defaults (camelCase, case-insensitive reads), UTF-8 written unescaped, and the
    /// reflection resolver only where the runtime allows reflection (never under NativeAOT,
    /// where applications add their <c>JsonSerializerContext</c> to the chain).
    /// </summary>
    public static JsonSerializerOptions DefaultOptions { get; } = CreateOptions();

    /// <summary>Creates options with the defaults above, which the caller may extend before first use.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reached only when the reflection feature switch is on, which trimmed and AOT apps turn off.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Reached only when the reflection feature switch is on, which AOT apps turn off.")]
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = SocketIOJsonEncoder.Instance,
            MaxDepth = SocketIOLimits.DefaultMaxDepth,
        };
        if (JsonSerializer.IsReflectionEnabledByDefault)
        {
            // JsonSerializerOptions.Default carries the reflection resolver exactly when the
            // feature switch allows it, so this line stays trim- and AOT-safe.
            options.TypeInfoResolverChain.Add(JsonSerializerOptions.Default.TypeInfoResolver!);
        }

        return options;
    }
}
