using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace TypedSocketIO.Benchmarks.Load;

/// <summary>
/// One Engine.IO session over HTTP long-polling, kept at a fixed number of echo requests in
/// flight: one connection polls (GET), the other posts (POST) every request queued since its
/// last POST as one payload (packets separated by <c>\x1e</c>), as a browser's client does.
/// </summary>
internal sealed class PollingSession : IDisposable
{
    private const int Ring = 256;
    private readonly RunState _run;
    private readonly byte[] _quotedPayload;
    private readonly HttpConnection _poll;
    private readonly HttpConnection _post;
    private readonly long[] _sentAt = new long[Ring];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _postSignal = new(0, int.MaxValue);
    private byte[] _pending = new byte[4096];
    private byte[] _posting = new byte[4096];
    private int _pendingLength;
    private long _nextId;
    private string _path = "";

    private PollingSession(RunState run, byte[] quotedPayload, HttpConnection poll, HttpConnection post)
    {
        _run = run;
        _quotedPayload = quotedPayload;
        _poll = poll;
        _post = post;
    }

    public Histogram Latency { get; } = new();

    public long Completed { get; private set; }

    public long Errors { get; private set; }

    public long Requests => _poll.Requests + _post.Requests;

    public Task? PollTask { get; private set; }


    public Task? PostTask { get; private set; }

    /// <summary>Opens the session (handshake GET, CONNECT by POST, the CONNECT answer by GET).</summary>
    public static async Task<PollingSession> ConnectAsync(IPEndPoint endpoint, RunState run, byte[] quotedPayload, CancellationToken cancellationToken)
    {
        var poll = await HttpConnection.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        HttpConnection? post = null;
        try
        {
            post = await HttpConnection.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            var session = new PollingSession(run, quotedPayload, poll, post);
            await session.HandshakeAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            poll.Dispose();
            post?.Dispose();
            throw;
        }
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await _poll.SendAsync("GET", "/socket.io/?EIO=4&transport=polling", default, cancellationToken).ConfigureAwait(false);
        var open = Encoding.UTF8.GetString(body.Span);
        var sidAt = open.IndexOf("\"sid\":\"", StringComparison.Ordinal);
        if (status != 200 || !open.StartsWith('0') || sidAt < 0)
        {
            throw new IOException($"polling handshake failed: {status} {open}");
        }

        var sid = open[(sidAt + 7)..open.IndexOf('"', sidAt + 7)];
        _path = "/socket.io/?EIO=4&transport=polling&sid=" + Uri.EscapeDataString(sid);

        (status, _) = await _post.SendAsync("POST", _path, "40"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        if (status != 200)
        {
            throw new IOException($"CONNECT post failed: {status}");
        }

        while (true)
        {
            (status, body) = await _poll.SendAsync("GET", _path, default, cancellationToken).ConfigureAwait(false);
            if (status != 200)
            {
                throw new IOException($"CONNECT poll failed: {status}");
            }

            if (body.Span.IndexOf("40{"u8) >= 0)
            {
                return;
            }
        }
    }

    /// <summary>Runs the poll and post loops until cancelled, starting with <paramref name="inflight"/> requests.</summary>
    public Task RunAsync(int inflight, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            for (var i = 0; i < Math.Min(inflight, Ring); i++)
            {
                AppendRequestLocked();
            }
        }

        _postSignal.Release();
        PollTask = Guard(PollLoopAsync(cancellationToken));
        PostTask = Guard(PostLoopAsync(cancellationToken));
        return Task.WhenAll(PollTask, PostTask);
    }

    private async Task Guard(Task loop)
    {
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Stopped, or the server went away.
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine("loop failed: " + exception);
            throw;
        }
    }

    private async Task PollLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (status, body) = await _poll.SendAsync("GET", _path, default, cancellationToken).ConfigureAwait(false);
            if (status != 200)
            {
                Errors++;
                return;
            }

            var signal = false;
            lock (_gate)
            {
                var rest = body.Span;
                while (!rest.IsEmpty)
                {
                    var separator = rest.IndexOf((byte)0x1e);
                    var packet = separator < 0 ? rest : rest[..separator];
                    rest = separator < 0 ? default : rest[(separator + 1)..];
                    signal |= HandleLocked(packet);
                }
            }

            if (signal)
            {
                _postSignal.Release();
            }
        }
    }

    /// <summary>Handles one Engine.IO packet of a poll; true when something was queued to post.</summary>
    private bool HandleLocked(ReadOnlySpan<byte> packet)
    {
        if (packet.SequenceEqual("2"u8))
        {
            Append("3"u8);
            return true;
        }

        if (packet.Length < 3 || packet[0] != (byte)'4' || packet[1] != (byte)'3')
        {
            return false; // noop, CONNECT answer
        }

        var now = Stopwatch.GetTimestamp();
        if (!Utf8Parser.TryParse(packet[2..], out long id, out var digits))
        {
            Errors++;
            return false;
        }

        var args = packet[(2 + digits)..];
        if (args.Length != _quotedPayload.Length + 2 || !args[1..^1].SequenceEqual(_quotedPayload))
        {
            Errors++;
        }

        if (_run.Phase == RunState.Measuring)
        {
            Latency.Record(RunState.ElapsedNanos(_sentAt[id & (Ring - 1)], now));
            Completed++;
        }

        if (_run.Phase == RunState.Stopping)
        {
            return false;
        }

        AppendRequestLocked();
        return true;
    }

    private void AppendRequestLocked()
    {
        Span<byte> frame = stackalloc byte[EchoRequest.MaxLength(_quotedPayload.Length)];
        var id = _nextId++;
        var length = EchoRequest.Write(frame, id, _quotedPayload);
        _sentAt[id & (Ring - 1)] = Stopwatch.GetTimestamp();
        Append(frame[..length]);
    }

    private void Append(ReadOnlySpan<byte> packet)
    {
        var needed = _pendingLength + packet.Length + 1;
        if (needed > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(needed, _pending.Length * 2));
        }

        if (_pendingLength > 0)
        {
            _pending[_pendingLength++] = 0x1e;
        }

        packet.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += packet.Length;
    }

    private async Task PostLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await _postSignal.WaitAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlyMemory<byte> body;
            lock (_gate)
            {
                if (_pendingLength == 0)
                {
                    continue;
                }

                (_posting, _pending) = (_pending, _posting);
                body = _posting.AsMemory(0, _pendingLength);
                _pendingLength = 0;
            }

            var (status, _) = await _post.SendAsync("POST", _path, body, cancellationToken).ConfigureAwait(false);
            if (status != 200)
            {
                Errors++;
                return;
            }
        }
    }

    public void Dispose()
    {
        _poll.Dispose();
        _post.Dispose();
        // _postSignal is left to the GC: disposing a SemaphoreSlim strands a waiter whose cancellation is in progress.
    }
}
