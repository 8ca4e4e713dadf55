namespace TypedSocketIO.Analyzers.Tests.Infrastructure;

/// <summary>Short forms for the tests.</summary>
internal static class Verify
{
    public const string DefaultClient = """
        public interface IClient
        {
            ValueTask Message(string text);
        }
        """;

    /// <summary>Runs the namespace analyzer; the diagnostics expected are in the markup.</summary>
    public static Task NamespaceAsync(string source, string? globalConfig = null, bool allowUnsafe = false) =>
        new SocketIOAnalyzerTest<NamespaceAnalyzer>(source, globalConfig) { AllowUnsafe = allowUnsafe }.RunAsync();

    /// <summary>Runs the authorization analyzer; the diagnostics expected are in the markup.</summary>
    public static Task AuthorizationAsync(string source) =>
        new SocketIOAnalyzerTest<AuthorizationAnalyzer>(source).RunAsync();

    /// <summary>Runs the broadcast analyzer; the diagnostics expected are in the markup.</summary>
    public static Task BroadcastAsync(string source) =>
        new SocketIOAnalyzerTest<BroadcastAckAnalyzer>(source).RunAsync();

    /// <summary>A file with <paramref name="members"/> in a correct [SocketIONamespace] class and <paramref name="client"/> beside it.</summary>
    public static string InNamespace(string members, string client = DefaultClient, string extra = "") => $$"""
        namespace App;

        {{client}}

        {{extra}}

        [SocketIONamespace("/app")]
        public sealed partial class AppNamespace : Namespace<IClient>
        {
        {{members}}
        }
        """;
}
