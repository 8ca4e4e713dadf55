using System.Text.RegularExpressions;
using TypedSocketIO.Generators.Tests.Infrastructure;

namespace TypedSocketIO.Generators.Tests;

/// <summary>
/// Inputs a user may well write that are not worth a baseline each: the generated code must
/// compile with no error and no warning (and, where it says so, have the expected shape).
/// </summary>
public sealed class GeneratedCodeEdgeCaseTests
{
    [Fact]
    public void Generated_code_compiles_without_implicit_usings()
    {
        var run = GeneratorHarness.Run(
            [
                """
                using System;
                using System.Threading.Tasks;
                using TypedSocketIO;

                namespace MyApp;

                public interface IEchoClient
                {
                    ValueTask Echoed(string text);

                    ValueTask<IReadOnlyListAlias> Unused();
                }

                public sealed class IReadOnlyListAlias;
                """,
                """
                using System.Threading.Tasks;
                using TypedSocketIO;

                namespace MyApp;

                [SocketIONamespace("/echo")]
                public sealed partial class EchoNamespace : Namespace<IEchoClient>
                {
                    public ValueTask on_echo(Socket socket, string text) => Client(socket).Echoed(text);

                    public async Task<int> on_count(string text)
                    {
                        await Task.Yield();
                        return text.Length;
                    }
                }
                """,
            ],
            implicitUsings: false);

        Assert.Equal(2, run.Files.Length);
        Baseline.AssertClean(run);
    }

    [Fact]
    public void A_tuple_parameter_is_bound_as_JSON()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            [SocketIONamespace("/tuples")]
            public sealed partial class TupleNamespace : Namespace
            {
                public void on_pair((int Count, string Name) pair) { }
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void A_nullable_tuple_result_is_written_as_JSON()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            [SocketIONamespace("/tuples")]
            public sealed partial class TupleNamespace : Namespace
            {
                public (int, string)? on_maybe_pair() => null;
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void A_broadcast_ack_of_byte_arrays_builds_a_jagged_array()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public interface IFileClient
            {
                ValueTask<IReadOnlyList<byte[]>> Files();

                ValueTask<IReadOnlyList<string?>> Names();
            }

            [SocketIONamespace("/files")]
            public sealed partial class FileNamespace : Namespace<IFileClient>
            {
                public async ValueTask<int> on_count() => (await All.Files()).Count;
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void An_event_name_with_a_line_break_keeps_the_doc_comment_on_one_line()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public interface ILineClient
            {
                [Event("two\nlines")]
                ValueTask TwoLines();
            }

            [SocketIONamespace("/lines")]
            public sealed partial class LineNamespace : Namespace<ILineClient>
            {
                [Event("two\nlines")]
                public void TwoLines() { }
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void Optional_parameters_whose_default_is_not_a_finite_number()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            [SocketIONamespace("/numbers")]
            public sealed partial class NumberNamespace : Namespace
            {
                public void on_ratio(double ratio = double.NaN, double limit = double.PositiveInfinity) { }
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void Overloaded_handler_methods_with_different_events()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            [SocketIONamespace("/overloads")]
            public sealed partial class OverloadNamespace : Namespace
            {
                [Event("text")]
                public void Handle(string text) { }

                [Event("number")]
                public void Handle(int number) { }
            }
            """);

        Assert.Contains("\"text\"u8", run.File("MyApp.OverloadNamespace.g.cs").Text, StringComparison.Ordinal);
        Assert.Contains("\"number\"u8", run.File("MyApp.OverloadNamespace.g.cs").Text, StringComparison.Ordinal);
        Baseline.AssertClean(run);
    }

    [Fact]
    public void An_abstract_class_is_skipped_even_with_a_public_constructor()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            [SocketIONamespace("/abstract")]
            public abstract partial class AbstractNamespace : Namespace
            {
                public AbstractNamespace() { }

                public void on_hello() { }
            }
            """);

        Baseline.AssertClean(run);
        Assert.Empty(run.Files);
    }

    [Fact]
    public void Handler_parameters_named_like_the_dispatcher_fields()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public sealed record Point(int X, int Y);

            [SocketIONamespace("/fields")]
            public sealed partial class FieldNamespace : Namespace
            {
                public int on_fields(string _namespace, string _json, Point _pointInfo) => 0;
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void Client_method_parameters_named_like_the_proxy_locals()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public interface IPacketClient
            {
                ValueTask Raw(byte[] packet);

                ValueTask<IReadOnlyList<int>> Sizes(string answer, string answers, string results, int i);
            }

            [SocketIONamespace("/packets")]
            public sealed partial class PacketNamespace : Namespace<IPacketClient>
            {
                public ValueTask on_raw(byte[] data) => All.Raw(data);
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void Two_constructions_of_one_generic_client_interface_get_a_proxy_each()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public interface IClient<T>
            {
                ValueTask Value(T value);
            }

