using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.EngineIO;

/// <summary>The WebSocket transport: one Engine.IO packet per frame, a reader and a writer loop per session.</summary>
internal static class WebSocketTransport
{
    private static readonly byte[] ProbePing = "2probe"u8.ToArray();
    private static readonly byte[] ProbePong = "3probe"u8.ToArray();

    /// <summary>How long a closed session waits for the client's half of the close handshake before dropping the connection.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>Runs a session whose transport is this WebSocket until either side closes.</summary>
    public static Task RunAsync(EngineIOConnection connection, WebSocket socket) => PumpAsync(connection, socket);

    /// <summary>
    /// Starts the reader, then writes until the session ends (in this method, not another: an
    /// idle session keeps one frame less). A client that then neither answers the close nor
    /// finishes the frame it started (a stalled or hostile one) is cut off, so that no
    /// connection outlives its session.
    /// </summary>
    private static async Task PumpAsync(EngineIOConnection connection, WebSocket socket)
    {
        var reading = ReadLoopAsync(connection, socket);
        var spare = new List<EngineFrame>();
        try
        {
            while (await connection.Queue.WaitForDataAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var frames = connection.Queue.Drain(spare);
                foreach (var frame in frames)
                {
                    var type = frame.IsBinary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
                    await socket.SendAsync(frame.Data, type, true, CancellationToken.None).ConfigureAwait(false);
                }

                frames.Clear();
                spare = frames;
            }

            await CloseQuietlyAsync(socket, WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            connection.Close(EngineIOCloseReason.TransportError);
            socket.Abort();
        }

        if (await Task.WhenAny(reading, Task.Delay(CloseGrace)).ConfigureAwait(false) != reading)
        {
            socket.Abort();
        }

        await reading.ConfigureAwait(false);
    }

    /// <summary>Upgrades a polling session: probe, release the pending poll, wait for the upgrade packet.</summary>
    public static async Task UpgradeAsync(EngineIOConnection connection, WebSocket socket, CancellationToken requestAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(connection.Server.Options.UpgradeTimeout);
        var maxPayload = connection.Server.Options.MaxPayload;
        try
        {
            while (true)
            {
                var first = await socket.ReceiveAsync(Memory<byte>.Empty, timeout.Token).ConfigureAwait(false);
                var message = await ReadMessageAsync(socket, first, maxPayload, timeout.Token).ConfigureAwait(false);
                if (message.Kind != MessageKind.Text)
                {
                    throw new WebSocketException("upgrade interrupted");
                }

                if (message.Data.Span.SequenceEqual(ProbePing))
                {
                    await socket.SendAsync(ProbePong, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
                    connection.ReleasePoll();
                }
                else if (message.Data.Length == 1 && message.Data.Span[0] == (byte)'0' + (byte)EnginePacketType.Upgrade)
                {
                    break;
                }
                else
                {
                    throw new WebSocketException("unexpected packet during upgrade");
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException)
        {
            connection.AbortUpgrade();
            socket.Abort();
            return;
        }

        connection.CompleteUpgrade();
        connection.Server.Log.Upgraded(connection.Id);
        await PumpAsync(connection, socket).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads messages until the session or the socket closes. No token is passed to the reads: a
    /// dropped connection fails them anyway, and a registration per session costs idle memory.
    /// </summary>
    private static async Task ReadLoopAsync(EngineIOConnection connection, WebSocket socket)
    {
        var reason = EngineIOCloseReason.TransportClose;
        var maxPayload = connection.Server.Options.MaxPayload;
        try
        {
            while (connection.IsOpen)
            {
                // Wait for the next message without holding a buffer (a zero-byte read): idle
                // sessions, the common case, then cost no receive buffer.
                var first = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                var message = await ReadMessageAsync(socket, first, maxPayload, CancellationToken.None).ConfigureAwait(false);
                if (message.Kind == MessageKind.Close)
                {
                    break;
                }

                if (message.Kind == MessageKind.TooLarge)
                {
                    connection.Server.Log.PayloadTooLarge(connection.Id, maxPayload);
                    reason = EngineIOCloseReason.TransportError;
                    await CloseQuietlyAsync(socket, WebSocketCloseStatus.MessageTooBig).ConfigureAwait(false);
                    break;
                }

                await connection.ReceiveAsync(message.Data, message.Kind == MessageKind.Binary).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException)
        {
            connection.Server.Log.WebSocketFailed(exception, connection.Id);
            reason = EngineIOCloseReason.TransportClose;
        }
        finally
        {
            connection.Close(reason);
        }
    }

    /// <summary>
    /// Reads the message whose start a zero-byte read announced (<paramref name="first"/>) whole
    /// into a pooled buffer and copies it out, so the caller owns the bytes. Its payload has
    /// usually arrived with its header, so this rarely waits; when it does, its state is pooled.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<ReceivedMessage> ReadMessageAsync(WebSocket socket, ValueWebSocketReceiveResult first, int maxPayload, CancellationToken cancellationToken)
    {
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return new ReceivedMessage(MessageKind.Close, default);
        }

        var kind = first.MessageType == WebSocketMessageType.Binary ? MessageKind.Binary : MessageKind.Text;
        if (first.EndOfMessage)
        {
            return new ReceivedMessage(kind, ReadOnlyMemory<byte>.Empty);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return new ReceivedMessage(MessageKind.Close, default);
                }

                length += result.Count;
                if (length > maxPayload)
                {
                    return new ReceivedMessage(MessageKind.TooLarge, default);
                }

                if (result.EndOfMessage)
                {
                    return new ReceivedMessage(kind, buffer.AsSpan(0, length).ToArray());
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(status, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException)
        {
            socket.Abort();
        }
    }

    private enum MessageKind
    {
        Text,
        Binary,
        Close,
        TooLarge,
    }

    /// <summary>One whole message (its bytes owned by the receiver), or why there is none.</summary>
    private readonly record struct ReceivedMessage(MessageKind Kind, ReadOnlyMemory<byte> Data);
}
