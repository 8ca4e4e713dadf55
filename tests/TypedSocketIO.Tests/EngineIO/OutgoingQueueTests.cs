using System.Threading.Channels;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.EngineIO;

/// <summary>
/// The session queue in drainer mode (a WebSocket's): a round is scheduled only when there is
/// something to send and none is under way, and a round ends only once nothing is left.
/// </summary>
public sealed class OutgoingQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Schedules_a_round_when_a_frame_arrives_and_not_again_while_it_runs()
    {
        var queue = new OutgoingQueue(1024);
        var drainer = new RecordingDrainer();
        queue.DrainWith(drainer);
        Assert.False(queue.IsRoundScheduled); // nothing to send: nothing scheduled (decided at once, under the queue's lock)

        queue.TryEnqueue([Frame("a")]);
        await drainer.NextRoundAsync();
        queue.TryEnqueue([Frame("b")]); // a round is under way (not ended): no second one

        Assert.Equal(["a", "b"], Texts(queue.Drain([])));
        Assert.True(queue.TryEndDrain());
        Assert.Equal(1, drainer.Rounds);

        queue.TryEnqueue([Frame("c")]);
        await drainer.NextRoundAsync();
        Assert.Equal(2, drainer.Rounds);
    }

    [Fact]
    public async Task A_round_cannot_end_while_frames_wait_or_a_pong_is_due_or_the_queue_is_completed()
    {
        var queue = new OutgoingQueue(1024);
        var drainer = new RecordingDrainer();
        queue.DrainWith(drainer);
        queue.TryEnqueue([Frame("a")]);
        await drainer.NextRoundAsync();

        Assert.False(queue.TryEndDrain()); // "a" is still queued
        queue.Drain([]);
        queue.Nudge();
        Assert.False(queue.TryEndDrain()); // a pong is due
        queue.Drain([]);
        queue.Complete();
        Assert.False(queue.TryEndDrain()); // the close frame is due
        Assert.True(queue.IsFinished);
    }

    [Fact]
    public async Task Completing_an_idle_queue_schedules_the_round_that_closes()
    {
        var queue = new OutgoingQueue(1024);
        var drainer = new RecordingDrainer();
        queue.DrainWith(drainer);

        queue.Complete();

        await drainer.NextRoundAsync();
        Assert.True(queue.IsFinished);
        Assert.Equal(EnqueueResult.Closed, queue.TryEnqueue([Frame("late")]));
    }

    [Fact]
    public async Task Drops_a_volatile_frame_while_a_round_is_under_way_and_queues_it_when_idle()
    {
        var queue = new OutgoingQueue(1024);
        var drainer = new RecordingDrainer();
        queue.DrainWith(drainer);

        Assert.Equal(EnqueueResult.Queued, queue.TryEnqueue([Frame("idle")], onlyIfIdle: true));
        await drainer.NextRoundAsync();
        Assert.Equal(EnqueueResult.Dropped, queue.TryEnqueue([Frame("busy")], onlyIfIdle: true));

        Assert.Equal(["idle"], Texts(queue.Drain([])));
    }

    [Fact]
    public async Task A_poll_waiting_when_a_websocket_takes_over_is_answered_with_nothing()
    {
        var queue = new OutgoingQueue(1024);
        var waiting = queue.WaitForDataAsync(CancellationToken.None);

        queue.DrainWith(new RecordingDrainer());

        Assert.False(await waiting.AsTask().WaitAsync(Wait));
        Assert.False(await queue.WaitForDataAsync(CancellationToken.None)); // nor does any later poll
    }

    private static EngineFrame Frame(string text) => EngineFrame.Text(System.Text.Encoding.UTF8.GetBytes(text));

    private static string[] Texts(List<EngineFrame> frames) => [.. frames.Select(frame => System.Text.Encoding.UTF8.GetString(frame.Data.Span))];

    /// <summary>Counts the rounds the queue schedules, and lets a test wait for the next one.</summary>
    private sealed class RecordingDrainer : IThreadPoolWorkItem
    {
        private readonly Channel<int> _rounds = Channel.CreateUnbounded<int>();
        private int _count;

        public int Rounds => Volatile.Read(ref _count);

        public void Execute() => _rounds.Writer.TryWrite(Interlocked.Increment(ref _count));

        public async Task NextRoundAsync() => await _rounds.Reader.ReadAsync().AsTask().WaitAsync(Wait);
    }
}
