using Microsoft.CodeAnalysis.Testing;
using TypedSocketIO.Analyzers.Tests.Infrastructure;

namespace TypedSocketIO.Analyzers.Tests;

/// <summary>TSIO0016–TSIO0019: which methods handle which events.</summary>
public class HandlerNamingTests
{
    [Theory]
    [InlineData("public void on_sendMessage(Socket socket) { }", "public void {|TSIO0016:OnSendMessage|}(Socket socket) { }")]
    [InlineData("public void on_send(Socket socket) { }", "[Event(\"send\")] public void {|TSIO0016:Send|}(Socket socket) { }")]
    [InlineData("[Event(\"x\")] public void First(Socket socket) { }", "[Event(\"x\")] public void {|TSIO0016:Second|}(Socket socket) { }")]
    [InlineData("public void OnPing(Socket socket) { }", "[Event(\"ping\")] public void {|TSIO0016:Ping|}(Socket socket) { }")]
    [InlineData("public void on_send(Socket socket) { }", "public void {|TSIO0016:on_send|}(Socket socket, string text) { }")]
    [InlineData("public bool on_connect(Socket socket) => true;", "public bool {|TSIO0016:OnConnect|}(Socket socket) => true;")]
    public Task TSIO0016_two_handlers_for_one_event(string first, string second) => Verify.NamespaceAsync(Verify.InNamespace(first + "\n" + second));

