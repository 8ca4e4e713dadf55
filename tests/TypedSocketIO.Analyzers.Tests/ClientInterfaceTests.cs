using Microsoft.CodeAnalysis.Testing;
using TypedSocketIO.Analyzers.Tests.Infrastructure;

namespace TypedSocketIO.Analyzers.Tests;

/// <summary>TSIO0020–TSIO0023, and the parameter rules as they apply to client interfaces.</summary>
public class ClientInterfaceTests
{
    private static Task VerifyClientAsync(string members) => Verify.NamespaceAsync(Verify.InNamespace("", client: $$"""
        public interface IClient
        {
        {{members}}
        }
        """));

    [Theory]
    [InlineData("{|TSIO0020:void|} Message(string text);")]
    [InlineData("{|TSIO0020:bool|} Confirm(string text);")]
    [InlineData("{|TSIO0020:string|} Name();")]
    [InlineData("{|TSIO0020:IAsyncEnumerable<int>|} Stream();")]
    public Task TSIO0020_a_client_method_that_does_not_return_a_task(string method) => VerifyClientAsync(method);

    [Fact]
    public Task TSIO0020_not_reported_for_task_returns() => VerifyClientAsync("""
            ValueTask Message(string text);
            Task Notice(string text);
            ValueTask<bool> Confirm(string text);
            Task<string> Name();
            ValueTask<IReadOnlyList<int>> Votes(CancellationToken cancellationToken);
        """);

    [Fact]
    public async Task TSIO0020_names_the_method_the_type_and_the_interface()
    {
        var test = new SocketIOAnalyzerTest<NamespaceAnalyzer>(Verify.InNamespace("", client: """
            public interface IClient
            {
                {|#0:bool|} Confirm(string text);
            }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ClientMethodReturnType).WithLocation(0).WithArguments("Confirm", "bool", "IClient"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("string {|TSIO0021:Name|} { get; }")]
    [InlineData("event Action {|TSIO0021:Changed|};")]
    [InlineData("static ValueTask {|TSIO0021:Shared|}() => default;")]
    [InlineData("ValueTask {|TSIO0021:Send|}<T>(T value);")]
    public Task TSIO0021_members_a_proxy_cannot_implement(string member) => VerifyClientAsync(member);

    [Fact]
    public Task TSIO0021_checks_inherited_interfaces() => Verify.NamespaceAsync(Verify.InNamespace("", client: """
        public interface IBaseClient
        {
            string {|TSIO0021:Name|} { get; }
        }

        public interface IClient : IBaseClient
        {
            ValueTask Message(string text);
        }
        """));

    [Fact]
    public Task TSIO0022_a_client_method_taking_a_socket() => VerifyClientAsync("""
            ValueTask Message(Socket {|TSIO0022:socket|}, string text);
        """);

    [Fact]
    public Task TSIO0023_a_client_type_that_is_not_an_interface() => Verify.NamespaceAsync("""
        namespace App;

        public sealed class Client { }

        [SocketIONamespace("/app")]
        public sealed partial class AppNamespace : {|TSIO0023:Namespace<Client>|}
        {
        }
        """);

    [Fact]
    public Task TSIO0023_not_reported_for_an_interface_or_no_client() => Verify.NamespaceAsync("""
        namespace App;

        public interface IClient { ValueTask Message(string text); }

        [SocketIONamespace("/a")]
        public sealed partial class A : Namespace<IClient>
        {
        }

        [SocketIONamespace("/b")]
        public sealed partial class B : Namespace
        {
        }
        """);

    [Fact]
    public Task Client_methods_share_the_parameter_rules() => VerifyClientAsync("""
            ValueTask Message(ref string {|TSIO0010:text|});
            ValueTask Data(Span<byte> {|TSIO0011:data|});
            ValueTask Wait(CancellationToken {|TSIO0014:cancellationToken|}, string text);
            {|TSIO0011:ValueTask<dynamic>|} Read();
        """);

    [Fact]
    public Task A_client_interface_shared_by_two_namespaces_is_reported_once() => Verify.NamespaceAsync("""
        namespace App;

        public interface IClient
        {
            {|TSIO0020:void|} Message(string text);
        }

        [SocketIONamespace("/a")]
        public sealed partial class A : Namespace<IClient>
        {
        }

        [SocketIONamespace("/b")]
        public sealed partial class B : Namespace<IClient>
        {
        }
        """);

    [Fact]
    public Task An_interface_used_by_no_namespace_is_not_checked() => Verify.NamespaceAsync("""
        namespace App;

        public interface IUnrelated
        {
            void Message(string text);
            string Name { get; }
        }
        """);
}
