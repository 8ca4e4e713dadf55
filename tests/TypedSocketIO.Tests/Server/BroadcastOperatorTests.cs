using System.Text.RegularExpressions;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Server;

/// <summary>
/// <see cref="BroadcastOperator"/> on its own, with in-memory clients (no network): the selection
/// and flags each operator builds, and which sockets its emits and room operations reach. Four
/// sockets: A in r1, B in r1 and r2, C in r2, D in no room. (The same operators against clients
/// over the wire: <c>Operators/BroadcastOperatorTests</c>.)
/// </summary>
public sealed partial class BroadcastOperatorTests : IAsyncLifetime
{
    private OfflineNamespace _offline = null!;
    private Socket _a = null!;
    private Socket _b = null!;
    private Socket _c = null!;
    private Socket _d = null!;

    private ServerNamespace Ns => _offline.Namespace;

    public async Task InitializeAsync()
    {
        _offline = new OfflineNamespace("/ops", options => options.AdapterFactory = ns => new RecordingAdapter(ns));
        (_a, _b, _c, _d) = (await _offline.ConnectAsync(), await _offline.ConnectAsync(), await _offline.ConnectAsync(), await _offline.ConnectAsync());
        await _a.JoinAsync("r1");
        await _b.JoinAsync(["r1", "r2"]);
        await _c.JoinAsync("r2");
    }

    public async Task DisposeAsync() => await _offline.DisposeAsync();

    [Fact]
    public void Each_operator_returns_a_new_selection_and_leaves_its_source_unchanged()
    {
        var all = Ns.All;
        var narrowed = all.To("r1").Except("r2").Volatile.Local.Compress(false).Timeout(TimeSpan.FromSeconds(3));

        Assert.NotSame(all, narrowed);
        AssertSelection(all.Options, rooms: [], except: []);
        Assert.False(all.Options.Volatile);
        Assert.False(all.Options.Local);
        Assert.True(all.Options.Compress);
        Assert.Null(all.Options.Timeout);
        AssertSelection(narrowed.Options, rooms: ["r1"], except: ["r2"]);
    }

    [Fact]
    public void To_and_In_add_target_rooms_and_Except_adds_exclusions()
    {
        var options = Ns.To("r1").In("r2").To(["r3", "r1"]).In(["r4"]).Except("x").Except(["y", "x"]).Except(_d).Options;

        AssertSelection(options, rooms: ["r1", "r2", "r3", "r4"], except: [_d.Id, "x", "y"]);
    }