            [SocketIONamespace("/numbers")]
            public sealed partial class NumberNamespace : Namespace<IClient<int>>
            {
                public ValueTask on_number(int value) => All.Value(value);
            }

            [SocketIONamespace("/texts")]
            public sealed partial class TextNamespace : Namespace<IClient<string>>
            {
                public ValueTask on_text(string value) => All.Value(value);
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void Client_interfaces_whose_proxy_names_coincide_get_a_proxy_each()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public interface IChatClient
            {
                ValueTask Message(string text);
            }

            public interface ChatClient
            {
                ValueTask Notice(int level);
            }

            [SocketIONamespace("/one")]
            public sealed partial class OneNamespace : Namespace<IChatClient>
            {
                public ValueTask on_say(string text) => All.Message(text);
            }

            [SocketIONamespace("/two")]
            public sealed partial class TwoNamespace : Namespace<ChatClient>
            {
                public ValueTask on_say(int level) => All.Notice(level);
            }
            """);

        Baseline.AssertClean(run);

        // ChatClient's proxy is ChatClientProxy; IChatClient keeps its I so the two stay apart.
        Assert.Contains("sealed class IChatClientProxy : global::MyApp.IChatClient", run.File("MyApp.IChatClientProxy.g.cs").Text, StringComparison.Ordinal);
        Assert.Contains("sealed class ChatClientProxy : global::MyApp.ChatClient", run.File("MyApp.ChatClientProxy.g.cs").Text, StringComparison.Ordinal);
        Assert.Contains("global::MyApp.IChatClientProxy All", run.File("MyApp.OneNamespace.g.cs").Text, StringComparison.Ordinal);
        Assert.Contains("global::MyApp.ChatClientProxy All", run.File("MyApp.TwoNamespace.g.cs").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proxy_name_the_user_already_declared_gets_a_number()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public interface IChatClient
            {
                ValueTask Message(string text);
            }

            /// <summary>The user's own class of the name the proxy would have.</summary>
            public sealed class ChatClientProxy;

            [SocketIONamespace("/one")]
            public sealed partial class OneNamespace : Namespace<IChatClient>
            {
                public ValueTask on_say(string text) => All.Message(text);
            }
            """);

        Baseline.AssertClean(run);
        Assert.Contains("sealed class ChatClientProxy2 : global::MyApp.IChatClient", run.File("MyApp.ChatClientProxy2.g.cs").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_members_step_aside_for_the_users_members()
    {
        // A Dispatcher and an _all of the user's own, and a handler named like the dispatcher's members.
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public interface IClient
            {
                ValueTask _target(string text);

                ValueTask TypeInfos(Point point);
            }

            public sealed record Point(int X, int Y);

            [SocketIONamespace("/steps")]
            public sealed partial class StepNamespace : Namespace<IClient>
            {
                private readonly int _all = 1;

                public string Dispatcher => "mine";

                [Event("json")]
                public int _json(Point _namespace) => _all;

                [Event("try")]
                public void TryDispatch() { }
            }
            """);

        Baseline.AssertClean(run);
        var text = run.File("MyApp.StepNamespace.g.cs").Text;
        Assert.Contains("private sealed class Dispatcher2 :", text, StringComparison.Ordinal);
        Assert.Contains("_all2 ??= new(", text, StringComparison.Ordinal);
        Assert.Contains("handling = _json2(socket, incoming);", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("To")]
    [InlineData("Except")]
    [InlineData("Volatile")]
    [InlineData("Local")]
    [InlineData("Timeout")]
    public void A_client_method_named_like_a_proxy_operator(string name)
    {
        // The event keeps its name; the operator it would collide with becomes {name}Operator.
        var run = GeneratorHarness.Run($$"""
            using TypedSocketIO;

            namespace MyApp;

            public interface IMapClient
            {
                ValueTask {{name}}(string place);
            }

            [SocketIONamespace("/map")]
            public sealed partial class MapNamespace : Namespace<IMapClient>
            {
                public ValueTask on_go(Socket socket, string place) => All.{{name}}(place);

                public ValueTask on_around(Socket socket, string place) => To("room").{{(name == "Except" ? "ExceptOperator" : "Except")}}(socket).{{name}}(place);
            }
            """);

        Baseline.AssertClean(run);
        var proxy = run.File("MyApp.MapClientProxy.g.cs").Text;
        Assert.Contains("public global::System.Threading.Tasks.ValueTask " + name + "(string place)", proxy, StringComparison.Ordinal);
        Assert.Contains(" " + name + "Operator", proxy, StringComparison.Ordinal);
        Assert.Contains("ForEvent(\"" + char.ToLowerInvariant(name[0]) + name.Substring(1) + "\"", proxy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_method_named_Local_with_the_operators_in_use()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public interface IMapClient
            {
                ValueTask Local(string place);
            }

            [SocketIONamespace("/map")]
            public sealed partial class MapNamespace : Namespace<IMapClient>
            {
                public ValueTask on_go(string place) => All.Local(place);

                public ValueTask on_here(string place) => All.LocalOperator.Volatile.Local(place);
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void A_JSON_type_whose_name_is_a_keyword()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public sealed record @event(string Name);

            [SocketIONamespace("/keywords")]
            public sealed partial class KeywordNamespace : Namespace
            {
                public void on_event(@event value) { }
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void Handlers_inherited_from_a_base_class_are_dispatched_too()
    {
        // A base class between Namespace and the attributed class may hold shared handlers.
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public abstract class BaseNamespace : Namespace
            {
                public void on_inherited() { }
            }

            [SocketIONamespace("/derived")]
            public sealed partial class DerivedNamespace : BaseNamespace
            {
                public void on_own() { }
            }
            """);

        var text = run.File("MyApp.DerivedNamespace.g.cs").Text;
        Assert.Contains("\"own\"u8", text, StringComparison.Ordinal);
        Assert.Contains("\"inherited\"u8", text, StringComparison.Ordinal);
        Baseline.AssertClean(run);
    }