    [Fact]
    public async Task TSIO0016_names_the_handler_that_wins()
    {
        var test = new SocketIOAnalyzerTest<NamespaceAnalyzer>(Verify.InNamespace("""
                public void on_message(Socket socket, string text) { }

                [Event("message")]
                public void {|#0:Receive|}(Socket socket, string text) { }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DuplicateEvent).WithLocation(0).WithArguments("Receive", "message", "on_message"));
        await test.RunAsync();
    }

    [Fact]
    public Task TSIO0016_not_reported_for_distinct_events() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void on_send_message(Socket socket) { }

            public void OnSendMessage(Socket socket) { }

            [Event("Send")]
            public void Send(Socket socket) { }
        """));

    [Theory]
    [InlineData("public void {|TSIO0017:on_connect_error|}(Socket socket) { }")]
    [InlineData("public void {|TSIO0017:on_newListener|}(Socket socket) { }")]
    [InlineData("public void {|TSIO0017:OnNewListener|}(Socket socket) { }")]
    [InlineData("public void {|TSIO0017:OnRemoveListener|}(Socket socket) { }")]
    [InlineData("[Event({|TSIO0017:\"connect\"|})] public void Joined(Socket socket) { }")]
    [InlineData("[Event({|TSIO0017:\"disconnecting\"|})] public void Leaving(Socket socket) { }")]
    [InlineData("[Event({|TSIO0017:\"removeListener\"|})] public void Removed(Socket socket) { }")]
    public Task TSIO0017_reserved_names_as_handled_events(string handler) => Verify.NamespaceAsync(Verify.InNamespace(handler));

    [Theory]
    [InlineData("{|TSIO0017:Connect|}")]
    [InlineData("{|TSIO0017:Disconnect|}")]
    [InlineData("[Event({|TSIO0017:\"connect_error\"|})] ValueTask Problem")]
    [InlineData("{|TSIO0017:Disconnecting|}")]
    [InlineData("{|TSIO0017:NewListener|}")]
    public Task TSIO0017_reserved_names_as_emitted_events(string method) => Verify.NamespaceAsync(Verify.InNamespace("", client: $$"""
        public interface IClient
        {
            {{(method.StartsWith('[') ? method : "ValueTask " + method)}}(string text);
        }
        """));

    [Fact]
    public Task TSIO0017_not_reported_for_lifecycle_handlers_and_ordinary_names() => Verify.NamespaceAsync(Verify.InNamespace("""
            public bool on_connect(Socket socket) => true;

            public void on_disconnecting(Socket socket) { }

            public void OnDisconnect(Socket socket) { }

            public void on_connected(Socket socket) { }

            [Event("listener")]
            public void Listener(Socket socket) { }
        """, client: """
        public interface IClient
        {
            ValueTask Connected(string text);
            [Event("reconnect")] ValueTask Again();
        }
        """));

    [Theory]
    [InlineData("private void {|TSIO0018:on_message|}(Socket socket, string text) { }")]
    [InlineData("internal void {|TSIO0018:OnMessage|}(Socket socket, string text) { }")]
    [InlineData("protected void {|TSIO0018:on_message|}(Socket socket, string text) { }")]
    [InlineData("public static void {|TSIO0018:on_message|}(Socket socket, string text) { }")]
    [InlineData("[Event(\"message\")] private void {|TSIO0018:Receive|}(Socket socket, string text) { }")]
    [InlineData("private bool {|TSIO0018:on_connect|}(Socket socket) => true;")]
    public Task TSIO0018_handler_names_the_generator_will_not_dispatch(string handler) => Verify.NamespaceAsync(Verify.InNamespace(handler));

    [Fact]
    public Task TSIO0018_not_reported_for_handlers_in_a_base_class() => Verify.NamespaceAsync("""
        namespace App;

        // The generator dispatches the handlers a base class declares (see the generator's
        // Handlers_inherited_from_a_base_class_are_dispatched_too): nothing to report here.
        public abstract class AppNamespaceBase : Namespace
        {
            public void on_ping(Socket socket) { }

            public virtual int OnCount(string room) => 0;

            public void Helper() { }
        }

        [SocketIONamespace("/app")]
        public sealed partial class AppNamespace : AppNamespaceBase
        {
            public void on_pong(Socket socket) { }

            public override int OnCount(string room) => 1;
        }
        """);

    [Fact]
    public Task TSIO0018_reports_what_a_base_class_declares_and_the_generator_does_not_dispatch() => Verify.NamespaceAsync("""
        namespace App;

        public abstract class AppNamespaceBase : Namespace
        {
            protected void {|TSIO0018:on_secret|}(Socket socket) { }

            public static void {|TSIO0018:on_shared|}(Socket socket) { }

            public void on_ping(Socket socket, Socket {|TSIO0013:second|}) { }

            public void {|TSIO0019:onPong|}(Socket socket) { }
        }

        [SocketIONamespace("/a")]
        public sealed partial class A : AppNamespaceBase
        {
        }

        // A second namespace on the same base: each problem is still reported once.
        [SocketIONamespace("/b")]
        public sealed partial class B : AppNamespaceBase
        {
        }
        """);

    [Fact]
    public async Task TSIO0016_a_base_class_handler_that_a_derived_handler_replaces()
    {
        var test = new SocketIOAnalyzerTest<NamespaceAnalyzer>("""
            namespace App;

            public abstract class AppNamespaceBase : Namespace
            {
                public void {|#0:on_ping|}(Socket socket) { }
            }

            [SocketIONamespace("/app")]
            public sealed partial class AppNamespace : AppNamespaceBase
            {
                [Event("ping")]
                public void Ping(Socket socket) { }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DuplicateEvent).WithLocation(0).WithArguments("on_ping", "ping", "AppNamespace.Ping"));
        await test.RunAsync();
    }

    [Fact]
    public Task TSIO0018_in_a_base_class_no_namespace_derives_from_yet() => Verify.NamespaceAsync("""
        namespace App;

        // A library's base class: its handlers are read as a namespace deriving from it will read them.
        public abstract class AppNamespaceBase : Namespace
        {
            private void {|TSIO0018:on_secret|}(Socket socket) { }

            public void on_ping(Socket socket) { }
        }
        """);

    [Fact]
    public Task TSIO0018_not_reported_for_private_helpers() => Verify.NamespaceAsync(Verify.InNamespace("""
            public void on_message(Socket socket, string text) => Store(text);

            private void Store(string text) { }

            private static string Format(string text) => text;
        """));

    [Theory]
    [InlineData("onmessage")]
    [InlineData("onMessage")]
    [InlineData("On_message")]
    [InlineData("ON_message")]
    [InlineData("onsend_message")]
    public Task TSIO0019_handler_names_with_a_typo(string name) => Verify.NamespaceAsync(Verify.InNamespace($$"""
            public void {|TSIO0019:{{name}}|}(Socket socket, string text) { }
        """));

    [Theory]
    [InlineData("onmessage", "on_message", "message")]
    [InlineData("onMessage", "on_message", "message")]
    [InlineData("onSendMessage", "on_sendMessage", "sendMessage")]
    [InlineData("On_message", "on_message", "message")]
    [InlineData("onconnect", "on_connect", "connect")]
    public async Task TSIO0019_suggests_the_on_name(string name, string suggestion, string eventName)
    {
        var test = new SocketIOAnalyzerTest<NamespaceAnalyzer>(Verify.InNamespace($$"""
                public void {|#0:{{name}}|}(Socket socket) { }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.HandlerNameTypo).WithLocation(0).WithArguments(name, suggestion, eventName));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("public void on_message(Socket socket) { }")]
    [InlineData("public void OnMessage(Socket socket) { }")]
    [InlineData("public void Broadcast(Socket socket) { }")]
    [InlineData("public void Online(Socket socket) { }")]
    [InlineData("private void onmessage(Socket socket) { }")]
    [InlineData("public void onconnect_error(Socket socket) { }")]
    public Task TSIO0019_not_reported_for_handlers_helpers_and_other_names(string method) => Verify.NamespaceAsync(Verify.InNamespace(method));
}
