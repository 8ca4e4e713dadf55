using Microsoft.CodeAnalysis.Testing;
using TypedSocketIO.Analyzers.Tests.Infrastructure;

namespace TypedSocketIO.Analyzers.Tests;

/// <summary>TSIO0030: a single-answer acknowledgement awaited from a broadcast.</summary>
public class BroadcastAckTests
{
    private const string Client = """
        public interface IClient
        {
            ValueTask Message(string text);
            ValueTask<bool> Confirm(string text);
            Task<string> Name();
            ValueTask<IReadOnlyList<bool>> ConfirmAll(string text);
        }
        """;

    private static Task VerifyAsync(string members, string extra = "") => Verify.BroadcastAsync(Verify.InNamespace(members, Client, extra));

    [Theory]
    [InlineData("All.Confirm(\"x\")")]
    [InlineData("To(\"room\").Confirm(\"x\")")]
    [InlineData("Except(\"room\").Confirm(\"x\")")]
    [InlineData("Except(socket).Confirm(\"x\")")]
    [InlineData("To(\"a\").Except(socket).Confirm(\"x\")")]
    [InlineData("All.Timeout(TimeSpan.FromSeconds(5)).Confirm(\"x\")")]
    [InlineData("To(\"room\").Volatile.Local.Confirm(\"x\")")]
    [InlineData("Client(socket).To(\"room\").Confirm(\"x\")")]
    [InlineData("(All).Confirm(\"x\")")]
    public Task TSIO0030_single_answer_on_a_broadcast(string call) => VerifyAsync($$"""
            public async ValueTask on_kick(Socket socket)
            {
                var answer = await {|TSIO0030:{{call}}|};
            }
        """);

    [Fact]
    public Task TSIO0030_task_returning_methods_too() => VerifyAsync("""
            public async Task<string> on_who(Socket socket) => await {|TSIO0030:All.Name()|};
        """);

    [Fact]
    public Task TSIO0030_outside_the_namespace_class() => VerifyAsync("", extra: """
        public sealed class Kicker(AppNamespace ns)
        {
            public ValueTask<bool> KickAsync() => {|TSIO0030:ns.To("room").Confirm("bye")|};
        }
        """);

    [Theory]
    [InlineData("Client(socket).Confirm(\"x\")")]
    [InlineData("Client(socket).Timeout(TimeSpan.FromSeconds(1)).Confirm(\"x\")")]
    [InlineData("Client(socket).Volatile.Confirm(\"x\")")]
    [InlineData("All.ConfirmAll(\"x\")")]
    [InlineData("To(\"room\").Timeout(TimeSpan.FromSeconds(1)).ConfirmAll(\"x\")")]
    public Task TSIO0030_not_reported_for_one_socket_or_a_list_answer(string call) => VerifyAsync($$"""
            public async ValueTask on_kick(Socket socket)
            {
                var answer = await {{call}};
            }
        """);

    [Fact]
    public Task TSIO0030_not_reported_for_events_without_acknowledgement() => VerifyAsync("""
            public async ValueTask on_say(Socket socket, string text)
            {
                await All.Message(text);
                await To("room").Except(socket).Message(text);
            }
        """);

    [Theory]
    [InlineData("{|TSIO0030:All.TimeoutOperator(TimeSpan.FromSeconds(1)).Confirm(\"x\")|}")]
    [InlineData("{|TSIO0030:Client(socket).ToOperator(\"room\").LocalOperator.Confirm(\"x\")|}")]
    [InlineData("Client(socket).LocalOperator.TimeoutOperator(TimeSpan.FromSeconds(1)).Confirm(\"x\")")]
    public Task TSIO0030_knows_operators_renamed_for_events_of_their_name(string call) => Verify.BroadcastAsync(Verify.InNamespace($$"""
            public async ValueTask on_kick(Socket socket)
            {
                var answer = await {{call}};
            }
        """, """
        public interface IClient
        {
            ValueTask<bool> Confirm(string text);
            ValueTask To(string room);
            ValueTask Local(string place);
            ValueTask Timeout(int seconds);
        }
        """));

    [Fact]
    public async Task TSIO0030_names_the_method_the_operator_and_the_list_type()
    {
        var test = new SocketIOAnalyzerTest<BroadcastAckAnalyzer>(Verify.InNamespace("""
                public ValueTask<bool> on_kick(Socket socket) => {|#0:To("room").Confirm("bye")|};
            """, Client));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.SingleAckOnBroadcast).WithLocation(0).WithArguments("Confirm", "To(...)", "bool"));
        await test.RunAsync();
    }
}