    [Fact]
    public void Volatile_Local_Compress_and_Timeout_set_their_flags()
    {
        var options = Ns.All.Volatile.Local.Compress(false).Timeout(TimeSpan.FromMilliseconds(1500)).Options;

        Assert.True(options.Volatile);
        Assert.True(options.Local);
        Assert.False(options.Compress);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.Timeout);
        Assert.True(Ns.All.Compress(false).Compress(true).Options.Compress);
    }

    [Fact]
    public void A_sockets_operators_leave_the_socket_itself_out()
    {
        AssertSelection(_a.Broadcast.Options, rooms: [], except: [_a.Id]);
        AssertSelection(_a.To("r1").Options, rooms: ["r1"], except: [_a.Id]);
        AssertSelection(_a.In("r1").Options, rooms: ["r1"], except: [_a.Id]);
        AssertSelection(_a.To(["r1", "r2"]).Options, rooms: ["r1", "r2"], except: [_a.Id]);
        AssertSelection(_a.Except("r2").Options, rooms: [], except: [_a.Id, "r2"]);
    }

    [Fact]
    public async Task Emits_reach_exactly_the_selected_sockets_each_once()
    {
        await Ns.To("r1").EmitAsync("e", 1);
        await Ns.In("r2").EmitAsync("e", 2);
        await Ns.To(["r1", "r2"]).EmitAsync("e", 3); // B, in both, gets it once
        await Ns.To("r1").Except("r2").EmitAsync("e", 4);
        await Ns.All.Except(["r1", "r2"]).EmitAsync("e", 5);
        await Ns.All.To(_c.Id).EmitAsync("e", 6); // a socket's id is a room of its own
        await _b.To("r1").EmitAsync("e", 7); // from B: the others in r1
        await _b.Broadcast.EmitAsync("e", 8);
        await Ns.EmitAsync("e", 9);

        Assert.Equal(Events(1, 3, 4, 7, 8, 9), OfflineNamespace.TakeSent(_a));
        Assert.Equal(Events(1, 2, 3, 9), OfflineNamespace.TakeSent(_b));
        Assert.Equal(Events(2, 3, 6, 8, 9), OfflineNamespace.TakeSent(_c));
        Assert.Equal(Events(5, 8, 9), OfflineNamespace.TakeSent(_d));
    }

    [Fact]
    public async Task The_adapter_gets_the_selection_and_its_flags_with_the_packet_encoded_once()
    {
        await Ns.To("r1").To("r2").Except("r3").Volatile.Local.EmitAsync("news", "x");

        var call = Assert.Single(Adapter.CallsOf(nameof(SocketIOAdapter.BroadcastAsync)));
        Assert.Equal("42/ops,[\"news\",\"x\"]", call.Detail);
        AssertSelection(call.Options!, rooms: ["r1", "r2"], except: ["r3"]);
        Assert.True(call.Options!.Volatile);
        Assert.True(call.Options.Local);
    }

    [Fact]
    public async Task Local_still_reaches_this_servers_sockets()
    {
        await Ns.To("r2").Local.EmitAsync("e", 1);

        Assert.Equal(Events(1), OfflineNamespace.TakeSent(_b));
        Assert.Equal(Events(1), OfflineNamespace.TakeSent(_c));
        Assert.Empty(OfflineNamespace.TakeSent(_a));
    }

    [Fact]
    public async Task A_volatile_emit_is_dropped_for_a_client_not_waiting_for_data_and_sent_to_one_that_is()
    {
        var poll = _b.Client.Connection.Queue.WaitForDataAsync(CancellationToken.None); // B has a poll pending; A has none

        await Ns.To("r1").Volatile.EmitAsync("e", 1);
        await Ns.To("r1").EmitAsync("e", 2);

        Assert.True(await poll);
        Assert.Equal(Events(2), OfflineNamespace.TakeSent(_a));
        Assert.Equal(Events(1, 2), OfflineNamespace.TakeSent(_b));
    }

    [Fact]
    public async Task An_emit_with_ack_gathers_one_answer_from_each_selected_socket()
    {
        var answers = Ns.To("r1").EmitWithAckAsync("question", 1);

        await AnswerAsync(_a, "\"from a\"");
        await AnswerAsync(_b, "\"from b\"");

        var received = await answers.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["from a", "from b"], received.Select(arguments => arguments.GetString(0)).Order(StringComparer.Ordinal));
        Assert.Empty(OfflineNamespace.TakeSent(_c));
        Assert.Empty(OfflineNamespace.TakeSent(_d));
    }

    [Fact]
    public async Task An_emit_with_ack_that_a_socket_leaves_unanswered_fails_after_the_timeout_with_the_answers_that_came()
    {
        var answers = Ns.To("r2").Timeout(TimeSpan.FromMilliseconds(200)).EmitWithAckAsync("question");
        await AnswerAsync(_b, "true");
        Assert.Single(OfflineNamespace.TakeSent(_c)); // asked, never answers

        var timedOut = await Assert.ThrowsAsync<BroadcastAckTimeoutException>(() => answers.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, timedOut.Expected);
        Assert.Equal(0, timedOut.Disconnected);
        Assert.True(Assert.Single(timedOut.Responses).Get<bool>(0));
    }

    [Fact]
    public async Task Room_operations_act_on_the_selected_sockets_only()
    {
        Assert.Equal(Sorted(_a.Id, _b.Id), Sorted((await Ns.To("r1").FetchSocketsAsync()).Select(socket => socket.Id)));

        await Ns.To("r1").Except("r2").SocketsJoinAsync("r3");
        Assert.Equal(Sorted(_a.Id, "r1", "r3"), Sorted(_a.Rooms));
        Assert.DoesNotContain("r3", _b.Rooms);

        await Ns.All.SocketsLeaveAsync("r1", "r3");
        Assert.Equal([_a.Id], _a.Rooms);
        Assert.Equal(Sorted(_b.Id, "r2"), Sorted(_b.Rooms));

        await Ns.In("r2").Except(_b).DisconnectSocketsAsync();
        Assert.Equal(["41/ops,"], OfflineNamespace.TakeSent(_c));
        Assert.False(_c.Connected);
        Assert.True(_b.Connected);
        Assert.Empty(OfflineNamespace.TakeSent(_b));
    }

    private RecordingAdapter Adapter => (RecordingAdapter)Ns.Adapter;

    private static string[] Events(params int[] numbers) => [.. numbers.Select(n => $"42/ops,[\"e\",{n}]")];

    private static string[] Sorted(params IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];

    private static void AssertSelection(BroadcastOptions options, string[] rooms, string[] except)
    {
        Assert.Equal(Sorted(rooms), Sorted(options.Rooms));
        Assert.Equal(Sorted(except), Sorted(options.Except));
    }

    /// <summary>Reads the one event with ack queued for <paramref name="socket"/> and answers it as a client would.</summary>
    private async Task AnswerAsync(Socket socket, string answerJson)
    {
        var asked = Assert.Single(OfflineNamespace.TakeSent(socket));
        var ackId = AckIdOf().Match(asked);
        Assert.True(ackId.Success, $"not an event with ack: {asked}");
        await _offline.ReceiveAsync(socket, $"3/ops,{ackId.Groups[1].Value}[{answerJson}]");
    }

    [GeneratedRegex("^42/ops,([0-9]+)\\[")]
    private static partial Regex AckIdOf();
}