    [Fact]
    public void Handlers_of_a_base_class_follow_the_same_rules_as_the_class_own()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public abstract class SharedHandlers<T> : Namespace
            {
                public int on_echo(T value) => 1;

                public virtual string on_name() => "base";

                private void on_secret() { }

                public void on_hidden() { }
            }

            [SocketIONamespace("/derived")]
            public sealed partial class DerivedNamespace : SharedHandlers<int>
            {
                public override string on_name() => "derived";

                [Event("hidden")]
                public void Replacement() { }
            }
            """);

        Baseline.AssertClean(run);
        var text = run.File("MyApp.DerivedNamespace.g.cs").Text;
        Assert.Contains("var value = arguments.ReadInt32();", text, StringComparison.Ordinal); // T bound as the derived class constructs it
        Assert.Single(Regex.Matches(text, "\"name\"u8"));                                    // the override stands for the virtual
        Assert.Contains("_namespace.Replacement()", text, StringComparison.Ordinal);             // the derived class's handler wins
        Assert.DoesNotContain("_namespace.on_hidden()", text, StringComparison.Ordinal);
        Assert.DoesNotContain("on_secret", text, StringComparison.Ordinal);                     // private: not dispatched
    }

    [Fact]
    public void A_generic_client_interface_gets_a_well_formed_doc_comment()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public interface IClient<T>
            {
                ValueTask Value(T value);
            }

            [SocketIONamespace("/numbers")]
            public sealed partial class NumberNamespace : Namespace<IClient<int>>
            {
                public ValueTask on_number(int value) => All.Value(value);
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void A_nullable_JSON_result_is_written_without_a_nullability_warning()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public sealed record Point(int X, int Y);

            [SocketIONamespace("/maybe")]
            public sealed partial class MaybeNamespace : Namespace
            {
                public Point? on_point() => null;

                public Task<Point?> on_later() => Task.FromResult<Point?>(null);

                public (int, Point?) on_pair() => (1, null);
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void JSON_values_with_nested_nullable_annotations_bind_without_a_nullability_warning()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public sealed record Point(int X, int Y);

            [SocketIONamespace("/nested")]
            public sealed partial class NestedNamespace : Namespace
            {
                public void on_names(List<string?> names) { }

                public Point?[] on_points() => [];
            }
            """);

        Baseline.AssertClean(run);
    }

    [Fact]
    public void Collections_arrays_and_nullable_JSON_parameters_bind_through_their_type_info()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            public sealed record Point(int X, int Y);

            [SocketIONamespace("/collections")]
            public sealed partial class CollectionNamespace : Namespace
            {
                public int[][] on_collections(Dictionary<string, Point> map, int[] numbers, int[][] jagged, List<Point>? maybe, Point? point, long? big) => jagged;
            }
            """);

        Baseline.AssertClean(run);
        var text = run.File("MyApp.CollectionNamespace.g.cs").Text;
        Assert.Contains("arguments.ReadNonNull(_intArrayInfo)", text, StringComparison.Ordinal);
        Assert.Contains("arguments.Read(_listOfPointInfo)", text, StringComparison.Ordinal);
        Assert.Contains("arguments.Read(_pointInfo)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nullable_byte_array_travels_as_null()
    {
        var run = GeneratorHarness.Run("""
            using TypedSocketIO;

            namespace MyApp;

            [SocketIONamespace("/binary")]
            public sealed partial class BinaryNamespace : Namespace
            {
                public byte[]? on_echo(byte[]? data) => data;
            }
            """);

        Baseline.AssertClean(run);
        var text = run.File("MyApp.BinaryNamespace.g.cs").Text;
        Assert.Contains("WriteNullValue", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ReadBytes()", text, StringComparison.Ordinal);
    }
}
