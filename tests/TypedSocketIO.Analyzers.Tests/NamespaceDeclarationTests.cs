using TypedSocketIO.Analyzers.Tests.Infrastructure;

namespace TypedSocketIO.Analyzers.Tests;

/// <summary>TSIO0001–TSIO0007: the [SocketIONamespace] class itself.</summary>
public class NamespaceDeclarationTests
{
    [Fact]
    public Task TSIO0001_a_namespace_class_that_is_not_partial() => Verify.NamespaceAsync("""
        namespace App;

        [SocketIONamespace("/chat")]
        public sealed class {|TSIO0001:ChatNamespace|} : Namespace
        {
            public void on_ping(Socket socket) { }
        }
        """);

    [Fact]
    public Task TSIO0001_not_reported_for_a_partial_class_declared_in_two_parts() => Verify.NamespaceAsync("""
        namespace App;

        [SocketIONamespace("/chat")]
        public sealed partial class ChatNamespace : Namespace
        {
            public void on_ping(Socket socket) { }
        }

        public sealed partial class ChatNamespace
        {
            public void on_pong(Socket socket) { }
        }
        """);

    [Fact]
    public Task TSIO0002_a_namespace_class_that_does_not_derive_from_Namespace() => Verify.NamespaceAsync("""
        namespace App;

        [SocketIONamespace("/chat")]
        public sealed partial class {|TSIO0002:ChatNamespace|}
        {
            public void on_ping(Socket socket) { }
        }
        """);

    [Fact]
    public Task TSIO0002_not_reported_through_an_intermediate_base_class() => Verify.NamespaceAsync("""
        namespace App;

        public abstract class AppNamespaceBase : Namespace
        {
        }

        [SocketIONamespace("/chat")]
        public sealed partial class ChatNamespace : AppNamespaceBase
        {
            public void on_ping(Socket socket) { }
        }
        """);

    [Fact]
    public Task TSIO0003_a_Namespace_subclass_without_the_attribute() => Verify.NamespaceAsync("""
        namespace App;

        public interface IClient { ValueTask Message(string text); }

        public sealed partial class {|TSIO0003:ChatNamespace|} : Namespace<IClient>
        {
            public void on_ping(Socket socket) { }
        }
        """);

    [Fact]
    public Task TSIO0003_not_reported_for_an_abstract_base_or_an_unrelated_class() => Verify.NamespaceAsync("""
        namespace App;

        public abstract class AppNamespaceBase : Namespace
        {
            protected string Prefix => "app";
        }

        public sealed class Unrelated
        {
            public void on_ping() { }
        }
        """);

    [Theory]
    [InlineData("\"chat\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    public Task TSIO0004_an_invalid_namespace_path(string path) => Verify.NamespaceAsync($$"""
        namespace App;

        [SocketIONamespace({|TSIO0004:{{path}}|})]
        public sealed partial class ChatNamespace : Namespace
        {
        }
        """);

    [Theory]
    [InlineData("[SocketIONamespace]")]
    [InlineData("[SocketIONamespace(\"/\")]")]
    [InlineData("[SocketIONamespace(\"/admin/users\")]")]
    [InlineData("[SocketIONamespace(path: \"/chat\")]")]
    public Task TSIO0004_not_reported_for_valid_paths(string attribute) => Verify.NamespaceAsync($$"""
        namespace App;

        {{attribute}}
        public sealed partial class ChatNamespace : Namespace
        {
        }
        """);

    [Fact]
    public Task TSIO0005_two_classes_serving_the_same_path() => Verify.NamespaceAsync("""
        namespace App;

        [SocketIONamespace({|TSIO0005:"/chat"|})]
        public sealed partial class ChatNamespace : Namespace
        {
        }

        [SocketIONamespace({|TSIO0005:"/chat"|})]
        public sealed partial class OtherChatNamespace : Namespace
        {
        }
        """);

    [Fact]
    public Task TSIO0005_the_default_path_counts_as_slash() => Verify.NamespaceAsync("""
        namespace App;

        [{|TSIO0005:SocketIONamespace|}]
        public sealed partial class MainNamespace : Namespace
        {
        }

        [SocketIONamespace({|TSIO0005:"/"|})]
        public sealed partial class RootNamespace : Namespace
        {
        }
        """);

    [Fact]
    public Task TSIO0005_not_reported_for_distinct_paths() => Verify.NamespaceAsync("""
        namespace App;

        [SocketIONamespace("/chat")]
        public sealed partial class ChatNamespace : Namespace
        {
        }

        [SocketIONamespace("/admin")]
        public sealed partial class AdminNamespace : Namespace
        {
        }
        """);

    [Fact]
    public Task TSIO0006_a_nested_namespace_class() => Verify.NamespaceAsync("""
        namespace App;

        public static partial class Outer
        {
            [SocketIONamespace("/chat")]
            public sealed partial class {|TSIO0006:ChatNamespace|} : Namespace
            {
            }
        }
        """);

    [Fact]
    public Task TSIO0006_a_generic_namespace_class() => Verify.NamespaceAsync("""
        namespace App;

        [SocketIONamespace("/chat")]
        public sealed partial class {|TSIO0006:ChatNamespace|}<T> : Namespace
        {
        }
        """);

    [Fact]
    public Task TSIO0006_an_abstract_namespace_class() => Verify.NamespaceAsync("""
        namespace App;

        [SocketIONamespace("/chat")]
        public abstract class {|TSIO0001:{|TSIO0006:ChatNamespace|}|} : Namespace
        {
        }
        """);

    [Fact]
    public Task TSIO0007_a_namespace_class_without_a_public_constructor() => Verify.NamespaceAsync("""
        namespace App;

        [SocketIONamespace("/chat")]
        public sealed partial class {|TSIO0007:ChatNamespace|} : Namespace
        {
            private ChatNamespace() { }
        }
        """);

    [Fact]
    public Task TSIO0007_not_reported_for_a_primary_constructor() => Verify.NamespaceAsync("""
        namespace App;

        public sealed class ChatStore { }

        [SocketIONamespace("/chat")]
        public sealed partial class ChatNamespace(ChatStore store) : Namespace
        {
            public int on_count(Socket socket) => store.GetHashCode();
        }
        """);

    [Fact]
    public async Task Messages_name_the_class_and_say_what_to_do()
    {
        var test = new SocketIOAnalyzerTest<NamespaceAnalyzer>("""
            namespace App;

            [SocketIONamespace({|#1:"chat"|})]
            public sealed class {|#0:ChatNamespace|} : Namespace
            {
            }
            """);
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.NamespaceNotPartial).WithLocation(0).WithArguments("ChatNamespace"));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.InvalidNamespacePath).WithLocation(1).WithArguments("\"chat\"", "ChatNamespace", "chat"));
        await test.RunAsync();
    }
}
